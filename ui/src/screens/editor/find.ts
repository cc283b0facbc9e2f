// Find (Ctrl+F) and replace (Ctrl+H) across the whole programme: a panel
// docked at the bottom of the editor with the list of hits on every tab.
// The search and the replacement are the core's (crates/core find.rs,
// through the find_text and replace_text commands), so the window and
// `metodist find` / `metodist replace` find the same things. A hit opens
// its tab, scrolls to the field, focuses it and selects the match; a
// replace-all is one undo step. The panel outlives a change of tab (the
// shell attaches it again to each editor it draws).
//
// data-testid: find-panel, find-input, find-prev, find-next, find-count,
// find-placeholders, find-replace-toggle, find-close, replace-input,
// replace-one, replace-all, find-status, find-hits, find-hit-N (N from 1,
// data-current on the one last gone to).

import { AppError, findText, replaceText } from "../../api.js";
import { h } from "../../dom.js";
import { plural } from "../../format.js";
import type { Hit, Programme, Query, ReplaceTarget, UndoState } from "../../api.js";
import { flushPending } from "./fields.js";
import { fieldTarget, fold } from "./find-places.js";

/** What the panel needs of the editor shell (its Session). */
export interface FindHost {
  readonly id: number;
  programme(): Programme;
  /** Resolves when every queued edit has been stored. */
  idle(): Promise<void>;
  /** Runs a command that changes the programme through the save queue (indicator, undo). */
  perform<T extends { undo: UndoState }>(call: () => Promise<T>): Promise<T>;
  /** Reloads the programme and draws the tab again. */
  reload(): Promise<void>;
}

interface FindState {
  programme: number;
  replacing: boolean;
  placeholders: boolean;
  query: string;
  replacement: string;
  hits: Hit[];
  total: number;
  /** The hit last gone to, or -1. */
  current: number;
  status: string;
}

const SEARCH_DELAY_MS = 250;
const FIELD_WAIT_MS = 20_000;

let state: FindState | null = null;
let host: FindHost | null = null;
let panel: Panel | null = null;
/** Each search gets a number; an older answer arriving late is dropped. */
let searchGeneration = 0;

/** «5 совпадений». */
const matches = (n: number): string => plural(n, "совпадение", "совпадения", "совпадений");

interface Panel {
  root: HTMLElement;
  input: HTMLInputElement;
  replaceInput: HTMLInputElement;
  count: HTMLElement;
  status: HTMLElement;
  list: HTMLOListElement;
  replaceRow: HTMLElement;
  toggle: HTMLButtonElement;
  placeholders: HTMLButtonElement;
  replaceOne: HTMLButtonElement;
  replaceAll: HTMLButtonElement;
}

function button(text: string, testId: string, title: string, onClick: () => void, className = "button button-small"): HTMLButtonElement {
  return h("button", { className, testId, attrs: { type: "button", title, "aria-label": title }, onClick }, text);
}

