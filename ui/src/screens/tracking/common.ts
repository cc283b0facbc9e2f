// Pieces shared by the tracking tabs (Сегодня, Месяц, График, Исполнение,
// Отчёт): status names and badges, the date hint, the filter bar, and the
// due-date row with its one-click «Выполнено».
//
// data-testid: filter-body, filter-block, filter-status, filter-search,
// filter-count; due-row (data-item, data-due, data-status), due-number,
// due-activity, due-status, due-done, due-comment-toggle, due-comment,
// due-done-with-comment, due-revert, due-error.

import { AppError } from "../../api.js";
import { h } from "../../dom.js";
import { checkDate, formatDate, parseDate } from "../../format.js";
import type { DueEntry, IsoDate, Programme, TrackingRecord, TrackStatus } from "../../api.js";
import type { EditorContext } from "../editor/tab.js";

/** A status as shown: the stored one, or «просрочено» derived from today. */
export type Shown = TrackStatus | "overdue";

export const STATUS_LABEL: Record<Shown, string> = {
  planned: "запланировано",
  done: "выполнено",
  done_late: "выполнено с нарушением срока",
  not_done: "не выполнено",
  moved: "перенесено",
  overdue: "просрочено",
};

/** Order of the legend and of the status filter. */
export const SHOWN_ORDER: readonly Shown[] = ["overdue", "planned", "done", "done_late", "not_done", "moved"];

/** Overdue is never stored: a planned or not-done date that has passed. */
export function shown(entry: DueEntry, today: IsoDate): Shown {
  if (entry.status === "planned" && entry.due < today) return "overdue";
  return entry.status;
}

export function isDone(status: TrackStatus): boolean {
  return status === "done" || status === "done_late";
}

export function badge(status: Shown, testId?: string): HTMLElement {
  return h(
    "span",
    { className: `tr-badge tr-s-${status}`, ...(testId === undefined ? {} : { testId }) },
    STATUS_LABEL[status],
  );
}

// ---- Dates ----

export const DATE_HINT = "Дата пишется так: 12.09.2024";

/** Why a typed date is refused, in words: «31.11.2026: в ноябре 30 дней. Не сохранено.» */
export function wrongDate(typed: string, what = "Дата"): string {
  const checked = checkDate(typed);
  // Not a date at all: how one is written, as before. A date that does not exist: why.
  if (checked.kind !== "wrong" || checked.problem.startsWith("дата пишется")) return DATE_HINT;
  return `${what} «${typed.trim()}»: ${checked.problem}. Не сохранено.`;
}

// ---- Filters ----

export interface Filters {
  body: string;
  block: string;
  status: string;
  search: string;
}

/** The filters stay as chosen while the user moves between tracking tabs. */
const filtersByProgramme = new Map<number, Filters>();

export function filtersOf(id: number): Filters {
  let f = filtersByProgramme.get(id);
  if (f === undefined) {
    f = { body: "", block: "", status: "", search: "" };
    filtersByProgramme.set(id, f);
  }
  return f;
}

/** «Отдел образования, ИМЦ» → the bodies named in a responsible cell. */
export function bodiesOf(responsible: string): string[] {
  return responsible
    .split(/[,;\n]/)
    .map((b) => b.replace(/\s+/g, " ").trim())
    .filter((b) => b !== "");
}

function norm(text: string): string {
  return text.toLocaleLowerCase("ru-RU").replace(/ё/g, "е");
}

/** What a filter looks at in one row: an entry, or an item of the timeline. */
export interface Filterable {
  block: string;
  responsible: string;
  statuses: readonly Shown[];
  text: string;
}

export function passes(f: Filters, row: Filterable): boolean {
  if (f.block !== "" && row.block !== f.block) return false;
  if (f.body !== "" && !bodiesOf(row.responsible).some((b) => norm(b) === norm(f.body))) return false;
  if (f.status !== "" && !row.statuses.includes(f.status as Shown)) return false;
  if (f.search.trim() !== "" && !norm(row.text).includes(norm(f.search.trim()))) return false;
  return true;
}

export function entryFilterable(e: DueEntry, today: IsoDate): Filterable {
  return {
    block: e.block_number,
    responsible: e.responsible,
    statuses: [shown(e, today)],
    text: `${e.number} ${e.activity} ${e.responsible} ${e.comment} ${e.evidence}`,
  };
}

/**
 * Selects for responsible body, block and status plus a search box. Every
 * change calls `apply` at once; the rows are already loaded, so filtering
 * never asks the Rust side.
 */
