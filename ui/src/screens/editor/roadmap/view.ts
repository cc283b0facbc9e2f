// The roadmap tab's view: the toolbar, the status line, the keyboard, and
// the structural edits (add, insert below, move, delete, paste rows, drop,
// year columns, months by hand). The table and its rows (table.ts,
// rows.ts), saving (saving.ts), hints (hints.ts), dragging (drag.ts) and
// the month picker (month-picker.ts) are its parts.
//
// data-testid: roadmap (data-complete once every row is in), roadmap-status,
// roadmap-year-columns, roadmap-add-block, roadmap-table.

import { loadProgramme } from "../../../api.js";
import { lastDay, periodMonths, periodYears } from "../../../calendar.js";
import { h } from "../../../dom.js";
import type { ItemInput, Programme } from "../../../api.js";
import type { EditorContext } from "../tab.js";
import { itemLabels, itemRef } from "../../../shape.js";
import { roadmapShapeCard } from "../shape.js";
import { type DropOn, dropTarget, emptyInput, findItem, moveTarget, positionOf } from "./data.js";
import { Drag } from "./drag.js";
import { Hints } from "./hints.js";
import { togglePicker } from "./month-picker.js";
import { isTablePaste, parsePastedRows, pastedInputs } from "./paste.js";
import { type BlockRow, type BlockRowHandlers, type ItemRow, type ItemRowHandlers, showBlockDelete, showBlockDeleteConfirm } from "./rows.js";
import { type RoadmapEdit, Saving } from "./saving.js";
import { type CellKey, RoadmapTable } from "./table.js";

/**
 * The cell last focused in this tab. After undo the shell renders the tab
 * anew and refocuses the first cell of the same kind; the same row's cell is
 * put back instead.
 */
let lastFocus: { programme: number; uid: string; field: CellKey } | null = null;

export class RoadmapView {
  readonly root: HTMLElement;
  private readonly ctx: EditorContext;
  private readonly status: HTMLElement;
  private readonly yearToggle: HTMLInputElement;
  private readonly saving: Saving;
  private readonly hints: Hints;
  private readonly table: RoadmapTable;
  private readonly drag: Drag;
  /**
   * The programme as this tab last loaded it. The shell refreshes its own
   * copy lazily, so the tab reloads after each of its edits to number and
   * place rows from what is really stored.
   */
  private model: Programme;
  private reloadSeq = 0;

