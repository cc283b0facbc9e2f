// Pieces shared by the tracking tabs (Сегодня, Месяц, График, Исполнение,
// Отчёт): status names and badges, the date hint, the filter bar, the
// due-date row with its one-click «Выполнено», and the bar that marks
// several rows at once.
//
// data-testid: filter-body, filter-block, filter-status, filter-search,
// filter-count; due-row (data-item, data-due, data-status), due-pick,
// due-number, due-activity, due-status, due-done, due-comment-toggle,
// due-comment, due-done-on, due-done-with-comment, due-change-date,
// due-redate, due-redate-save, due-revert, due-error; batch-* (BatchMark).

import { AppError } from "../../api.js";
import { h } from "../../dom.js";
import { checkDate, formatDate, parseDate, plural } from "../../format.js";
import type { DueEntry, Edit, IsoDate, Programme, TrackingRecord, TrackStatus } from "../../api.js";
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

/**
 * The day the work was done, as she typed it: empty means today; a date
 * that does not read or has not come yet is refused with what to do.
 */
export function readDoneDate(typed: string, today: IsoDate): { date: IsoDate } | { error: string } {
  if (typed.trim() === "") return { date: today };
  const parsed = parseDate(typed);
  if (parsed === undefined || parsed === null) {
    // A date that does not exist says why («в ноябре 30 дней»).
    const why = wrongDate(typed, "Дата выполнения");
    return { error: why === DATE_HINT ? `Дата выполнения: ${DATE_HINT}` : why };
  }
  if (parsed > today) return { error: `Дата выполнения ${formatDate(parsed)} ещё не наступила: сегодня ${formatDate(today)}.` };
  return { date: parsed };
}

/** The record of a due date marked done on `done`: late when done after it is due. */
export function doneRecord(entry: DueEntry, done: IsoDate, comment: string | null = null): TrackingRecord {
  return {
    ...recordOf(entry),
    status: entry.due < done ? "done_late" : "done",
    done_on: done,
    moved_to: null,
    comment: comment === null ? entry.comment : comment.trim(),
  };
}

export interface RowOptions {
  /** Show the due date (Today lists mix months; the month view need not). */
  showDue: boolean;
  /** Called after a mark is stored or taken back, so counts can follow. */
  onChange?: () => void;
  /** Extra content at the end of the row (the month view's «Изменить»). */
  extra?: (entry: DueEntry, row: HTMLElement) => HTMLElement | null;
}

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

/** A due row as the screens and the batch bar handle it. */
export interface DueRow {
  readonly element: HTMLElement;
  /** The entry as the row shows it now (after marks made on it). */
  current(): DueEntry;
  /** Not done and not moved: «Выполнено» can still be given. */
  markable(): boolean;
  /** Its check box for marking several rows at once (shown while markable). */
  readonly pick: HTMLInputElement;
  /** Shows a record stored for it elsewhere (by the batch bar) in place. */
  stored(record: TrackingRecord): void;
}

/**
 * A due date: a check box to pick it, number, activity, responsible, date,
 * status, what was noted; «Выполнено» marks it done today in one click
 * (done late when the date has passed), «другая дата, комментарий…» lets
 * her give the day it was done, and a done row's date can be changed in
 * place. The row changes in place — the rest of the screen stays.
 */