export function filterBar(id: number, p: Programme, apply: () => number): HTMLElement {
  const f = filtersOf(id);
  const bodies = new Map<string, string>();
  for (const block of p.roadmap.blocks) {
    for (const item of block.items) {
      for (const b of bodiesOf(item.responsible)) if (!bodies.has(norm(b))) bodies.set(norm(b), b);
    }
  }
  const select = (testId: string, label: string, all: string, options: [string, string][], value: string) => {
    const el = h(
      "select",
      { className: "field field-select tr-filter", testId, attrs: { "aria-label": label, title: label } },
      h("option", { attrs: { value: "" } }, all),
      ...options.map(([v, text]) => h("option", { attrs: { value: v } }, text)),
    );
    // A value no longer offered (a block deleted meanwhile) falls back to «all».
    el.value = options.some(([v]) => v === value) ? value : "";
    return el;
  };
  const body = select(
    "filter-body",
    "Исполнитель",
    "Все исполнители",
    [...bodies.values()].sort((a, b) => a.localeCompare(b, "ru")).map((b) => [b, b]),
    f.body,
  );
  const block = select(
    "filter-block",
    "Блок",
    "Все блоки",
    p.roadmap.blocks.map((b, i) => [String(i + 1), `${i + 1}. ${b.title}`]),
    f.block,
  );
  const status = select(
    "filter-status",
    "Статус",
    "Все статусы",
    SHOWN_ORDER.map((s) => [s, STATUS_LABEL[s]]),
    f.status,
  );
  const search = h("input", {
    className: "field tr-search",
    testId: "filter-search",
    attrs: { type: "search", placeholder: "Поиск по мероприятиям", "aria-label": "Поиск по мероприятиям" },
  });
  search.value = f.search;
  const count = h("span", { className: "tr-filter-count", testId: "filter-count", attrs: { role: "status" } });
  const reset = h("button", { className: "link-button", testId: "filter-reset", attrs: { type: "button" } }, "Сбросить");
  const run = (): void => {
    f.body = body.value;
    f.block = block.value;
    f.status = status.value;
    f.search = search.value;
    const shownRows = apply();
    const active = f.body !== "" || f.block !== "" || f.status !== "" || f.search.trim() !== "";
    count.textContent = active ? `Найдено: ${shownRows}` : "";
    reset.hidden = !active;
  };
  for (const el of [body, block, status]) el.addEventListener("change", run);
  search.addEventListener("input", run);
  reset.addEventListener("click", () => {
    body.value = block.value = status.value = search.value = "";
    run();
  });
  // The first application runs after the rows exist (the caller appends them).
  queueMicrotask(run);
  return h("div", { className: "tr-filters", testId: "filters" }, body, block, status, search, count, reset);
}

// ---- One due date as a row ----

export function recordOf(e: DueEntry): TrackingRecord {
  return {
    due: e.due,
    status: e.status,
    done_on: e.done_on,
    moved_to: e.moved_to,
    comment: e.comment,
    evidence: e.evidence,
  };
}

/** The edit's own Russian message (without «Изменение не сохранено:» twice). */
export function errorText(raw: unknown, fallback: string): string {
  return raw instanceof AppError ? raw.message : fallback;
}

export interface RowOptions {
  /** Show the due date (Today lists mix months; the month view need not). */
  showDue: boolean;
  /** Called after a mark is stored or taken back, so counts can follow. */
  onChange?: () => void;
  /** Extra content at the end of the row (the month view's «Изменить»). */
  extra?: (entry: DueEntry, row: HTMLElement) => HTMLElement | null;
}

/**
 * A due date: number, activity, responsible, date, status, what was noted;
 * «Выполнено» marks it done today in one click (done late when the date has
 * passed) and the row changes in place — the rest of the screen stays.
 */
/** The number and the «what, who» cell that every tracking row starts with. */
export function itemCells(
  number: string,
  activity: string,
  meta: (HTMLElement | null)[],
  options: { number?: string; activity?: string; below?: HTMLElement } = {},
): [HTMLElement, HTMLElement] {
  return [
    h("span", { className: "tr-number", ...(options.number === undefined ? {} : { testId: options.number }) }, number),
    h(
      "div",
      { className: "tr-main" },
      h("div", { className: "tr-activity", ...(options.activity === undefined ? {} : { testId: options.activity }) }, activity),
      h("div", { className: "tr-meta" }, ...meta),
      options.below ?? null,
    ),
  ];
}