function buildPanel(): Panel {
  const input = h("input", {
    className: "field find-input",
    testId: "find-input",
    attrs: { type: "search", "aria-label": "Найти в программе", placeholder: "Найти во всей программе", spellcheck: "false" },
  });
  const replaceInput = h("input", {
    className: "field find-input",
    testId: "replace-input",
    attrs: { type: "text", "aria-label": "Заменить на", placeholder: "Заменить на", lang: "ru", spellcheck: "true" },
  });
  const count = h("span", { className: "find-count", testId: "find-count", attrs: { "aria-live": "polite" } });
  const status = h("p", { className: "find-status", testId: "find-status", attrs: { role: "status" } });
  const list = h("ol", { className: "find-hits", testId: "find-hits", attrs: { "aria-label": "Найденные места" } });
  const toggle = button("Заменить…", "find-replace-toggle", "Показать замену (Ctrl+H)", () => {
    if (state === null) return;
    state.replacing = !state.replacing;
    showState();
    (state.replacing ? replaceInput : input).focus();
  });
  const placeholders = button("Заполнители [ … ]", "find-placeholders", "Найти заполнители шаблона в квадратных скобках", () => {
    if (state === null) return;
    state.placeholders = !state.placeholders;
    if (state.placeholders) input.value = "";
    state.query = input.value;
    showState();
    void search();
  });
  const replaceOne = button("Заменить", "replace-one", "Заменить это совпадение", () => void replace(false));
  const replaceAll = button("Заменить все", "replace-all", "Заменить все совпадения (одно «Отменить» вернёт всё)", () => void replace(true));
  const replaceRow = h(
    "div",
    { className: "find-row" },
    h("label", { className: "find-label" }, h("span", { className: "find-label-text" }, "На что"), replaceInput),
    replaceOne,
    replaceAll,
  );
  const root = h(
    "section",
    { className: "find-panel", testId: "find-panel", attrs: { role: "search", "aria-label": "Поиск и замена" } },
    h(
      "div",
      { className: "find-row" },
      h("label", { className: "find-label" }, h("span", { className: "find-label-text" }, "Найти"), input),
      button("↑", "find-prev", "Предыдущее (Shift+F3)", () => void step(-1), "icon-button"),
      button("↓", "find-next", "Следующее (Enter, F3)", () => void step(1), "icon-button"),
      count,
      placeholders,
      toggle,
      button("✕", "find-close", "Закрыть поиск (Esc)", () => closeFind(), "icon-button"),
    ),
    replaceRow,
    status,
    list,
  );
  let timer: number | undefined;
  input.addEventListener("input", () => {
    if (state === null) return;
    state.query = input.value;
    if (state.placeholders && input.value !== "") state.placeholders = false;
    showState();
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), SEARCH_DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (timer !== undefined) window.clearTimeout(timer);
      void search().then(() => step(event.shiftKey ? -1 : 1));
    }
  });
  replaceInput.addEventListener("input", () => {
    if (state !== null) state.replacement = replaceInput.value;
  });
  replaceInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void replace(event.ctrlKey);
    }
  });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closeFind();
    }
  });
  // The page keeps room for the panel, so that a field scrolled into
  // view is not left under it.
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(() => {
      document.documentElement.style.setProperty("--find-panel-height", `${root.offsetHeight}px`);
    }).observe(root);
  }
  return { root, input, replaceInput, count, status, list, replaceRow, toggle, placeholders, replaceOne, replaceAll };
}

/** Draws the panel from the state: fields, buttons, the count and the hits. */
function showState(): void {
  if (panel === null || state === null) return;
  const s = state;
  if (panel.input.value !== s.query) panel.input.value = s.query;
  if (panel.replaceInput.value !== s.replacement) panel.replaceInput.value = s.replacement;
  panel.replaceRow.hidden = !s.replacing;
  panel.toggle.setAttribute("aria-pressed", String(s.replacing));
  panel.placeholders.setAttribute("aria-pressed", String(s.placeholders));
  panel.placeholders.classList.toggle("find-toggle-on", s.placeholders);
  panel.input.placeholder = s.placeholders ? "Заполнители шаблона «[…]»" : "Найти во всей программе";
  panel.replaceAll.textContent = s.placeholders ? "Заменить все такие" : "Заменить все";
  panel.replaceAll.title = s.placeholders
    ? "Заменить все такие же заполнители, как выбранный (одно «Отменить» вернёт всё)"
    : "Заменить все совпадения (одно «Отменить» вернёт всё)";
  const searching = s.placeholders || s.query !== "";
  panel.replaceOne.disabled = s.hits.length === 0;
  panel.replaceAll.disabled = s.hits.length === 0;
  if (!searching) {
    panel.count.textContent = "";
  } else if (s.total === 0) {
    panel.count.textContent = s.placeholders ? "Заполнителей нет" : "Не найдено";
  } else {
    const where = s.current >= 0 ? `${s.current + 1} из ` : "";
    const shown = s.total > s.hits.length ? ` (показаны первые ${s.hits.length})` : "";
    panel.count.textContent = `${where}${matches(s.total)}${shown}`;
  }
  panel.status.textContent = s.status;
  panel.list.replaceChildren(
    ...s.hits.map((hit, index) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            className: index === s.current ? "find-hit find-hit-current" : "find-hit",
            testId: `find-hit-${index + 1}`,
            attrs: index === s.current ? { type: "button", "data-current": "true" } : { type: "button" },
            onClick: () => void goTo(index),
          },
          h("span", { className: "find-hit-where" }, hit.location),
          h("span", { className: "find-hit-snippet" }, hit.before, h("mark", {}, hit.matched), hit.after),
        ),
      ),
    ),
  );
  panel.list.querySelector(".find-hit-current")?.scrollIntoView({ block: "nearest" });
}

