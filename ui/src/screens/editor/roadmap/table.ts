// The roadmap's rows kept in line with the stored programme. Rows are built
// once and reconciled by uid after every reload, so typing in a 300-item
// programme touches one row, and focus survives every edit (a row moved in
// the DOM gets its focus and caret back). A long roadmap is put in the
// table in batches: the first screenful at once, the rest just after.

import { h } from "../../../dom.js";
import type { Item, Programme, RoadmapLayout } from "../../../api.js";
import { blockLabel, itemLabel } from "../../../shape.js";
import type { Field } from "./data.js";
import {
  type BlockRow,
  type BlockRowHandlers,
  type ItemRow,
  type ItemRowHandlers,
  autosize,
  columnCount,
  headerKey,
  headerRow,
  makeBlockRow,
  makeItemRow,
  sizeAreas,
} from "./rows.js";

const FIRST_ROWS = 40;
const BATCH_ROWS = 40;

/** A cell of the table: an item's text cell or a block's title. */
export type CellKey = Field | "title";

interface Focus {
  el: HTMLElement;
  start: number | null;
  end: number | null;
}

export interface TableHost {
  /** The tab's root: data-complete is set on it once every row is in the table. */
  readonly root: HTMLElement;
  programme(): Programme;
  readonly itemHandlers: ItemRowHandlers;
  readonly blockHandlers: BlockRowHandlers;
}

export class RoadmapTable {
  readonly element: HTMLTableElement;
  readonly body: HTMLTableSectionElement;
  readonly items = new Map<string, ItemRow>();
  readonly blocks = new Map<string, BlockRow>();
  private readonly host: TableHost;
  private readonly head: HTMLTableSectionElement;
  private yearColumns: number[] = [];
  private headKey = "";
  /** Rows built but not yet in the table (see build). */
  private pendingRows: HTMLTableRowElement[] = [];
  /** A cell to focus as soon as its row appears (a new item or block). */
  private pendingFocus: { uid: string; field: CellKey } | null = null;

  constructor(host: TableHost) {
    this.host = host;
    this.head = h("thead");
    this.body = h("tbody");
    this.element = h("table", { className: "roadmap-table", testId: "roadmap-table" }, this.head, this.body);
  }

  /** Columns a row spanning the whole table spans. */
  columnCount(): number {
    return columnCount(this.yearColumns);
  }

  cell(uid: string, field: CellKey): HTMLInputElement | HTMLTextAreaElement | undefined {
    return field === "title" ? this.blocks.get(uid)?.title : this.items.get(uid)?.fields.get(field);
  }

  /** Builds every row anew (the first render, or the year columns changed). */
  build(): void {
    const p = this.host.programme();
    this.yearColumns = [...p.roadmap.year_columns];
    this.items.clear();
    this.blocks.clear();
    for (const row of this.body.querySelectorAll("tr")) row.remove();
    this.drawHead(p.layout.roadmap);
    this.element.classList.toggle("with-years", this.yearColumns.length > 0);
    this.element.style.setProperty("--year-count", String(this.yearColumns.length));
    const fragment = document.createDocumentFragment();
    for (const block of p.roadmap.blocks) {
      const b = makeBlockRow(block, this.yearColumns, this.host.blockHandlers);
      this.blocks.set(block.uid, b);
      fragment.append(b.tr);
      for (const item of block.items) {
        const r = makeItemRow(item, block.uid, this.yearColumns, this.host.itemHandlers);
        this.items.set(item.uid, r);
        fragment.append(r.tr);
      }
      fragment.append(b.addRow);
    }
    // The first screenful goes in at once; the rest follows in small
    // batches, so a 300-item roadmap shows (and takes typing) without
    // waiting for the layout of every row.
    const rows = [...fragment.children] as HTMLTableRowElement[];
    this.body.append(...rows.slice(0, FIRST_ROWS));
    this.pendingRows = rows.slice(FIRST_ROWS);
    if (this.pendingRows.length > 0) window.setTimeout(() => this.appendMore(), 0);
    else this.host.root.dataset["complete"] = "true";
    this.renumber();
  }

  /** Draws the head for `layout` (also called as she types on the «Оформление» card). */
  drawHead(layout: RoadmapLayout): void {
    const key = headerKey(this.yearColumns, layout);
    if (key === this.headKey) return;
    this.headKey = key;
    this.head.replaceChildren(...headerRow(this.yearColumns, layout));
  }

  private appendMore(): void {
    const batch = this.pendingRows.splice(0, BATCH_ROWS).filter((tr) => !tr.isConnected);
    this.body.append(...batch);
    this.sizeAreas([...batch].flatMap((tr) => [...tr.querySelectorAll("textarea")]));
    if (this.pendingRows.length > 0) window.setTimeout(() => this.appendMore(), 0);
    else this.host.root.dataset["complete"] = "true";
  }

  /** Puts the rest of the rows in now, up to `row` (to scroll to it). */
  appendUpTo(row: { tr: HTMLTableRowElement }): void {
    while (!row.tr.isConnected && this.pendingRows.length > 0) this.appendMore();
  }