export function dueRow(ctx: EditorContext, entry: DueEntry, today: IsoDate, options: RowOptions): HTMLElement {
  const row = h("div", { className: "tr-row", testId: "due-row" });
  let current = entry;
  const paint = (): void => {
    const status = shown(current, today);
    row.className = `tr-row tr-row-${status}`;
    row.dataset["item"] = current.item;
    row.dataset["due"] = current.due;
    row.dataset["status"] = status;
    const noted: string[] = [];
    if (current.done_on !== null) noted.push(`выполнено ${formatDate(current.done_on)}`);
    if (current.moved_to !== null) noted.push(`перенесено на ${formatDate(current.moved_to)}`);
    if (current.evidence.trim() !== "") noted.push(current.evidence.trim());
    if (current.comment.trim() !== "") noted.push(current.comment.trim());
    const error = h("span", { className: "field-hint field-hint-error", testId: "due-error", attrs: { role: "alert" } });
    const actions = h("div", { className: "tr-actions" });
    if (!isDone(current.status) && current.status !== "moved") {
      const comment = h("input", {
        className: "field tr-comment",
        testId: "due-comment",
        attrs: { type: "text", placeholder: "Комментарий (необязательно)", "aria-label": "Комментарий" },
      });
      comment.value = current.comment;
      // The day the work was done: today unless she says otherwise, so a
      // month caught up on later is not all «с нарушением срока».
      const doneOn = h("input", {
        className: "field field-date tr-done-on",
        testId: "due-done-on",
        attrs: { type: "text", placeholder: formatDate(today), "aria-label": "Дата выполнения", title: "Дата выполнения" },
      });
      doneOn.value = formatDate(today);
      const commentBox = h(
        "div",
        { className: "tr-comment-box" },
        doneOn,
        comment,
        h(
          "button",
          {
            className: "button button-small",
            testId: "due-done-with-comment",
            attrs: { type: "button" },
            onClick: () => void markDone(comment.value, doneOn.value),
          },
          "Отметить",
        ),
      );
      commentBox.hidden = true;
      for (const input of [comment, doneOn]) {
        input.addEventListener("keydown", (event) => {
          if (event.key === "Enter") void markDone(comment.value, doneOn.value);
          if (event.key === "Escape") commentBox.hidden = true;
        });
      }
      actions.append(
        h(
          "button",
          {
            className: "button button-small button-done",
            testId: "due-done",
            attrs: { type: "button", title: `Отметить выполненным сегодня, ${formatDate(today)}` },
            onClick: () => void markDone(null),
          },
          "✓ Выполнено",
        ),
        h(
          "button",
          {
            className: "link-button",
            testId: "due-comment-toggle",
            attrs: { type: "button" },
            onClick: () => {
              commentBox.hidden = !commentBox.hidden;
              if (!commentBox.hidden) comment.focus();
            },
          },
          "другая дата, комментарий…",
        ),
      );
      actions.append(commentBox);
    } else if (current !== entry) {
      // Just marked here: a way back without looking for Ctrl+Z.
      actions.append(
        h(
          "button",
          {
            className: "link-button",
            testId: "due-revert",
            attrs: { type: "button" },
            onClick: () => void revert(),
          },
          "Снять отметку",
        ),
      );
    }
    const extra = options.extra?.(current, row) ?? null;
    const cells: (HTMLElement | null)[] = [
      ...itemCells(
        current.number,
        current.activity,
        [
          h("span", { className: "tr-responsible" }, current.responsible),
          noted.length > 0 ? h("span", { className: "tr-noted", testId: "due-noted" }, noted.join(" · ")) : null,
        ],
        { number: "due-number", activity: "due-activity", below: error },
      ),
      options.showDue ? h("span", { className: "tr-due", testId: "due-date" }, formatDate(current.due)) : null,
      h("div", { className: "tr-state" }, badge(status, "due-status"), actions),
      extra,
    ];
    row.replaceChildren(...cells.filter((c): c is HTMLElement => c !== null));
    async function markDone(comment: string | null, typedDate: string | null = null): Promise<void> {
      let done = today;
      if (typedDate !== null && typedDate.trim() !== "") {
        const parsed = parseDate(typedDate);
        if (parsed === undefined || parsed === null) {
          const why = wrongDate(typedDate, "Дата выполнения");
          error.textContent = why === DATE_HINT ? `Дата выполнения: ${DATE_HINT}` : why;
          return;
        }
        if (parsed > today) {
          error.textContent = `Дата выполнения ${formatDate(parsed)} ещё не наступила: сегодня ${formatDate(today)}.`;
          return;
        }
        done = parsed;
      }
      const record: TrackingRecord = {
        ...recordOf(current),
        status: current.due < done ? "done_late" : "done",
        done_on: done,
        moved_to: null,
        comment: comment === null ? current.comment : comment.trim(),
      };
      try {
        await ctx.apply({ op: "set_tracking", item: current.item, record });
        current = { ...current, ...record };
        paint();
        row.querySelector<HTMLElement>('[data-testid="due-revert"]')?.focus();
        options.onChange?.();
      } catch (raw) {
        error.textContent = errorText(raw, "Отметка не сохранена.");
      }
    }
    async function revert(): Promise<void> {
      try {
        const previous = entry.status === "planned" && entry.done_on === null && entry.comment === "" && entry.evidence === "";
        await ctx.apply(
          previous
            ? { op: "clear_tracking", item: entry.item, due: entry.due }
            : { op: "set_tracking", item: entry.item, record: recordOf(entry) },
        );
        current = entry;
        paint();
        options.onChange?.();
      } catch (raw) {
        error.textContent = errorText(raw, "Отметка не снята.");
      }
    }
  };
  paint();
  return row;
}