export function dueRow(ctx: EditorContext, entry: DueEntry, today: IsoDate, options: RowOptions): DueRow {
  const row = h("div", { className: "tr-row", testId: "due-row" });
  let current = entry;
  const markable = (): boolean => !isDone(current.status) && current.status !== "moved";
  const pick = h("input", {
    className: "tr-pick",
    testId: "due-pick",
    attrs: { type: "checkbox", "aria-label": `Выбрать срок ${entry.number} (${formatDate(entry.due)})`, title: "Выбрать, чтобы отметить несколько сразу" },
  });
  // Its cell stays when the box goes, so the columns line up.
  const pickCell = h("span", { className: "tr-pick-cell" });
  const paint = (): void => {
    const status = shown(current, today);
    row.className = `tr-row tr-row-${status}`;
    row.dataset["item"] = current.item;
    row.dataset["due"] = current.due;
    row.dataset["status"] = status;
    if (markable()) {
      pickCell.replaceChildren(pick);
    } else {
      pick.checked = false;
      pickCell.replaceChildren();
    }
    const noted: string[] = [];
    if (current.done_on !== null) noted.push(`выполнено ${formatDate(current.done_on)}`);
    if (current.moved_to !== null) noted.push(`перенесено на ${formatDate(current.moved_to)}`);
    if (current.evidence.trim() !== "") noted.push(current.evidence.trim());
    if (current.comment.trim() !== "") noted.push(current.comment.trim());
    const error = h("span", { className: "field-hint field-hint-error", testId: "due-error", attrs: { role: "alert" } });
    const actions = h("div", { className: "tr-actions" });
    if (markable()) {
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
    } else {
      if (isDone(current.status) && current.done_on !== null) actions.append(redate(current.done_on, error));
      if (current !== entry) {
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
    }
    const extra = options.extra?.(current, row) ?? null;
    const cells: (HTMLElement | null)[] = [
      pickCell,
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
      const done = readDoneDate(typedDate ?? "", today);
      if ("error" in done) {
        error.textContent = done.error;
        return;
      }
      await store(doneRecord(current, done.date, comment), "Отметка не сохранена.", error);
      row.querySelector<HTMLElement>('[data-testid="due-revert"]')?.focus();
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
  /** Stores one record for this row and shows it; a refusal goes beside it. */
  const store = async (record: TrackingRecord, fallback: string, error: HTMLElement): Promise<void> => {
    try {
      await ctx.apply({ op: "set_tracking", item: current.item, record });
    } catch (raw) {
      error.textContent = errorText(raw, fallback);
      return;
    }
    current = { ...current, ...record };
    paint();
    options.onChange?.();
  };
  /** «изменить дату» of a done row: the day done, changed in place. */
  const redate = (doneOn: IsoDate, error: HTMLElement): HTMLElement => {
    const input = h("input", {
      className: "field field-date tr-done-on",
      testId: "due-redate",
      attrs: { type: "text", "aria-label": "Дата выполнения", title: "Дата выполнения" },
    });
    input.value = formatDate(doneOn);
    const save = async (): Promise<void> => {
      const done = readDoneDate(input.value, today);
      if ("error" in done) {
        error.textContent = done.error;
        input.focus();
        return;
      }
      await store(doneRecord(current, done.date), "Дата выполнения не сохранена.", error);
      row.querySelector<HTMLElement>('[data-testid="due-change-date"]')?.focus();
    };
    const box = h(
      "div",
      { className: "tr-comment-box" },
      input,
      h("button", { className: "button button-small", testId: "due-redate-save", attrs: { type: "button" }, onClick: () => void save() }, "Сохранить"),
    );
    box.hidden = true;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void save();
      if (event.key === "Escape") box.hidden = true;
    });
    const toggle = h(
      "button",
      {
        className: "link-button",
        testId: "due-change-date",
        attrs: { type: "button", title: "Указать другой день выполнения" },
        onClick: () => {
          box.hidden = !box.hidden;
          if (!box.hidden) input.select();
        },
      },
      "изменить дату",
    );
    return h("span", { className: "tr-redate" }, toggle, box);
  };
  paint();
  return {
    element: row,
    current: () => current,
    markable,
    pick,
    stored(record: TrackingRecord): void {
      current = { ...current, ...record };
      paint();
    },
  };
}

// ---- Several rows marked at once ----

/** Neither the element nor a box around it is hidden (by a filter or a
 * collapsed list); works before the screen is attached, unlike layout. */
function shownInPlace(element: HTMLElement): boolean {
  for (let e: HTMLElement | null = element; e !== null; e = e.parentElement) {
    if (e.hidden) return false;
  }
  return true;
}

/**
 * The bar that marks every picked row done on one date, as one edit (one
 * undo step): «Отметить выбранные выполненными». The date defaults to
 * today and can be changed before marking; rows hidden by the filters or
 * a collapsed list are never marked.
 *
 * data-testid: batch-bar, batch-all, batch-count, batch-done-on,
 * batch-mark, batch-error.
 */
export class BatchMark {
  readonly element: HTMLElement;
  private readonly rows: DueRow[] = [];
  private readonly all: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly doneOn: HTMLInputElement;
  private readonly button: HTMLButtonElement;
  private readonly error: HTMLElement;

  constructor(
    private readonly ctx: EditorContext,
    private readonly today: IsoDate,
    private readonly onChange: () => void,
  ) {
    this.all = h("input", { testId: "batch-all", attrs: { type: "checkbox", "aria-label": "Выбрать все показанные сроки" } });
    this.all.addEventListener("change", () => {
      for (const r of this.visible()) r.pick.checked = this.all.checked;
      this.refresh();
    });
    this.count = h("span", { className: "tr-batch-count", testId: "batch-count", attrs: { role: "status" } });
    this.doneOn = h("input", {
      className: "field field-date tr-done-on",
      testId: "batch-done-on",
      attrs: { type: "text", placeholder: formatDate(today), "aria-label": "Дата выполнения выбранных", title: "Дата выполнения выбранных" },
    });
    this.doneOn.value = formatDate(today);
    this.doneOn.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void this.mark();
    });
    this.button = h(
      "button",
      { className: "button button-small button-done", testId: "batch-mark", attrs: { type: "button" }, onClick: () => void this.mark() },
      "✓ Отметить выбранные выполненными",
    );
    this.error = h("span", { className: "field-hint field-hint-error tr-batch-error", testId: "batch-error", attrs: { role: "alert" } });
    this.element = h(
      "div",
      { className: "tr-batch", testId: "batch-bar" },
      h("label", { className: "tr-batch-all" }, this.all, "все показанные"),
      this.count,
      h("label", { className: "tr-batch-date" }, "Дата выполнения:", this.doneOn),
      this.button,
      this.error,
    );
    this.refresh();
  }

  add(row: DueRow): void {
    this.rows.push(row);
    row.pick.addEventListener("change", () => this.refresh());
  }

  /** Rows on screen that can be marked: shown, not done, not moved. */
  private visible(): DueRow[] {
    return this.rows.filter((r) => r.markable() && shownInPlace(r.element));
  }

  private picked(): DueRow[] {
    return this.visible().filter((r) => r.pick.checked);
  }

  /** Counts again after a pick, a filter or a mark. */
  refresh(): void {
    const visible = this.visible();
    const n = this.picked().length;
    this.element.hidden = visible.length === 0;
    this.element.classList.toggle("tr-batch-active", n > 0);
    this.count.textContent = n === 0 ? "Отметьте флажками сроки, чтобы закрыть несколько сразу." : `Выбрано: ${plural(n, "срок", "срока", "сроков")}`;
    this.button.disabled = n === 0;
    this.all.checked = n > 0 && n === visible.length;
    this.all.indeterminate = n > 0 && n < visible.length;
  }

  async mark(): Promise<void> {
    this.error.textContent = "";
    const rows = this.picked();
    if (rows.length === 0) return;
    const done = readDoneDate(this.doneOn.value, this.today);
    if ("error" in done) {
      this.error.textContent = done.error;
      this.doneOn.focus();
      return;
    }
    const records = rows.map((r) => doneRecord(r.current(), done.date));
    const edits: Edit[] = rows.map((r, i) => ({ op: "set_tracking", item: r.current().item, record: records[i] as TrackingRecord }));
    const edit: Edit =
      edits.length === 1 && edits[0] !== undefined
        ? edits[0]
        : { op: "batch", label: `отметки о выполнении (${plural(edits.length, "срок", "срока", "сроков")})`, edits };
    this.button.disabled = true;
    try {
      await this.ctx.apply(edit);
    } catch (raw) {
      // The whole batch is refused: nothing was marked; the reason is said here.
      this.error.textContent = errorText(raw, "Отметки не сохранены.");
      this.refresh();
      return;
    }
    rows.forEach((r, i) => r.stored(records[i] as TrackingRecord));
    this.refresh();
    this.onChange();
  }
}
