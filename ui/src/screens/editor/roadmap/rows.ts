// The rows of the roadmap table as DOM: the header, a block's title row with
// its «+ Добавить мероприятие» row, an item's row with its cells, deadline
// hint and drag handle. What the controls do is the view's: each row is
// built with the handlers it calls.
//
// data-testid: block-row (data-uid), block-number, block-title,
// delete-block, delete-block-confirm, delete-block-yes,
// delete-block-cancel, add-item; item-row (data-uid), item-number,
// item-<field>, item-year-<year>, deadline-hint, deadline-hint-text,
// manual-schedule, auto-schedule, drag-handle, delete-item; rm-head-<kind>,
// rm-not-printed-<kind>, rm-head-years, rm-head-year-<year> (the header).

import { h } from "../../../dom.js";
import { plural } from "../../../format.js";
import type { Block, ColumnKind, Item, RoadmapLayout } from "../../../api.js";
import { DEFAULT_HEADERS, columnHeader, effectiveColumns } from "../../../shape.js";
import type { Field } from "./data.js";

export interface ItemRow {
  uid: string;
  block: string;
  tr: HTMLTableRowElement;
  number: HTMLElement;
  fields: Map<Field, HTMLTextAreaElement>;
  years: Map<number, HTMLTextAreaElement>;
  hint: HTMLElement;
  hintText: HTMLElement;
  manualButton: HTMLButtonElement;
  autoButton: HTMLButtonElement;
  picker: HTMLTableRowElement | null;
  timer: number | null;
  /** Saves of this row sent and not yet answered: its fields are not overwritten meanwhile. */
  sending: number;
  /** Bumped on every keystroke in «Сроки», so a late describeDeadline answer is dropped. */
  hintSeq: number;
  /** The deadline text the shown hint belongs to. */
  hintFor: string | null;
}

export interface BlockRow {
  uid: string;
  tr: HTMLTableRowElement;
  number: HTMLElement;
  title: HTMLInputElement;
  deleteArea: HTMLElement;
  addRow: HTMLTableRowElement;
  timer: number | null;
}

export interface BlockRowHandlers {
  /** «+ Добавить мероприятие». */
  addItem(row: BlockRow): void;
  /** Typing in the title. */
  typed(row: BlockRow): void;
  /** The title lost focus. */
  left(row: BlockRow): void;
  key(row: BlockRow, event: KeyboardEvent): void;
  /** An item is dragged over the title row. */
  dragOver(row: BlockRow, event: DragEvent): void;
  /** The ✕ of the block. */
  askDelete(row: BlockRow): void;
}

export interface ItemRowHandlers {
  /** Typing in any cell (the cell has been resized). */
  typed(row: ItemRow): void;
  /** A cell lost focus. */
  left(row: ItemRow): void;
  key(row: ItemRow, event: KeyboardEvent, cell: HTMLTextAreaElement): void;
  /** Typing in «Сроки». */
  deadlineTyped(row: ItemRow): void;
  /** A paste into «Мероприятие». */
  pasted(row: ItemRow, event: ClipboardEvent): void;
  /** «Указать вручную». */
  manual(row: ItemRow): void;
  /** «Вернуть автоматически». */
  auto(row: ItemRow): void;
  /** The ✕ of the item. */
  remove(row: ItemRow): void;
  dragStart(row: ItemRow, event: DragEvent): void;
  dragEnd(row: ItemRow): void;
}

const supportsFieldSizing =
  typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("field-sizing", "content");

/** Grows a cell to its text where the browser cannot (no `field-sizing`). */
export function autosize(area: HTMLTextAreaElement): void {
  if (supportsFieldSizing) return;
  area.style.height = "auto";
  area.style.height = `${area.scrollHeight + 2}px`;
}

/** Sizes many cells at once: all heights are read in one layout pass, then set. */
export function sizeAreas(areas: HTMLTextAreaElement[]): void {
  if (supportsFieldSizing) return;
  for (const a of areas) a.style.height = "auto";
  const heights = areas.map((a) => a.scrollHeight);
  areas.forEach((a, i) => {
    a.style.height = `${(heights[i] ?? 0) + 2}px`;
  });
}

/** Drag, №, four text columns, with year columns «Планируемое значение» and a column per year, and the actions. */
export function columnCount(yearColumns: readonly number[]): number {
  const extra = yearColumns.length > 0 ? 1 + yearColumns.length : 0;
  return 6 + extra + 1;
}

/**
 * The editor's header in the programme's own words (§2: the layout's column
 * headers and the title over the year columns), so what she edits reads
 * like what she prints. A column the print leaves out keeps its usual name,
 * marked «не печатается». With year columns the header has two rows, the
 * years under their title, as in print.
 */
