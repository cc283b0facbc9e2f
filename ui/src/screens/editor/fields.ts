// Editing controls shared by the editor tabs (act, passport, sections,
// indicators). Text fields send their edit after a pause in typing or on
// blur, never per keystroke, so typing is never blocked by the save queue;
// every field with unsent typing is registered here so that the shell can
// flush it before undo, redo or a structural edit re-renders the tab.

import { h } from "../../dom.js";
import type { Applied, Edit } from "../../api.js";
import type { EditorContext } from "./tab.js";

const DEBOUNCE_MS = 400;

/** Fields with typing not yet sent, by a key unique on the screen. */
const pending = new Map<string, () => void>();

/** Sends every field's unsent typing now (the edits are queued in order). */
export function flushPending(): void {
  const senders = [...pending.values()];
  pending.clear();
  for (const send of senders) send();
}

export function hasPending(): boolean {
  return pending.size > 0;
}

/** Forgets unsent typing, e.g. when the editor is left for another screen. */
export function dropPending(): void {
  pending.clear();
}

/**
 * Typing that was refused (an impossible date, say), by programme and
 * field: a tab drawn again shows it in its field with the warning, rather
 * than the stored value in its place, until she fixes it or empties it.
 */
const unsaved = new Map<string, string>();

export function rememberUnsaved(key: string, typed: string): void {
  unsaved.set(key, typed);
}

export function forgetUnsaved(key: string): void {
  unsaved.delete(key);
}

export function unsavedText(key: string): string | undefined {
  return unsaved.get(key);
}

/** How many refused typings wait in a programme's fields (for the way out of the editor). */
export function unsavedCount(programme: number): number {
  return [...unsaved.keys()].filter((key) => key.startsWith(`${programme}/`)).length;
}

let fieldCounter = 0;

interface TextOptions {
  testId: string;
  value: string;
  multiline?: boolean;
  placeholder?: string;
  label?: string;
  className?: string;
  rows?: number;
  /** Turns the typed value into the text to store (e.g. list lines cleaned). */
  onPaste?: (text: string) => string;
  /** Called with the value to send; it queues the edit. */
  send: (value: string) => void;
}

/**
 * A text input or textarea that calls `send` 400 ms after the last keystroke
 * or on blur. The typed value is never replaced while the user types.
 */
export function textField(options: TextOptions): HTMLInputElement | HTMLTextAreaElement {
  const key = `field-${++fieldCounter}`;
  const element: HTMLInputElement | HTMLTextAreaElement = options.multiline
    ? h("textarea", { className: options.className ?? "field field-multiline", testId: options.testId })
    : h("input", { className: options.className ?? "field", testId: options.testId, attrs: { type: "text" } });
  element.value = options.value;
  if (element instanceof HTMLTextAreaElement) {
    element.rows = options.rows ?? Math.min(12, Math.max(2, options.value.split("\n").length));
    autoGrow(element);
  }
  if (options.placeholder !== undefined) element.placeholder = options.placeholder;
  if (options.label !== undefined) element.setAttribute("aria-label", options.label);
  let last = options.value;
  let timer: number | undefined;
  const send = (): void => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    pending.delete(key);
    if (element.value === last) return;
    last = element.value;
    options.send(element.value);
  };
  element.addEventListener("input", () => {
    if (element instanceof HTMLTextAreaElement) autoGrow(element);
    if (timer !== undefined) window.clearTimeout(timer);
    pending.set(key, send);
    timer = window.setTimeout(send, DEBOUNCE_MS);
  });
  element.addEventListener("blur", send);
  const onPaste = options.onPaste;
  if (onPaste !== undefined) {
    (element as HTMLElement).addEventListener("paste", (event) => {
      const text = event.clipboardData?.getData("text/plain");
      if (text === undefined || text === "") return;
      event.preventDefault();
      const cleaned = onPaste(text);
      const start = element.selectionStart ?? element.value.length;
      const end = element.selectionEnd ?? element.value.length;
      element.setRangeText(cleaned, start, end, "end");
      element.dispatchEvent(new Event("input"));
    });
  }
  return element;
}

/** Sets a textarea's height to its text (wrapped lines included), up to a limit. */
function fitHeight(element: HTMLTextAreaElement): void {
  if (!element.isConnected || element.clientWidth === 0) return;
  // At zero height scrollHeight is the text's own height, not the rows'.
  element.style.height = "0px";
  const borders = element.offsetHeight - element.clientHeight;
  element.style.height = `${Math.min(element.scrollHeight + borders, 480)}px`;
}

// Textareas are built detached; they learn their width when laid out, and
// again when the window is resized, so one observer fits them all.
const sizer = typeof ResizeObserver === "undefined"
  ? null
  : new ResizeObserver((entries) => {
      for (const entry of entries) {
        const target = entry.target;
        if (!(target instanceof HTMLTextAreaElement)) continue;
        const width = entry.contentRect.width;
        if (target.dataset["fitWidth"] === String(width)) continue;
        target.dataset["fitWidth"] = String(width);
        // Outside the observer's callback, so the height change is not a loop.
        requestAnimationFrame(() => fitHeight(target));
      }
    });