  constructor(ctx: EditorContext) {
    this.ctx = ctx;
    this.model = ctx.programme();
    this.root = h("section", { className: "roadmap", testId: "roadmap" });
    const programme = (): Programme => this.model;
    const itemRows = (): Iterable<ItemRow> => this.table.items.values();
    this.saving = new Saving({ ctx, root: this.root, programme, itemRows, refresh: (force) => this.refresh(force) });
    this.hints = new Hints({ id: ctx.id, programme, itemRows });
    this.table = new RoadmapTable({
      root: this.root,
      programme,
      itemHandlers: this.itemHandlers(),
      blockHandlers: this.blockHandlers(),
    });
    this.drag = new Drag(this.table.body, (uid, on) => void this.saving.serial(() => this.dropAt(uid, on)));
    this.status = h("p", { className: "roadmap-status", testId: "roadmap-status", attrs: { "aria-live": "polite" } });
    this.yearToggle = h("input", { testId: "roadmap-year-columns", attrs: { type: "checkbox" } });
    this.yearToggle.addEventListener("change", () => void this.saving.serial(() => this.toggleYears()));
    const addBlock = h(
      "button",
      { className: "button", testId: "roadmap-add-block", attrs: { type: "button" }, onClick: () => void this.saving.serial(() => this.addBlock()) },
      "Добавить блок",
    );
    this.root.append(
      // A header typed on the card shows in the table's head once stored.
      roadmapShapeCard(ctx, (layout) => this.table.drawHead(layout.roadmap)),
      h(
        "div",
        { className: "roadmap-toolbar" },
        addBlock,
        h("label", { className: "roadmap-toggle" }, this.yearToggle, " Колонки по годам и «Планируемое значение»"),
        h(
          "span",
          { className: "roadmap-keys" },
          "Tab — следующая ячейка, Ctrl+Enter — новое мероприятие ниже, Alt+↑/↓ — переместить",
        ),
      ),
      this.status,
      h("div", { className: "roadmap-scroll" }, this.table.element),
    );
    // The shell undoes on Ctrl+Z after sending pending typing it knows of;
    // this tab's own pending typing must go first, so it is sent here, in the
    // capture phase, before the shell's handler runs.
    this.root.addEventListener(
      "keydown",
      (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && ["KeyZ", "KeyY"].includes(event.code)) {
          void this.saving.flushAll();
        }
      },
      true,
    );
    this.root.addEventListener("focusin", (event) => {
      const target = event.target;
      if (!(target instanceof HTMLElement)) return;
      const uid = target.closest("tr")?.dataset["uid"];
      const field = [...(this.table.items.get(uid ?? "")?.fields ?? [])].find(([, el]) => el === target)?.[0];
      if (uid !== undefined && field !== undefined) lastFocus = { programme: this.ctx.id, uid, field };
      else if (uid !== undefined && target === this.table.blocks.get(uid)?.title) lastFocus = { programme: this.ctx.id, uid, field: "title" };
    });
  }

  private itemHandlers(): ItemRowHandlers {
    return {
      typed: (row) => this.saving.scheduleItem(row),
      left: (row) => void this.saving.flushItem(row),
      key: (row, event, cell) => this.onItemKey(event, row, cell),
      deadlineTyped: (row) => void this.hints.live(row),
      pasted: (row, event) => this.onPaste(event, row),
      manual: (row) => this.openPicker(row),
      auto: (row) => void this.saving.serial(() => this.setManual(row, null)),
      remove: (row) => void this.saving.serial(() => this.deleteItem(row.uid)),
      dragStart: (row, event) => this.drag.start(row, event),
      dragEnd: (row) => this.drag.end(row),
    };
  }

  private blockHandlers(): BlockRowHandlers {
    return {
      addItem: (row) => void this.saving.serial(() => this.addItem(row.uid, null)),
      typed: (row) => this.saving.scheduleBlock(row),
      left: (row) => this.saving.flushBlock(row),
      key: (row, event) => this.onBlockKey(event, row),
      dragOver: (row, event) => this.drag.overBlock(row, event),
      askDelete: (row) => this.askDeleteBlock(row),
    };
  }

  setModel(p: Programme): void {
    this.model = p;
  }

  private async refresh(force: boolean): Promise<void> {
    const seq = ++this.reloadSeq;
    const p = await loadProgramme(this.ctx.id);
    if (seq !== this.reloadSeq || !this.alive()) return;
    this.model = p;
    this.sync(force);
    void this.refreshSchedules();
  }

  /** False once the shell has replaced this tab (after undo, say). */
  private alive(): boolean {
    return this.root.isConnected || this.reloadSeq === 0;
  }

  // ---- the table ----

  build(): void {
    this.table.build();
    this.yearToggle.checked = this.model.roadmap.year_columns.length > 0;
    this.updateEmpty();
  }

  /** Brings the table in line with the programme (see RoadmapTable.sync). */
  sync(force = false): void {
    const rebuilt = this.table.sync(force);
    if (rebuilt) this.yearToggle.checked = this.model.roadmap.year_columns.length > 0;
    this.updateEmpty();
    if (rebuilt) void this.refreshSchedules();
  }

  refreshSchedules(): Promise<void> {
    return this.hints.refresh();
  }

  private updateEmpty(): void {
    if (this.model.roadmap.blocks.length === 0) {
      this.status.textContent = "В дорожной карте пока нет блоков. Нажмите «Добавить блок».";
    } else if (this.status.dataset["kind"] !== "note") {
      this.status.textContent = "";
    }
  }

  private note(text: string): void {
    this.status.textContent = text;
    this.status.dataset["kind"] = "note";
  }

  /**
   * Brings a cell into view with the focus, once the roadmap is on screen:
   * an item's cell (its Сроки unless told; a year's text by its year) or a
   * block's title (`uid` a block's).
   */
  reveal(uid: string, field: CellKey | number = "deadline"): void {
    const item = this.table.items.get(uid);
    const block = this.table.blocks.get(uid);
    let tr: HTMLTableRowElement | undefined;
    let cell: HTMLElement | undefined;
    if (item !== undefined) {
      // Rows past the first screen come in batches: bring the rest in now.
      this.table.appendUpTo(item);
      tr = item.tr;
      cell = typeof field === "number" ? item.years.get(field) : field === "title" ? undefined : item.fields.get(field);
      cell ??= item.fields.get("deadline");
    } else if (block !== undefined) {
      this.table.appendUpTo(block);
      tr = block.tr;
      cell = block.title;
    }
    if (tr === undefined || cell === undefined) return;
    tr.scrollIntoView({ block: "center" });
    cell.focus({ preventScroll: true });
    const row = tr;
    row.classList.add("rm-revealed");
    window.setTimeout(() => row.classList.remove("rm-revealed"), 2500);
  }

  /** After a re-render (undo), focus goes back to the same row's cell if the shell put it in this tab. */
  restoreLastFocus(): void {
    const last = lastFocus;
    const active = document.activeElement;
    if (last === null || last.programme !== this.ctx.id || !(active instanceof HTMLElement) || !this.root.contains(active)) return;
    const target = this.table.cell(last.uid, last.field);
    if (target !== undefined && target !== active) target.focus();
  }

  /** Sizes the textareas once the table is on screen (one layout pass for all). */
  sizeAll(): void {
    this.table.sizeAll();
  }

  // ---- keyboard ----

  private onBlockKey(event: KeyboardEvent, row: BlockRow): void {
    if (event.key === "Escape") {
      row.title.blur();
    } else if (event.key === "Enter") {
      event.preventDefault();
      this.saving.flushBlock(row);
      const first = this.model.roadmap.blocks.find((b) => b.uid === row.uid)?.items[0];
      if (first !== undefined) this.table.items.get(first.uid)?.fields.get("activity")?.focus();
      else void this.saving.serial(() => this.addItem(row.uid, null));
    } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      void this.saving.serial(() => this.moveBlock(row.uid, event.key === "ArrowUp" ? -1 : 1));
    }
  }

  private onItemKey(event: KeyboardEvent, row: ItemRow, el: HTMLTextAreaElement): void {
    if (event.key === "Escape") {
      event.preventDefault();
      el.blur();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.saving.serial(() => this.insertBelow(row));
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.altKey && isLastCell(row, el)) {
      event.preventDefault();
      void this.saving.serial(() => this.insertBelow(row));
      return;
    }
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      void this.saving.serial(() => this.moveItem(row, event.key === "ArrowUp" ? -1 : 1));
    }
  }

  // ---- structural edits (each run through saving.serial) ----

  private run(edit: RoadmapEdit): Promise<string | null> {
    return this.saving.run(edit);
  }

  private async insertBelow(row: ItemRow): Promise<void> {
    await this.saving.flushItem(row);
    const pos = positionOf(this.model, row.uid);
    if (pos === null) return;
    await this.addItem(row.block, pos.ii + 1);
  }

  private async addItem(block: string, at: number | null, input: ItemInput = emptyInput()): Promise<string | null> {
    await this.saving.flushAll();
    const uid = await this.run({ op: "put_item", block, at, uid: "", item: input });
    if (uid !== null) this.table.focusCell(uid, "activity");
    return uid;
  }

  private async addBlock(): Promise<void> {
    await this.saving.flushAll();
    const n = this.model.roadmap.blocks.length + 1;
    const uid = await this.run({ op: "put_block", uid: "", title: `Новый блок ${n}` });
    if (uid !== null) {
      this.table.focusCell(uid, "title");
      this.table.blocks.get(uid)?.title.select();
    }
  }

  private async moveItem(row: ItemRow, delta: -1 | 1): Promise<void> {
    await this.saving.flushItem(row);
    const pos = positionOf(this.model, row.uid);
    if (pos === null) return;
    const target = moveTarget(this.model, pos, delta);
    if (target === null) return;
    await this.run({ op: "move", list: "items", uid: row.uid, to: target.to, block: target.block });
  }

  private async moveBlock(uid: string, delta: -1 | 1): Promise<void> {
    const blocks = this.model.roadmap.blocks;
    const index = blocks.findIndex((b) => b.uid === uid);
    const to = index + delta;
    if (index < 0 || to < 0 || to >= blocks.length) return;
    await this.run({ op: "move", list: "blocks", uid, to });
  }

  private async deleteItem(uid: string): Promise<void> {
    const pos = positionOf(this.model, uid);
    if (pos === null) return;
    const number = itemRef(
      itemLabels(this.model.layout.roadmap, this.model.roadmap.blocks).get(uid) ?? "",
      findItem(this.model, uid)?.activity ?? "",
    );
    const block = this.model.roadmap.blocks[pos.bi];
    const next = block?.items[pos.ii + 1] ?? block?.items[pos.ii - 1];
    const row = this.table.items.get(uid);
    if (row !== undefined) this.saving.cancel(row);
    const done = await this.run({ op: "delete", list: "items", uid });
    if (done !== null || findItem(this.model, uid) === undefined) {
      this.note(`Мероприятие ${number} удалено. Отменить — Ctrl+Z.`);
      if (next !== undefined) this.table.items.get(next.uid)?.fields.get("activity")?.focus();
    }
  }

  private askDeleteBlock(row: BlockRow): void {
    const block = this.model.roadmap.blocks.find((b) => b.uid === row.uid);
    if (block === undefined) return;
    const remove = (): void => void this.saving.serial(() => this.deleteBlock(row.uid));
    if (block.items.length === 0) {
      remove();
      return;
    }
    showBlockDeleteConfirm(row, block.items.length, remove, () => showBlockDelete(row, () => this.askDeleteBlock(row)));
  }

  private async deleteBlock(uid: string): Promise<void> {
    const index = this.model.roadmap.blocks.findIndex((b) => b.uid === uid);
    await this.run({ op: "delete", list: "blocks", uid });
    if (!this.table.blocks.has(uid)) this.note(`Блок ${index + 1} удалён. Отменить — Ctrl+Z.`);
  }

  private async toggleYears(): Promise<void> {
    await this.saving.flushAll();
    const years = this.yearToggle.checked ? periodYears(this.model.period) : [];
    await this.run({ op: "set_year_columns", years });
  }

  private async dropAt(uid: string, on: DropOn): Promise<void> {
    const target = dropTarget(this.model, uid, on);
    if (target === null) return;
    const row = this.table.items.get(uid);
    if (row !== undefined) await this.saving.flushItem(row);
    await this.run({ op: "move", list: "items", uid, to: target.to, block: target.block });
  }

  // ---- months by hand ----

  private openPicker(row: ItemRow): void {
    togglePicker(row, {
      months: periodMonths(this.model.period),
      schedule: this.hints.scheduleOf(row.uid),
      columns: this.table.columnCount(),
      save: (months) => this.saving.serial(() => this.setManual(row, { due: months.map(lastDay), active: months })),
    });
  }

  private async setManual(row: ItemRow, schedule: { due: string[]; active: string[] } | null): Promise<void> {
    await this.saving.flushItem(row);
    await this.run({ op: "set_manual_schedule", item: row.uid, schedule });
    await this.refreshSchedules();
    if (schedule === null) void this.hints.live(row);
  }

  // ---- paste ----

  private onPaste(event: ClipboardEvent, row: ItemRow): void {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!isTablePaste(text)) return; // ordinary text
    const rows = parsePastedRows(text);
    if (rows.length === 0) return;
    event.preventDefault();
    void this.saving.serial(() => this.pasteRows(rows, row));
  }

  private async pasteRows(rows: string[][], row: ItemRow): Promise<void> {
    const inputs = pastedInputs(rows);
    const pos = positionOf(this.model, row.uid);
    if (pos === null) return;
    const current = findItem(this.model, row.uid);
    const activity = row.fields.get("activity");
    let at = pos.ii + 1;
    let first = inputs;
    const emptyRow =
      activity !== undefined &&
      activity.value.trim() === "" &&
      current !== undefined &&
      current.deadline === "" &&
      current.responsible === "" &&
      current.expected_result === "";
    if (emptyRow) {
      // The first pasted row fills the empty row the user pasted into.
      const [head, ...rest] = inputs;
      if (head !== undefined) {
        for (const f of ["activity", "deadline", "responsible", "expected_result"] as const) {
          const el = row.fields.get(f);
          if (el !== undefined) el.value = head[f];
        }
        this.saving.cancel(row);
        await this.run({ op: "put_item", block: row.block, uid: row.uid, item: { ...head, per_year: current.per_year, planned_value: current.planned_value } });
      }
      first = rest;
    }
    let last: string | null = null;
    for (const input of first) {
      last = await this.run({ op: "put_item", block: row.block, at, uid: "", item: input });
      if (last === null) break;
      at++;
    }
    this.note(`Вставлено строк: ${rows.length}.`);
    if (last !== null) this.table.items.get(last)?.fields.get("activity")?.focus();
  }
}

function isLastCell(row: ItemRow, el: HTMLTextAreaElement): boolean {
  const cells = [...row.fields.values(), ...row.years.values()];
  return cells[cells.length - 1] === el;
}