export function headerRow(yearColumns: readonly number[], layout: RoadmapLayout): HTMLTableRowElement[] {
  // The default set prints «Плановое значение» once an item has one: the
  // editor shows its column as printed.
  const printed = effectiveColumns(layout, true);
  const title = (kind: ColumnKind): (HTMLElement | string)[] => {
    const column = printed.find((c) => c.kind === kind);
    const text = column !== undefined ? columnHeader(column) : DEFAULT_HEADERS[kind];
    const words = kind === "number" ? wholeWords(text) : [text];
    if (column !== undefined) return words;
    return [...words, h("span", { className: "rm-not-printed", testId: `rm-not-printed-${kind}` }, " (не печатается)")];
  };
  const years = yearColumns.length > 0;
  const th = (className: string, kind: ColumnKind): HTMLTableCellElement =>
    h("th", { className, testId: `rm-head-${kind}`, attrs: years ? { rowspan: "2" } : {} }, ...title(kind));
  const spanned = years ? { rowspan: "2" } : {};
  const cells = [
    h("th", { className: "rm-drag-col", attrs: { "aria-label": "Перетащить", ...spanned } }),
    th("rm-num-col", "number"),
    th("rm-activity-col", "activity"),
    th("rm-deadline-col", "deadline"),
    th("rm-resp-col", "responsible"),
    th("rm-result-col", "expected_result"),
  ];
  if (!years) {
    cells.push(h("th", { className: "rm-actions-col", attrs: { "aria-label": "Действия" } }));
    return [h("tr", {}, ...cells)];
  }
  cells.push(th("rm-planned-col", "planned_value"));
  const heading = layout.years_heading.trim();
  cells.push(h("th", { className: "rm-years-head", testId: "rm-head-years", attrs: { colspan: String(yearColumns.length) } }, heading));
  cells.push(h("th", { className: "rm-actions-col", attrs: { "aria-label": "Действия", ...spanned } }));
  const under = yearColumns.map((y) => h("th", { className: "rm-year-col", testId: `rm-head-year-${y}` }, `${y} г.`));
  return [h("tr", {}, ...cells), h("tr", { className: "rm-years-row" }, ...under)];
}

/**
 * `text` with each word kept on one line: the number column is too narrow
 * for «№ п/п», which may then go on two lines between its words but never
 * after the slash («п/» over «п»). The text itself is unchanged (the spaces
 * stay text between the words' spans).
 */
export function wholeWords(text: string): (HTMLElement | string)[] {
  return text
    .split(/(\s+)/)
    .filter((part) => part !== "")
    .map((part) => (/^\s+$/.test(part) ? part : h("span", { className: "rm-word" }, part)));
}

/** What the header shows: it is drawn again only when this changes. */
export function headerKey(yearColumns: readonly number[], layout: RoadmapLayout): string {
  return JSON.stringify([yearColumns, layout.columns, layout.years_heading]);
}

export function makeBlockRow(block: Block, yearColumns: readonly number[], on: BlockRowHandlers): BlockRow {
  const number = h("span", { className: "rm-block-number", testId: "block-number" });
  const title = h("input", {
    className: "rm-block-title",
    testId: "block-title",
    attrs: { type: "text", placeholder: "Название блока", "aria-label": "Название блока" },
  });
  title.value = block.title;
  const deleteArea = h("span", { className: "rm-block-actions" });
  const columns = String(columnCount(yearColumns));
  const tr = h(
    "tr",
    { className: "rm-block-row", testId: "block-row", attrs: { "data-uid": block.uid } },
    h("td", { attrs: { colspan: columns } }, number, title, deleteArea),
  );
  const add = h(
    "button",
    {
      className: "link-button",
      testId: "add-item",
      attrs: { type: "button" },
      onClick: () => on.addItem(row),
    },
    "+ Добавить мероприятие",
  );
  const addRow = h(
    "tr",
    { className: "rm-add-row", attrs: { "data-block": block.uid } },
    h("td", { attrs: { colspan: columns } }, add),
  );
  const row: BlockRow = { uid: block.uid, tr, number, title, deleteArea, addRow, timer: null };
  showBlockDelete(row, () => on.askDelete(row));
  title.addEventListener("input", () => on.typed(row));
  title.addEventListener("blur", () => on.left(row));
  title.addEventListener("keydown", (event) => on.key(row, event));
  // Dropping onto a block title puts the item first in that block.
  tr.addEventListener("dragover", (event) => on.dragOver(row, event));
  return row;
}

/** The block's ✕ (out of the Tab order: Tab goes from cell to cell). */
export function showBlockDelete(row: BlockRow, ask: () => void): void {
  const button = h(
    "button",
    {
      className: "icon-button",
      testId: "delete-block",
      attrs: { type: "button", title: "Удалить блок", "aria-label": "Удалить блок" },
      onClick: ask,
    },
    "✕",
  );
  button.tabIndex = -1;
  row.deleteArea.replaceChildren(button);
}