function setStatus(text: string): void {
  if (state === null) return;
  state.status = text;
  if (panel !== null) panel.status.textContent = text;
}

function query(s: FindState): Query | null {
  if (s.placeholders) return { kind: "placeholders" };
  return s.query === "" ? null : { kind: "text", text: s.query };
}

/** Searches the stored programme (her unsent typing is stored first). */
async function search(): Promise<void> {
  const s = state;
  const h0 = host;
  if (s === null || h0 === null) return;
  const mine = ++searchGeneration;
  const q = query(s);
  if (q === null) {
    s.hits = [];
    s.total = 0;
    s.current = -1;
    s.status = "";
    showState();
    return;
  }
  flushPending();
  await h0.idle();
  try {
    const found = await findText(h0.id, q);
    if (mine !== searchGeneration || state !== s) return;
    s.hits = found.hits;
    s.total = found.total;
    s.current = -1;
    s.status = "";
  } catch (raw) {
    if (mine !== searchGeneration) return;
    s.hits = [];
    s.total = 0;
    s.status = raw instanceof AppError ? raw.message : "Не удалось выполнить поиск.";
  }
  showState();
}

async function step(by: number): Promise<void> {
  const s = state;
  if (s === null || s.hits.length === 0) return;
  const next = s.current < 0 ? (by > 0 ? 0 : s.hits.length - 1) : (s.current + by + s.hits.length) % s.hits.length;
  await goTo(next);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

/** The shown editor's element matching `css`, once the editor shows `tab`. */
async function waitForElement(tab: string | null, css: string, timeoutMs: number): Promise<HTMLElement | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
    if (editor !== null && (tab === null || editor.dataset["tab"] === tab)) {
      const element = editor.querySelector<HTMLElement>(css);
      if (element !== null) return element;
    }
    if (Date.now() > deadline) return null;
    await sleep(50);
  }
}

/** Opens the hit's tab, scrolls to its field, focuses it and selects the match. */
async function goTo(index: number): Promise<void> {
  const s = state;
  const h0 = host;
  const hit = s?.hits[index];
  if (s === null || h0 === null || hit === undefined) return;
  s.current = index;
  s.status = "";
  showState();
  const target = fieldTarget(h0.programme(), hit);
  if (target === null) {
    setStatus("Этого места в программе уже нет: она изменилась после поиска. Найдите снова (Enter).");
    return;
  }
  const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
  if (target.tab !== null && editor?.dataset["tab"] !== target.tab) {
    flushPending();
    window.location.hash = `#/programmes/${h0.id}/${target.tab}`;
  }
  let field = await waitForElement(target.tab, target.css, FIELD_WAIT_MS);
  if (field === null && target.near !== null) {
    field = await waitForElement(target.tab, target.near, 1_000);
    if (field !== null) {
      setStatus("Это поле на вкладке не редактируется отдельно: показано, где оно.");
      field.scrollIntoView({ block: "center" });
      return;
    }
  }
  if (state !== s || s.current !== index) return;
  if (field === null) {
    setStatus(`Не удалось показать это место: ${hit.location}.`);
    return;
  }
  // A field on a closed card («Оформление») is not shown until the card opens.
  const card = field.closest("details");
  if (card !== null && !card.open) card.open = true;
  field.scrollIntoView({ block: "center", inline: "nearest" });
  field.focus({ preventScroll: true });
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
    const length = field.value.length;
    field.setSelectionRange(Math.min(target.start, length), Math.min(target.end, length));
  }
  if (target.placeholder !== null) {
    setStatus(`Печатается обычный заголовок «${target.placeholder}» — он виден серым в пустом поле. Впишите свой или замените здесь: новый заголовок сохранится как ваш.`);
  }
  // A tab just drawn still sizes its text areas to their text, which moves
  // the field: keep it in view, above the panel, until it settles.
  for (let i = 0; i < 4 && field.isConnected; i++) {
    await sleep(120);
    const rect = field.getBoundingClientRect();
    const bottom = panel?.root.getBoundingClientRect().top ?? window.innerHeight;
    if (rect.top < 0 || rect.bottom > bottom) field.scrollIntoView({ block: "center", inline: "nearest" });
  }
}