function autoGrow(element: HTMLTextAreaElement): void {
  if (element.isConnected) {
    fitHeight(element);
  } else {
    sizer?.observe(element);
  }
}

/** A labelled row of the form: label on the left, the control on the right. */
export function labelled(label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  const id = `ctl-${++fieldCounter}`;
  control.id = id;
  return h(
    "div",
    { className: "form-row" },
    h("label", { className: "form-label", attrs: { for: id } }, label),
    h("div", { className: "form-control" }, control, hint ?? null),
  );
}

export function button(
  text: string,
  testId: string,
  onClick: () => void,
  options: { title?: string; className?: string; disabled?: boolean } = {},
): HTMLButtonElement {
  const attrs: Record<string, string> = { type: "button" };
  if (options.title !== undefined) {
    attrs["title"] = options.title;
    attrs["aria-label"] = options.title;
  }
  const element = h("button", { className: options.className ?? "button button-small", testId, attrs, onClick }, text);
  element.disabled = options.disabled ?? false;
  return element;
}

/** ↑ ↓ ✕ buttons for an element of an ordered list. */
export function rowTools(
  testPrefix: string,
  index: number,
  count: number,
  actions: { move: (to: number) => void; remove: () => void; removeTitle: string },
): HTMLElement {
  return h(
    "span",
    { className: "row-tools" },
    button("↑", `${testPrefix}-up`, () => actions.move(index - 1), {
      title: "Выше (Alt+↑)",
      className: "icon-button",
      disabled: index === 0,
    }),
    button("↓", `${testPrefix}-down`, () => actions.move(index + 1), {
      title: "Ниже (Alt+↓)",
      className: "icon-button",
      disabled: index >= count - 1,
    }),
    button("✕", `${testPrefix}-delete`, actions.remove, {
      title: actions.removeTitle,
      className: "icon-button icon-danger",
    }),
  );
}

/** Alt+↑ / Alt+↓ anywhere inside `element` move it within its list. */
export function altArrows(element: HTMLElement, index: number, count: number, move: (to: number) => void): void {
  element.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "ArrowUp" && index > 0) {
      event.preventDefault();
      event.stopPropagation();
      move(index - 1);
    } else if (event.key === "ArrowDown" && index < count - 1) {
      event.preventDefault();
      event.stopPropagation();
      move(index + 1);
    }
  });
}

/**
 * Sends pending typing, applies one structural edit (add, delete, move) and
 * re-renders the tab; errors are already shown by the save indicator.
 */
export async function commit(ctx: EditorContext, edit: Edit): Promise<Applied | null> {
  flushPending();
  try {
    const applied = await ctx.apply(edit);
    await ctx.reload();
    return applied;
  } catch {
    return null;
  }
}

/**
 * A refusal beside what she did: the reason in words and, when there is
 * one, the step that would do what she meant. `place` is the row; the box
 * goes at its end and replaces an earlier one there.
 */
export function showRefusal(
  place: HTMLElement,
  testId: string,
  text: string,
  actions: { label: string; testId: string; run: () => void; danger?: boolean }[] = [],
): HTMLElement {
  place.querySelector(":scope > .refusal")?.remove();
  const box = h(
    "div",
    { className: "refusal", testId, attrs: { role: "alert" } },
    h("p", { className: "refusal-text", testId: `${testId}-text` }, text),
    h(
      "div",
      { className: "refusal-actions" },
      ...actions.map((a) =>
        button(a.label, a.testId, () => {
          box.remove();
          a.run();
        }, { className: a.danger === true ? "button button-small button-danger" : "button button-small" }),
      ),
      button("Закрыть", `${testId}-close`, () => box.remove()),
    ),
  );
  place.append(box);
  return box;
}

/** `commit`, and a refusal shown beside `place` (not only at the top of the page). */
export async function commitBeside(ctx: EditorContext, edit: Edit, place: HTMLElement, testId: string): Promise<Applied | null> {
  flushPending();
  try {
    const applied = await ctx.apply(edit);
    await ctx.reload();
    return applied;
  } catch (raw) {
    const message = raw instanceof Error && raw.message !== "" ? raw.message : "Изменение не сохранено.";
    showRefusal(place, testId, message);
    return null;
  }
}

/** Queues a text edit; failure is shown by the indicator, the field keeps its text. */
export function quietly(ctx: EditorContext, edit: Edit): void {
  ctx.apply(edit).catch(() => {});
}

/** After a re-render, focuses the element with this test id (if present). */
export function focusTestId(testId: string): void {
  const element = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(testId)}"]`);
  element?.focus();
}