/** «Удалить блок и 3 мероприятия?» in place of the ✕; the focus goes to «Отмена». */
export function showBlockDeleteConfirm(row: BlockRow, items: number, yes: () => void, cancel: () => void): void {
  const cancelButton = h(
    "button",
    { className: "button", testId: "delete-block-cancel", attrs: { type: "button" }, onClick: cancel },
    "Отмена",
  );
  row.deleteArea.replaceChildren(
    h(
      "span",
      { className: "rm-confirm", testId: "delete-block-confirm", attrs: { role: "alert" } },
      `Удалить блок и ${plural(items, "мероприятие", "мероприятия", "мероприятий")}? `,
      h(
        "button",
        { className: "button danger", testId: "delete-block-yes", attrs: { type: "button" }, onClick: yes },
        "Удалить",
      ),
      " ",
      cancelButton,
    ),
  );
  cancelButton.focus();
}

export function makeItemRow(item: Item, block: string, yearColumns: readonly number[], on: ItemRowHandlers): ItemRow {
  const fields = new Map<Field, HTMLTextAreaElement>();
  const area = (field: Field, label: string, value: string): HTMLTextAreaElement => {
    const el = h("textarea", {
      className: `rm-cell rm-${field}`,
      testId: `item-${field}`,
      attrs: { rows: "1", "aria-label": label, spellcheck: "true", lang: "ru" },
    });
    el.value = value;
    fields.set(field, el);
    return el;
  };
  const hintText = h("span", { className: "rm-hint-text", testId: "deadline-hint-text" });
  const manualButton = h("button", { className: "link-button", testId: "manual-schedule", attrs: { type: "button" } }, "Указать вручную");
  const autoButton = h("button", { className: "link-button", testId: "auto-schedule", attrs: { type: "button" } }, "Вернуть автоматически");
  manualButton.tabIndex = -1;
  autoButton.tabIndex = -1;
  const hint = h("div", { className: "rm-hint", testId: "deadline-hint" }, hintText, " ", manualButton, autoButton);
  const number = h("span", { testId: "item-number" });
  const handle = h("span", {
    className: "rm-drag",
    testId: "drag-handle",
    attrs: { draggable: "true", title: "Перетащите, чтобы переместить", "aria-hidden": "true" },
  }, "⠿");
  const del = h("button", {
    className: "icon-button",
    testId: "delete-item",
    attrs: { type: "button", title: "Удалить мероприятие", "aria-label": "Удалить мероприятие" },
  }, "✕");
  del.tabIndex = -1;
  const cells: HTMLTableCellElement[] = [
    h("td", { className: "rm-drag-col" }, handle),
    h("td", { className: "rm-num-col" }, number),
    h("td", {}, area("activity", "Мероприятие", item.activity)),
    h("td", {}, area("deadline", "Сроки", item.deadline), hint),
    h("td", {}, area("responsible", "Ответственные", item.responsible)),
    h("td", {}, area("expected_result", "Ожидаемый результат", item.expected_result)),
  ];
  const years = new Map<number, HTMLTextAreaElement>();
  if (yearColumns.length > 0) {
    cells.push(h("td", {}, area("planned_value", "Планируемое значение", item.planned_value)));
    for (const y of yearColumns) {
      const el = h("textarea", {
        className: "rm-cell rm-year",
        testId: `item-year-${y}`,
        attrs: { rows: "1", "aria-label": `${y} год`, spellcheck: "true", lang: "ru" },
      });
      el.value = item.per_year.find((v) => v.year === y)?.text ?? "";
      years.set(y, el);
      cells.push(h("td", {}, el));
    }
  }
  cells.push(h("td", { className: "rm-actions-col" }, del));
  const tr = h("tr", { className: "rm-item-row", testId: "item-row", attrs: { "data-uid": item.uid } }, ...cells);
  const row: ItemRow = {
    uid: item.uid,
    block,
    tr,
    number,
    fields,
    years,
    hint,
    hintText,
    manualButton,
    autoButton,
    picker: null,
    timer: null,
    sending: 0,
    hintSeq: 0,
    hintFor: null,
  };
  for (const el of [...fields.values(), ...years.values()]) {
    el.addEventListener("input", () => {
      autosize(el);
      on.typed(row);
    });
    el.addEventListener("blur", () => on.left(row));
    el.addEventListener("keydown", (event) => on.key(row, event, el));
  }
  fields.get("deadline")?.addEventListener("input", () => on.deadlineTyped(row));
  fields.get("activity")?.addEventListener("paste", (event) => on.pasted(row, event));
  manualButton.addEventListener("click", () => on.manual(row));
  autoButton.addEventListener("click", () => on.auto(row));
  del.addEventListener("click", () => on.remove(row));
  handle.addEventListener("dragstart", (event) => on.dragStart(row, event));
  handle.addEventListener("dragend", () => on.dragEnd(row));
  return row;
}