  /**
   * Brings the rows in line with the programme: new rows are built, gone
   * ones removed, moved ones placed, changed values written unless the user
   * is typing in that very field. Focus and caret are put back. Returns
   * true if the table was built anew (its year columns changed).
   */
  sync(force: boolean): boolean {
    const p = this.host.programme();
    if (JSON.stringify(p.roadmap.year_columns) !== JSON.stringify(this.yearColumns)) {
      const focus = this.captureFocus();
      this.build();
      this.restoreFocus(focus);
      return true;
    }
    // Column headers follow the layout («Оформление»): only the head changes.
    this.drawHead(p.layout.roadmap);
    // Placing rows below puts every row in; nothing is left to append.
    this.pendingRows = [];
    this.host.root.dataset["complete"] = "true";
    const focus = this.captureFocus();
    const seenItems = new Set<string>();
    const seenBlocks = new Set<string>();
    const order: HTMLTableRowElement[] = [];
    for (const block of p.roadmap.blocks) {
      seenBlocks.add(block.uid);
      let b = this.blocks.get(block.uid);
      if (b === undefined) {
        b = makeBlockRow(block, this.yearColumns, this.host.blockHandlers);
        this.blocks.set(block.uid, b);
      } else if (b.title.value !== block.title && (document.activeElement !== b.title || force) && b.timer === null) {
        b.title.value = block.title;
      }
      order.push(b.tr);
      for (const item of block.items) {
        seenItems.add(item.uid);
        let r = this.items.get(item.uid);
        if (r === undefined) {
          r = makeItemRow(item, block.uid, this.yearColumns, this.host.itemHandlers);
          this.items.set(item.uid, r);
        } else {
          updateValues(r, item, force);
        }
        order.push(r.tr);
        if (r.picker !== null) order.push(r.picker);
      }
      order.push(b.addRow);
    }
    for (const [uid, r] of this.items) {
      if (!seenItems.has(uid)) {
        if (r.timer !== null) window.clearTimeout(r.timer);
        r.tr.remove();
        r.picker?.remove();
        this.items.delete(uid);
      }
    }
    for (const [uid, b] of this.blocks) {
      if (!seenBlocks.has(uid)) {
        b.tr.remove();
        b.addRow.remove();
        this.blocks.delete(uid);
      }
    }
    // Place rows with as few DOM moves as possible: moving a node blurs it.
    let cursor: ChildNode | null = this.body.firstChild;
    for (const tr of order) {
      if (cursor === tr) {
        cursor = tr.nextSibling;
      } else {
        this.body.insertBefore(tr, cursor);
      }
    }
    this.renumber();
    this.restoreFocus(focus);
    if (this.pendingFocus !== null) {
      const { uid, field } = this.pendingFocus;
      const target = this.cell(uid, field);
      if (target !== undefined) {
        this.pendingFocus = null;
        target.focus();
      }
    }
    return false;
  }

  /** Focuses a cell now, or as soon as its row appears. */
  focusCell(uid: string, field: CellKey): void {
    const target = this.cell(uid, field);
    if (target === undefined) this.pendingFocus = { uid, field };
    else target.focus();
  }

  /** Numbers follow the programme's own style at once (shape.ts mirrors print). */
  private renumber(): void {
    const p = this.host.programme();
    const layout = p.layout.roadmap;
    const flat = layout.shape === "flat";
    this.element.classList.toggle("roadmap-flat", flat);
    let before = 0;
    p.roadmap.blocks.forEach((block, bi) => {
      const b = this.blocks.get(block.uid);
      if (b !== undefined) {
        b.number.textContent = blockLabel(layout, bi);
        b.tr.classList.toggle("rm-block-unprinted", flat);
        b.tr.title = flat ? "В сплошном списке строка блока не печатается" : "";
      }
      const first = before;
      before += block.items.length;
      block.items.forEach((item, ii) => {
        const r = this.items.get(item.uid);
        if (r === undefined) return;
        const n = itemLabel(layout, bi, ii, first);
        if (r.number.textContent !== n) r.number.textContent = n;
        r.block = block.uid;
      });
    });
  }

  private captureFocus(): Focus | null {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !this.host.root.contains(el)) return null;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      return { el, start: el.selectionStart, end: el.selectionEnd };
    }
    return { el, start: null, end: null };
  }

  private restoreFocus(focus: Focus | null): void {
    if (focus === null || document.activeElement === focus.el || !focus.el.isConnected) return;
    focus.el.focus();
    if ((focus.el instanceof HTMLTextAreaElement || focus.el instanceof HTMLInputElement) && focus.start !== null) {
      focus.el.setSelectionRange(focus.start, focus.end ?? focus.start);
    }
  }

  /** Sizes the textareas once the table is on screen (one layout pass for all). */
  sizeAll(): void {
    this.sizeAreas([...this.body.querySelectorAll("textarea")]);
  }

  private sizeAreas(areas: HTMLTextAreaElement[]): void {
    if (!this.host.root.isConnected) return;
    sizeAreas(areas);
  }
}

/** Writes the stored values into a row, except while it has typing not yet saved (unless forced). */
function updateValues(r: ItemRow, item: Item, force: boolean): void {
  if ((r.timer !== null || r.sending > 0) && !force) return;
  for (const [field, el] of r.fields) {
    if (el.value !== item[field] && (document.activeElement !== el || force)) {
      el.value = item[field];
      autosize(el);
    }
  }
  for (const [year, el] of r.years) {
    const text = item.per_year.find((v) => v.year === year)?.text ?? "";
    if (el.value !== text && (document.activeElement !== el || force)) el.value = text;
  }
}