/** Replaces the hit last gone to (or the first), or every match. */
async function replace(all: boolean): Promise<void> {
  const s = state;
  const h0 = host;
  if (s === null || h0 === null) return;
  if (s.hits.length === 0) {
    setStatus("Заменять нечего: сначала найдите текст.");
    return;
  }
  const index = s.current < 0 ? 0 : s.current;
  const hit = s.hits[index];
  if (hit === undefined) return;
  // In placeholder mode the text to replace is the chosen placeholder.
  const from = s.placeholders ? hit.matched : s.query;
  const target: ReplaceTarget = all ? { kind: "all" } : { kind: "one", place: hit.place, start: hit.start };
  flushPending();
  await h0.idle();
  let count: number;
  try {
    count = (await h0.perform(() => replaceText(h0.id, from, s.replacement, target))).count;
  } catch (raw) {
    setStatus(raw instanceof AppError ? raw.message : "Не удалось заменить текст.");
    return;
  }
  await h0.reload();
  await search();
  if (state !== s) return;
  if (!all && s.hits.length > 0) {
    // The replaced match is gone unless the new text matches too.
    const stays = !s.placeholders && fold(s.replacement).includes(fold(s.query));
    await goTo(Math.min(stays ? index + 1 : index, s.hits.length - 1));
    if (state !== s) return;
  }
  // After going on to the next match, which clears the status: what was
  // done is what she needs to read now.
  setStatus(
    all
      ? `Заменено: ${matches(count)}. Отменить всё сразу — Ctrl+Z или «Отменить».`
      : "Заменено. Отменить — Ctrl+Z.",
  );
}

/** Opens the panel (Ctrl+F; Ctrl+H with the replacement shown) in `root`. */
export function openFind(editor: FindHost, root: HTMLElement, replacing: boolean): void {
  host = editor;
  if (state === null || state.programme !== editor.id) {
    state = {
      programme: editor.id,
      replacing,
      placeholders: false,
      query: "",
      replacement: "",
      hits: [],
      total: 0,
      current: -1,
      status: "",
    };
  } else if (replacing) {
    state.replacing = true;
  }
  // A selected word in a field is what she wants to find.
  const active = document.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    const selected = active.value.slice(active.selectionStart ?? 0, active.selectionEnd ?? 0);
    if (selected !== "" && !selected.includes("\n") && selected.length <= 100 && !root.querySelector(".find-panel")?.contains(active)) {
      state.query = selected;
      state.placeholders = false;
    }
  }
  if (panel === null || !root.contains(panel.root)) {
    panel = buildPanel();
    root.append(panel.root);
  }
  document.documentElement.classList.add("find-open");
  showState();
  const focus = replacing && state.query !== "" ? panel.replaceInput : panel.input;
  focus.focus();
  focus.select();
  void search();
}

/** Called by the shell for every editor it draws: the open panel stays open across tabs. */
export function attachFind(editor: FindHost, root: HTMLElement): void {
  if (state === null || state.programme !== editor.id) {
    document.documentElement.classList.remove("find-open");
    panel = null;
    state = null;
    return;
  }
  host = editor;
  panel = buildPanel();
  root.append(panel.root);
  document.documentElement.classList.add("find-open");
  showState();
}

export function closeFind(): void {
  panel?.root.remove();
  panel = null;
  state = null;
  document.documentElement.classList.remove("find-open");
  document.documentElement.style.removeProperty("--find-panel-height");
}

/** After undo or redo: the hits are searched again (their places may have moved). */
export function refreshFind(): void {
  if (state !== null && panel !== null && panel.root.isConnected) void search();
}

/** F3 / Shift+F3 while the panel is open. */
export function findStep(by: number): boolean {
  if (state === null || panel === null || !panel.root.isConnected) return false;
  void step(by);
  return true;
}
