// A hash router with one job: pick the screen for `#/path`, render it, and show
// a uniform error panel when rendering fails. New screens (the programme
// editor, the monthly schedule) register a route in main.ts and nothing else.

import { AppError } from "./api.js";
import { errorPanel, loading } from "./components.js";

export type Params = Readonly<Record<string, string>>;

export interface Screen {
  /** Heading of the error panel when `render` fails with `error`. */
  errorHeading(error: AppError): string;
  render(params: Params): Promise<Node>;
}

interface Route {
  readonly parts: readonly string[];
  readonly screen: Screen;
}

const routes: Route[] = [];
let root: HTMLElement | null = null;
let fallbackPath = "/";
let afterRender: () => void = () => {};
// Renders are async; a slow one must not overwrite the screen the user has
// already moved on to.
let generation = 0;

function split(path: string): string[] {
  return path.split("/").filter((part) => part !== "");
}

/** `pattern` segments starting with ":" capture a parameter, e.g. "/programmes/:id". */
export function addRoute(pattern: string, screen: Screen): void {
  routes.push({ parts: split(pattern), screen });
}

function match(path: string): { screen: Screen; params: Params } | null {
  const parts = split(path);
  for (const route of routes) {
    if (route.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = route.parts.every((expected, index) => {
      const actual = parts[index] ?? "";
      if (expected.startsWith(":")) {
        params[expected.slice(1)] = decodeURIComponent(actual);
        return true;
      }
      return expected === actual;
    });
    if (ok) return { screen: route.screen, params };
  }
  return null;
}

function currentPath(): string {
  return window.location.hash.replace(/^#/, "") || fallbackPath;
}

export function navigate(path: string): void {
  if (currentPath() === path) {
    void render();
  } else {
    window.location.hash = `#${path}`;
  }
}

/** Renders the current screen again, e.g. after "Повторить". */
export function refresh(): void {
  void render();
}

async function render(): Promise<void> {
  if (root === null) return;
  const target = root;
  const mine = ++generation;
  const found = match(currentPath());
  if (found === null) {
    navigate(fallbackPath);
    return;
  }
  target.replaceChildren(loading());
  let content: Node;
  try {
    content = await found.screen.render(found.params);
  } catch (raw) {
    const error = toAppError(raw);
    content = errorPanel(found.screen.errorHeading(error), error, refresh);
  }
  if (mine !== generation) return;
  target.replaceChildren(content);
  afterRender();
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  console.error("Screen failed:", error);
  return new AppError(
    "ui_error",
    "Ошибка интерфейса. Перезапустите «Методист»; если ошибка повторится, сообщите разработчикам.",
  );
}

export function startRouter(
  screenRoot: HTMLElement,
  fallback: string,
  onRendered: () => void,
): void {
  root = screenRoot;
  fallbackPath = fallback;
  afterRender = onRendered;
  window.addEventListener("hashchange", () => void render());
  void render();
}
