// The roadmap tab: blocks and items as a table shaped like the printed one.
// Rows are built once and reconciled by uid after every reload, so typing in
// a 300-item programme touches one row, and focus survives every edit (a row
// moved in the DOM gets its focus and caret back).

import { describeDeadline, itemSchedules, loadProgramme } from "../../api.js";
import { lastDay, periodMonths, periodYears } from "../../calendar.js";
import { h } from "../../dom.js";
import { formatMonthShort, plural } from "../../format.js";
import type { Block, Item, ItemInput, Programme, ScheduleView, YearText } from "../../model.js";
import { splitTabular } from "../../pasted.js";
import type { EditorContext, EditorTab } from "./tab.js";

const SAVE_DELAY_MS = 400;
const FIRST_ROWS = 40;
const BATCH_ROWS = 40;
const ITEM_DRAG_TYPE = "application/x-metodist-item";

type Field = "activity" | "deadline" | "responsible" | "expected_result" | "planned_value";

interface ItemRow {
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

interface BlockRow {
  uid: string;
  tr: HTMLTableRowElement;
  number: HTMLElement;
  title: HTMLInputElement;
  deleteArea: HTMLElement;
  addRow: HTMLTableRowElement;
  timer: number | null;
}

function emptyInput(): ItemInput {
  return {
    activity: "",
    deadline: "",
    responsible: "",
    expected_result: "",
    planned_value: "",
    per_year: [],
  };
}

/**
 * Rows copied from Word or Excel, one item per row: the cells trimmed, a
 * first cell that only numbers the row («1.2.») dropped, empty rows skipped.
 * Line breaks inside a cell are kept.
 */
export function parsePastedRows(text: string): string[][] {
  return splitTabular(text)
    .map((cells) => cells.map((s) => s.trim()))
    .map((cells) => (cells.length > 1 && /^\d+(\.\d+)*\.?$/.test(cells[0] ?? "") ? cells.slice(1) : cells))
    .filter((cells) => cells.some((s) => s !== ""));
}

function autosize(area: HTMLTextAreaElement): void {
  if (supportsFieldSizing) return;
  area.style.height = "auto";
  area.style.height = `${area.scrollHeight + 2}px`;
}

const supportsFieldSizing =
  typeof CSS !== "undefined" && typeof CSS.supports === "function" && CSS.supports("field-sizing", "content");

class RoadmapView {
  readonly root: HTMLElement;
  private readonly ctx: EditorContext;
  private readonly table: HTMLTableElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly head: HTMLTableSectionElement;
  private readonly status: HTMLElement;
  private readonly yearToggle: HTMLInputElement;
  private items = new Map<string, ItemRow>();
  private blocks = new Map<string, BlockRow>();
  private schedules = new Map<string, ScheduleView>();
  private yearColumns: number[] = [];
  private pendingFocus: { uid: string; field: Field | "title" } | null = null;
  private scheduleSeq = 0;
  private dragUid: string | null = null;
  /** Rows built but not yet in the table (see build). */
  private pendingRows: HTMLTableRowElement[] = [];
  /**
   * The programme as this tab last loaded it. The shell refreshes its own
   * copy lazily, so the tab reloads after each of its edits to number and
   * place rows from what is really stored.
   */
  private model: Programme;
  private reloadSeq = 0;
  /** Structural edits (add, move, delete, paste) run one after another on a fresh model. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(ctx: EditorContext) {
    this.ctx = ctx;
    this.model = ctx.programme();
    this.head = h("thead");
    this.tbody = h("tbody");
    this.table = h("table", { className: "roadmap-table", testId: "roadmap-table" }, this.head, this.tbody);
    this.status = h("p", { className: "roadmap-status", testId: "roadmap-status", attrs: { "aria-live": "polite" } });
    this.yearToggle = h("input", { testId: "roadmap-year-columns", attrs: { type: "checkbox" } });
    this.yearToggle.addEventListener("change", () => void this.serial(() => this.toggleYears()));
    const addBlock = h(
      "button",
      { className: "button", testId: "roadmap-add-block", attrs: { type: "button" }, onClick: () => void this.serial(() => this.addBlock()) },
      "Добавить блок",
    );
    this.root = h(
      "section",
      { className: "roadmap", testId: "roadmap" },
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
      h("div", { className: "roadmap-scroll" }, this.table),
    );
    // The shell undoes on Ctrl+Z after sending pending typing it knows of;
    // this tab's own pending typing must go first, so it is sent here, in the
    // capture phase, before the shell's handler runs.
    this.root.addEventListener(
      "keydown",
      (event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && ["KeyZ", "KeyY"].includes(event.code)) {
          void this.flushAll();
        }
      },
      true,
    );
    this.root.addEventListener("focusin", (event) => {
      const target = event.target;
      if (!(target instanceof HTMLElement)) return;
      const uid = target.closest("tr")?.dataset["uid"];
      const field = [...(this.items.get(uid ?? "")?.fields ?? [])].find(([, el]) => el === target)?.[0];
      if (uid !== undefined && field !== undefined) lastFocus = { programme: this.ctx.id, uid, field };
      else if (uid !== undefined && target === this.blocks.get(uid)?.title) lastFocus = { programme: this.ctx.id, uid, field: "title" };
    });
    this.tbody.addEventListener("dragover", (event) => this.onDragOver(event));
    this.tbody.addEventListener("dragleave", () => this.clearDropMarks());
    this.tbody.addEventListener("drop", (event) => this.onDrop(event));
  }

  private get p(): Programme {
    return this.model;
  }

  setModel(p: Programme): void {
    this.model = p;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
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

  // ---- building ----

  build(): void {
    const p = this.p;
    this.yearColumns = [...p.roadmap.year_columns];
    this.yearToggle.checked = this.yearColumns.length > 0;
    this.items.clear();
    this.blocks.clear();
    for (const row of this.tbody.querySelectorAll("tr")) row.remove();
    this.head.replaceChildren(this.headerRow());
    this.table.classList.toggle("with-years", this.yearColumns.length > 0);
    this.table.style.setProperty("--year-count", String(this.yearColumns.length));
    const fragment = document.createDocumentFragment();
    p.roadmap.blocks.forEach((block, bi) => {
      const b = this.makeBlockRow(block);
      this.blocks.set(block.uid, b);
      fragment.append(b.tr);
      block.items.forEach((item) => {
        const r = this.makeItemRow(item, block.uid);
        this.items.set(item.uid, r);
        fragment.append(r.tr);
      });
      fragment.append(b.addRow);
      void bi;
    });
    // The first screenful goes in at once; the rest follows in small
    // batches, so a 300-item roadmap shows (and takes typing) without
    // waiting for the layout of every row.
    const rows = [...fragment.children] as HTMLTableRowElement[];
    this.tbody.append(...rows.slice(0, FIRST_ROWS));
    this.pendingRows = rows.slice(FIRST_ROWS);
    if (this.pendingRows.length > 0) window.setTimeout(() => this.appendMore(), 0);
    else this.root.dataset["complete"] = "true";
    this.renumber();
    this.updateEmpty();
  }

  private appendMore(): void {
    const batch = this.pendingRows.splice(0, BATCH_ROWS).filter((tr) => !tr.isConnected);
    this.tbody.append(...batch);
    this.sizeAreas([...batch].flatMap((tr) => [...tr.querySelectorAll("textarea")]));
    if (this.pendingRows.length > 0) window.setTimeout(() => this.appendMore(), 0);
    else this.root.dataset["complete"] = "true";
  }

  private columnCount(): number {
    const extra = this.yearColumns.length > 0 ? 1 + this.yearColumns.length : 0;
    return 6 + extra + 1;
  }

  private headerRow(): HTMLTableRowElement {
    const cells = [
      h("th", { className: "rm-drag-col", attrs: { "aria-label": "Перетащить" } }),
      h("th", { className: "rm-num-col" }, "№"),
      h("th", { className: "rm-activity-col" }, "Мероприятие"),
      h("th", { className: "rm-deadline-col" }, "Сроки"),
      h("th", { className: "rm-resp-col" }, "Ответственные"),
      h("th", { className: "rm-result-col" }, "Ожидаемый результат"),
    ];
    if (this.yearColumns.length > 0) {
      cells.push(h("th", { className: "rm-planned-col" }, "Планируемое значение"));
      for (const y of this.yearColumns) cells.push(h("th", { className: "rm-year-col" }, String(y)));
    }
    cells.push(h("th", { className: "rm-actions-col", attrs: { "aria-label": "Действия" } }));
    return h("tr", {}, ...cells);
  }

  private makeBlockRow(block: Block): BlockRow {
    const number = h("span", { className: "rm-block-number", testId: "block-number" });
    const title = h("input", {
      className: "rm-block-title",
      testId: "block-title",
      attrs: { type: "text", placeholder: "Название блока", "aria-label": "Название блока" },
    });
    title.value = block.title;
    const deleteArea = h("span", { className: "rm-block-actions" });
    const tr = h(
      "tr",
      { className: "rm-block-row", testId: "block-row", attrs: { "data-uid": block.uid } },
      h("td", { attrs: { colspan: String(this.columnCount()) } }, number, title, deleteArea),
    );
    const add = h(
      "button",
      {
        className: "link-button",
        testId: "add-item",
        attrs: { type: "button" },
        onClick: () => void this.serial(() => this.addItem(block.uid, null)),
      },
      "+ Добавить мероприятие",
    );
    const addRow = h(
      "tr",
      { className: "rm-add-row", attrs: { "data-block": block.uid } },
      h("td", { attrs: { colspan: String(this.columnCount()) } }, add),
    );
    const row: BlockRow = { uid: block.uid, tr, number, title, deleteArea, addRow, timer: null };
    this.resetBlockDelete(row);
    title.addEventListener("input", () => this.scheduleBlockSave(row));
    title.addEventListener("blur", () => this.flushBlock(row));
    title.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        title.blur();
      } else if (event.key === "Enter") {
        event.preventDefault();
        this.flushBlock(row);
        const first = this.p.roadmap.blocks.find((b) => b.uid === row.uid)?.items[0];
        if (first !== undefined) this.items.get(first.uid)?.fields.get("activity")?.focus();
        else void this.serial(() => this.addItem(row.uid, null));
      } else if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
        event.preventDefault();
        void this.serial(() => this.moveBlock(row.uid, event.key === "ArrowUp" ? -1 : 1));
      }
    });
    // Dropping onto a block title puts the item first in that block.
    tr.addEventListener("dragover", (event) => {
      if (this.dragUid === null) return;
      event.preventDefault();
      this.clearDropMarks();
      tr.classList.add("rm-drop-into");
    });
    return row;
  }

  private resetBlockDelete(row: BlockRow): void {
    const button = h(
      "button",
      {
        className: "icon-button",
        testId: "delete-block",
        attrs: { type: "button", title: "Удалить блок", "aria-label": "Удалить блок" },
        onClick: () => this.askDeleteBlock(row),
      },
      "✕",
    );
    button.tabIndex = -1;
    row.deleteArea.replaceChildren(button);
  }

  private askDeleteBlock(row: BlockRow): void {
    const block = this.p.roadmap.blocks.find((b) => b.uid === row.uid);
    if (block === undefined) return;
    if (block.items.length === 0) {
      void this.serial(() => this.deleteBlock(row.uid));
      return;
    }
    const n = block.items.length;
    const cancel = h(
      "button",
      { className: "button", testId: "delete-block-cancel", attrs: { type: "button" }, onClick: () => this.resetBlockDelete(row) },
      "Отмена",
    );
    row.deleteArea.replaceChildren(
      h(
        "span",
        { className: "rm-confirm", testId: "delete-block-confirm", attrs: { role: "alert" } },
        `Удалить блок и ${plural(n, "мероприятие", "мероприятия", "мероприятий")}? `,
        h(
          "button",
          { className: "button danger", testId: "delete-block-yes", attrs: { type: "button" }, onClick: () => void this.serial(() => this.deleteBlock(row.uid)) },
          "Удалить",
        ),
        " ",
        cancel,
      ),
    );
    cancel.focus();
  }

  private makeItemRow(item: Item, block: string): ItemRow {
    const fields = new Map<Field, HTMLTextAreaElement>();
    const area = (field: Field, label: string, value: string): HTMLTextAreaElement => {
      const el = h("textarea", {
        className: `rm-cell rm-${field}`,
        testId: `item-${field}`,
        attrs: { rows: "1", "aria-label": label, spellcheck: "true" },
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
    if (this.yearColumns.length > 0) {
      cells.push(h("td", {}, area("planned_value", "Планируемое значение", item.planned_value)));
      for (const y of this.yearColumns) {
        const el = h("textarea", {
          className: "rm-cell rm-year",
          testId: `item-year-${y}`,
          attrs: { rows: "1", "aria-label": `${y} год` },
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
    const all = [...fields.values(), ...years.values()];
    for (const el of all) {
      el.addEventListener("input", () => {
        autosize(el);
        this.scheduleSave(row);
      });
      el.addEventListener("blur", () => this.flush(row));
      el.addEventListener("keydown", (event) => this.onItemKey(event, row, el));
    }
    fields.get("deadline")?.addEventListener("input", () => void this.liveHint(row));
    fields.get("activity")?.addEventListener("paste", (event) => this.onPaste(event, row));
    manualButton.addEventListener("click", () => this.openPicker(row));
    autoButton.addEventListener("click", () => void this.serial(() => this.setManual(row, null)));
    del.addEventListener("click", () => void this.serial(() => this.deleteItem(row.uid)));
    handle.addEventListener("dragstart", (event) => {
      this.dragUid = row.uid;
      tr.classList.add("rm-dragging");
      event.dataTransfer?.setData(ITEM_DRAG_TYPE, row.uid);
      event.dataTransfer?.setData("text/plain", row.uid);
      if (event.dataTransfer !== null) {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setDragImage(tr, 20, 20);
      }
    });
    handle.addEventListener("dragend", () => {
      this.dragUid = null;
      tr.classList.remove("rm-dragging");
      this.clearDropMarks();
    });
    return row;
  }

  // ---- numbering, hints ----

  private renumber(): void {
    this.p.roadmap.blocks.forEach((block, bi) => {
      const b = this.blocks.get(block.uid);
      if (b !== undefined) b.number.textContent = `${bi + 1}.`;
      block.items.forEach((item, ii) => {
        const r = this.items.get(item.uid);
        if (r === undefined) return;
        const n = `${bi + 1}.${ii + 1}.`;
        if (r.number.textContent !== n) r.number.textContent = n;
        r.block = block.uid;
      });
    });
  }

  private updateEmpty(): void {
    if (this.p.roadmap.blocks.length === 0) {
      this.status.textContent = "В дорожной карте пока нет блоков. Нажмите «Добавить блок».";
    } else if (this.status.dataset["kind"] !== "note") {
      this.status.textContent = "";
    }
  }

  private note(text: string): void {
    this.status.textContent = text;
    this.status.dataset["kind"] = "note";
  }

  async refreshSchedules(): Promise<void> {
    const seq = ++this.scheduleSeq;
    const views = await itemSchedules(this.ctx.id);
    if (seq !== this.scheduleSeq) return;
    this.schedules = new Map(views.map((v) => [v.item, v]));
    for (const row of this.items.values()) this.showSchedule(row);
  }

  private showSchedule(row: ItemRow): void {
    const view = this.schedules.get(row.uid);
    const typed = row.fields.get("deadline")?.value ?? "";
    const saved = this.itemOf(row.uid)?.deadline;
    // While the user types ahead of the last save, the live hint is newer.
    if (view === undefined || (!view.manual && typed !== saved)) return;
    this.paintHint(row, view, typed);
  }

  private paintHint(row: ItemRow, view: ScheduleView, phrase: string): void {
    row.hintFor = phrase;
    let text: string;
    let warn = false;
    if (view.manual) {
      text = `указано вручную: ${view.description}`;
    } else if (phrase.trim() === "") {
      text = "";
    } else if (!view.recognized) {
      text = "не распознано — укажите месяцы вручную";
      warn = true;
    } else {
      // The description already says which dates fall outside the period.
      text = view.description;
      warn = view.outside_period;
    }
    if (row.hintText.textContent !== text) row.hintText.textContent = text;
    row.hint.classList.toggle("warn", warn);
    row.hint.classList.toggle("manual", view.manual);
    row.autoButton.hidden = !view.manual;
  }

  private async liveHint(row: ItemRow): Promise<void> {
    const seq = ++row.hintSeq;
    const phrase = row.fields.get("deadline")?.value ?? "";
    const manual = this.schedules.get(row.uid);
    if (manual?.manual === true) return;
    try {
      const view = await describeDeadline(this.p.period, phrase);
      if (seq !== row.hintSeq) return;
      this.paintHint(row, { ...view, manual: false }, phrase);
    } catch (error) {
      console.error("describe_deadline failed:", error);
    }
  }

  // ---- saving ----

  private itemOf(uid: string): Item | undefined {
    for (const b of this.p.roadmap.blocks) {
      const item = b.items.find((i) => i.uid === uid);
      if (item !== undefined) return item;
    }
    return undefined;
  }

  private inputOf(row: ItemRow): ItemInput {
    const item = this.itemOf(row.uid);
    const value = (f: Field): string => row.fields.get(f)?.value ?? (item?.[f] ?? "");
    let perYear: YearText[] = item?.per_year ?? [];
    if (row.years.size > 0) {
      const others = perYear.filter((v) => !row.years.has(v.year));
      perYear = [...others, ...[...row.years].map(([year, el]) => ({ year, text: el.value }))]
        .filter((v) => v.text.trim() !== "")
        .sort((a, b) => a.year - b.year);
    }
    return {
      activity: value("activity"),
      deadline: value("deadline"),
      responsible: value("responsible"),
      expected_result: value("expected_result"),
      planned_value: value("planned_value"),
      per_year: perYear,
    };
  }

  private scheduleSave(row: ItemRow): void {
    if (row.timer !== null) window.clearTimeout(row.timer);
    row.timer = window.setTimeout(() => this.flush(row), SAVE_DELAY_MS);
  }

  /** Sends the row if it differs from the stored item. */
  private flush(row: ItemRow): Promise<void> {
    if (row.timer !== null) {
      window.clearTimeout(row.timer);
      row.timer = null;
    }
    const item = this.itemOf(row.uid);
    if (item === undefined) return Promise.resolve();
    const input = this.inputOf(row);
    const same =
      input.activity === item.activity &&
      input.deadline === item.deadline &&
      input.responsible === item.responsible &&
      input.expected_result === item.expected_result &&
      input.planned_value === item.planned_value &&
      JSON.stringify(input.per_year) === JSON.stringify(item.per_year.filter((v) => v.text.trim() !== ""));
    if (same || !this.root.isConnected) return Promise.resolve();
    row.sending++;
    return this.run({ op: "put_item", block: row.block, uid: row.uid, item: input }).then(() => {
      row.sending--;
    });
  }

  private flushAll(): Promise<void> {
    return Promise.all([...this.items.values()].filter((r) => r.timer !== null).map((r) => this.flush(r))).then(() => undefined);
  }

  private scheduleBlockSave(row: BlockRow): void {
    if (row.timer !== null) window.clearTimeout(row.timer);
    row.timer = window.setTimeout(() => this.flushBlock(row), SAVE_DELAY_MS);
  }

  private flushBlock(row: BlockRow): void {
    if (row.timer !== null) {
      window.clearTimeout(row.timer);
      row.timer = null;
    }
    const block = this.p.roadmap.blocks.find((b) => b.uid === row.uid);
    if (block === undefined || block.title === row.title.value || !this.root.isConnected) return;
    void this.run({ op: "put_block", uid: row.uid, title: row.title.value });
  }

  /** Applies an edit and brings the table in line; errors are shown by the shell. */
  private async run(edit: Parameters<EditorContext["apply"]>[0]): Promise<string | null> {
    let uid: string | null = null;
    let failed = false;
    try {
      uid = (await this.ctx.apply(edit)).uid;
    } catch (error) {
      // The shell has shown the error; the table goes back to what is stored.
      console.error("edit refused:", error);
      failed = true;
    }
    try {
      await this.refresh(failed);
    } catch (error) {
      console.error("reload after an edit failed:", error);
    }
    return failed ? null : uid;
  }

  // ---- reconciling with the stored programme ----

  /**
   * Brings the rows in line with ctx.programme(): new rows are built, gone
   * ones removed, moved ones placed, changed values written unless the user
   * is typing in that very field. Focus and caret are put back.
   */
  sync(force = false): void {
    const p = this.p;
    if (JSON.stringify(p.roadmap.year_columns) !== JSON.stringify(this.yearColumns)) {
      const focus = this.captureFocus();
      this.build();
      this.restoreFocus(focus);
      void this.refreshSchedules();
      return;
    }
    // Placing rows below puts every row in; nothing is left to append.
    this.pendingRows = [];
    this.root.dataset["complete"] = "true";
    const focus = this.captureFocus();
    const seenItems = new Set<string>();
    const seenBlocks = new Set<string>();
    const order: HTMLTableRowElement[] = [];
    for (const block of p.roadmap.blocks) {
      seenBlocks.add(block.uid);
      let b = this.blocks.get(block.uid);
      if (b === undefined) {
        b = this.makeBlockRow(block);
        this.blocks.set(block.uid, b);
      } else if (b.title.value !== block.title && (document.activeElement !== b.title || force) && b.timer === null) {
        b.title.value = block.title;
      }
      order.push(b.tr);
      for (const item of block.items) {
        seenItems.add(item.uid);
        let r = this.items.get(item.uid);
        if (r === undefined) {
          r = this.makeItemRow(item, block.uid);
          this.items.set(item.uid, r);
        } else {
          this.updateValues(r, item, force);
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
    let cursor: ChildNode | null = this.tbody.firstChild;
    for (const tr of order) {
      if (cursor === tr) {
        cursor = tr.nextSibling;
      } else {
        this.tbody.insertBefore(tr, cursor);
      }
    }
    this.renumber();
    this.updateEmpty();
    this.restoreFocus(focus);
    if (this.pendingFocus !== null) {
      const { uid, field } = this.pendingFocus;
      const target = field === "title" ? this.blocks.get(uid)?.title : this.items.get(uid)?.fields.get(field);
      if (target !== undefined) {
        this.pendingFocus = null;
        target.focus();
      }
    }
  }

  private updateValues(r: ItemRow, item: Item, force: boolean): void {
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

  private captureFocus(): { el: HTMLElement; start: number | null; end: number | null } | null {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !this.root.contains(el)) return null;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
      return { el, start: el.selectionStart, end: el.selectionEnd };
    }
    return { el, start: null, end: null };
  }

  private restoreFocus(focus: { el: HTMLElement; start: number | null; end: number | null } | null): void {
    if (focus === null || document.activeElement === focus.el || !focus.el.isConnected) return;
    focus.el.focus();
    if ((focus.el instanceof HTMLTextAreaElement || focus.el instanceof HTMLInputElement) && focus.start !== null) {
      focus.el.setSelectionRange(focus.start, focus.end ?? focus.start);
    }
  }

  // ---- keyboard ----

  private onItemKey(event: KeyboardEvent, row: ItemRow, el: HTMLTextAreaElement): void {
    if (event.key === "Escape") {
      event.preventDefault();
      el.blur();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.serial(() => this.insertBelow(row));
      return;
    }
    if (event.key === "Enter" && !event.shiftKey && !event.altKey && this.isLastCell(row, el)) {
      event.preventDefault();
      void this.serial(() => this.insertBelow(row));
      return;
    }
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      void this.serial(() => this.moveItem(row, event.key === "ArrowUp" ? -1 : 1));
    }
  }

  private isLastCell(row: ItemRow, el: HTMLTextAreaElement): boolean {
    const cells = [...row.fields.values(), ...row.years.values()];
    return cells[cells.length - 1] === el;
  }

  private position(uid: string): { bi: number; ii: number } | null {
    const blocks = this.p.roadmap.blocks;
    for (let bi = 0; bi < blocks.length; bi++) {
      const ii = (blocks[bi] as Block).items.findIndex((i) => i.uid === uid);
      if (ii >= 0) return { bi, ii };
    }
    return null;
  }

  private async insertBelow(row: ItemRow): Promise<void> {
    await this.flush(row);
    const pos = this.position(row.uid);
    if (pos === null) return;
    await this.addItem(row.block, pos.ii + 1);
  }

  private async addItem(block: string, at: number | null, input: ItemInput = emptyInput()): Promise<string | null> {
    await this.flushAll();
    const uid = await this.run({ op: "put_item", block, at, uid: "", item: input });
    if (uid !== null) this.focusCell(uid, "activity");
    return uid;
  }

  private async addBlock(): Promise<void> {
    await this.flushAll();
    const n = this.p.roadmap.blocks.length + 1;
    const uid = await this.run({ op: "put_block", uid: "", title: `Новый блок ${n}` });
    if (uid !== null) {
      this.focusCell(uid, "title");
      this.blocks.get(uid)?.title.select();
    }
  }

  /** Focuses a cell now, or as soon as its row appears. */
  private focusCell(uid: string, field: Field | "title"): void {
    const target = field === "title" ? this.blocks.get(uid)?.title : this.items.get(uid)?.fields.get(field);
    if (target === undefined) this.pendingFocus = { uid, field };
    else target.focus();
  }

  private async moveItem(row: ItemRow, delta: -1 | 1): Promise<void> {
    await this.flush(row);
    const pos = this.position(row.uid);
    if (pos === null) return;
    const blocks = this.p.roadmap.blocks;
    const block = blocks[pos.bi] as Block;
    let target: { block: string; to: number } | null = null;
    if (delta < 0) {
      if (pos.ii > 0) target = { block: block.uid, to: pos.ii - 1 };
      else if (pos.bi > 0) {
        const prev = blocks[pos.bi - 1] as Block;
        target = { block: prev.uid, to: prev.items.length };
      }
    } else if (pos.ii < block.items.length - 1) {
      target = { block: block.uid, to: pos.ii + 1 };
    } else if (pos.bi < blocks.length - 1) {
      target = { block: (blocks[pos.bi + 1] as Block).uid, to: 0 };
    }
    if (target === null) return;
    await this.run({ op: "move", list: "items", uid: row.uid, to: target.to, block: target.block });
  }

  private async moveBlock(uid: string, delta: -1 | 1): Promise<void> {
    const blocks = this.p.roadmap.blocks;
    const index = blocks.findIndex((b) => b.uid === uid);
    const to = index + delta;
    if (index < 0 || to < 0 || to >= blocks.length) return;
    await this.run({ op: "move", list: "blocks", uid, to });
  }

  private async deleteItem(uid: string): Promise<void> {
    const pos = this.position(uid);
    if (pos === null) return;
    const number = `${pos.bi + 1}.${pos.ii + 1}`;
    const block = this.p.roadmap.blocks[pos.bi] as Block;
    const next = block.items[pos.ii + 1] ?? block.items[pos.ii - 1];
    const row = this.items.get(uid);
    if (row?.timer != null) {
      window.clearTimeout(row.timer);
      row.timer = null;
    }
    const done = await this.run({ op: "delete", list: "items", uid });
    if (done !== null || this.itemOf(uid) === undefined) {
      this.note(`Мероприятие ${number} удалено. Отменить — Ctrl+Z.`);
      if (next !== undefined) this.items.get(next.uid)?.fields.get("activity")?.focus();
    }
  }

  private async deleteBlock(uid: string): Promise<void> {
    const index = this.p.roadmap.blocks.findIndex((b) => b.uid === uid);
    await this.run({ op: "delete", list: "blocks", uid });
    if (!this.blocks.has(uid)) this.note(`Блок ${index + 1} удалён. Отменить — Ctrl+Z.`);
  }

  private async toggleYears(): Promise<void> {
    await this.flushAll();
    const years = this.yearToggle.checked ? periodYears(this.p.period) : [];
    await this.run({ op: "set_year_columns", years });
  }

  // ---- manual schedule ----

  private openPicker(row: ItemRow): void {
    if (row.picker !== null) {
      row.picker.remove();
      row.picker = null;
      return;
    }
    const view = this.schedules.get(row.uid);
    const chosen = new Set<string>(
      view?.manual === true && view.active.length > 0
        ? view.active
        : (view?.due ?? []).map((d) => d.slice(0, 7)),
    );
    const byYear = new Map<string, string[]>();
    for (const m of periodMonths(this.p.period)) {
      const y = m.slice(0, 4);
      byYear.set(y, [...(byYear.get(y) ?? []), m]);
    }
    const grid = h("div", { className: "rm-picker-grid" });
    for (const [year, months] of byYear) {
      const buttons = months.map((m) => {
        const b = h(
          "button",
          { className: "rm-month", testId: `month-${m}`, attrs: { type: "button", "aria-pressed": String(chosen.has(m)) } },
          formatMonthShort(m),
        );
        b.addEventListener("click", () => {
          if (chosen.has(m)) chosen.delete(m);
          else chosen.add(m);
          b.setAttribute("aria-pressed", String(chosen.has(m)));
        });
        return b;
      });
      grid.append(h("div", { className: "rm-picker-year" }, h("span", { className: "rm-picker-label" }, year), ...buttons));
    }
    const close = (): void => {
      row.picker?.remove();
      row.picker = null;
      row.fields.get("deadline")?.focus();
    };
    const save = h("button", { className: "button primary", testId: "manual-save", attrs: { type: "button" } }, "Сохранить месяцы");
    save.addEventListener("click", () => {
      const months = [...chosen].sort();
      void this.serial(() => this.setManual(row, { due: months.map(lastDay), active: months })).then(close);
    });
    const cancel = h("button", { className: "button", attrs: { type: "button" }, onClick: close }, "Отмена");
    const td = h(
      "td",
      { attrs: { colspan: String(this.columnCount()) } },
      h("p", { className: "rm-picker-title" }, "Месяцы, когда мероприятие проводится (срок — последний день месяца):"),
      grid,
      h("div", { className: "rm-picker-actions" }, save, " ", cancel),
    );
    td.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
    row.picker = h("tr", { className: "rm-picker", testId: "manual-picker" }, td);
    row.tr.after(row.picker);
    grid.querySelector("button")?.focus();
  }

  private async setManual(row: ItemRow, schedule: { due: string[]; active: string[] } | null): Promise<void> {
    await this.flush(row);
    await this.run({ op: "set_manual_schedule", item: row.uid, schedule });
    await this.refreshSchedules();
    if (schedule === null) void this.liveHint(row);
  }

  // ---- paste ----

  private onPaste(event: ClipboardEvent, row: ItemRow): void {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!text.includes("\t") && !/\n\s*\S/.test(text.trim())) return; // ordinary text
    const rows = parsePastedRows(text);
    if (rows.length === 0) return;
    event.preventDefault();
    void this.serial(() => this.pasteRows(rows, row));
  }

  private async pasteRows(rows: string[][], row: ItemRow): Promise<void> {
    const inputs = rows.map((cells) => ({
      ...emptyInput(),
      activity: cells[0] ?? "",
      deadline: cells[1] ?? "",
      responsible: cells[2] ?? "",
      expected_result: cells[3] ?? "",
    }));
    const pos = this.position(row.uid);
    if (pos === null) return;
    const current = this.itemOf(row.uid);
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
        if (row.timer !== null) window.clearTimeout(row.timer);
        row.timer = null;
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
    if (last !== null) this.items.get(last)?.fields.get("activity")?.focus();
  }

  // ---- drag and drop ----

  private clearDropMarks(): void {
    for (const el of this.tbody.querySelectorAll(".rm-drop-before, .rm-drop-after, .rm-drop-into")) {
      el.classList.remove("rm-drop-before", "rm-drop-after", "rm-drop-into");
    }
  }

  private onDragOver(event: DragEvent): void {
    if (this.dragUid === null) return;
    const tr = (event.target as Element | null)?.closest("tr");
    if (tr === null || tr === undefined) return;
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = "move";
    if (!tr.classList.contains("rm-item-row") && !tr.classList.contains("rm-add-row")) return;
    this.clearDropMarks();
    if (tr.classList.contains("rm-add-row")) {
      tr.classList.add("rm-drop-before");
      return;
    }
    const rect = tr.getBoundingClientRect();
    tr.classList.add(event.clientY < rect.top + rect.height / 2 ? "rm-drop-before" : "rm-drop-after");
  }

  private onDrop(event: DragEvent): void {
    const uid = this.dragUid ?? event.dataTransfer?.getData(ITEM_DRAG_TYPE) ?? "";
    const marked = this.tbody.querySelector(".rm-drop-before, .rm-drop-after, .rm-drop-into");
    const after = marked?.classList.contains("rm-drop-after") === true;
    this.clearDropMarks();
    this.dragUid = null;
    if (uid === "" || !(marked instanceof HTMLTableRowElement)) return;
    event.preventDefault();
    void this.serial(() => this.dropAt(uid, marked, after));
  }

  private async dropAt(uid: string, marked: HTMLTableRowElement, after: boolean): Promise<void> {
    const from = this.position(uid);
    if (from === null) return;
    let block: string;
    let to: number;
    if (marked.classList.contains("rm-block-row")) {
      block = marked.dataset["uid"] ?? "";
      to = 0;
    } else if (marked.classList.contains("rm-add-row")) {
      block = marked.dataset["block"] ?? "";
      to = this.p.roadmap.blocks.find((b) => b.uid === block)?.items.length ?? 0;
    } else {
      const targetUid = marked.dataset["uid"] ?? "";
      const pos = this.position(targetUid);
      if (pos === null || targetUid === uid) return;
      block = (this.p.roadmap.blocks[pos.bi] as Block).uid;
      to = pos.ii + (after ? 1 : 0);
    }
    const sameBlock = (this.p.roadmap.blocks[from.bi] as Block).uid === block;
    // `to` is the final index: within one block, removing the row first shifts the rows below it up.
    if (sameBlock && from.ii < to) to--;
    if (sameBlock) to = Math.min(to, ((this.p.roadmap.blocks[from.bi] as Block).items.length) - 1);
    if (sameBlock && to === from.ii) return;
    const row = this.items.get(uid);
    if (row !== undefined) await this.flush(row);
    await this.run({ op: "move", list: "items", uid, to, block });
  }

  /** After a re-render (undo), focus goes back to the same row's cell if the shell put it in this tab. */
  /** Brings an item's Сроки cell into view with the focus, once the roadmap is on screen. */
  reveal(uid: string): void {
    const row = this.items.get(uid);
    const cell = row?.fields.get("deadline");
    if (row === undefined || cell === undefined) return;
    // Rows past the first screen come in batches: bring the rest in now.
    while (!row.tr.isConnected && this.pendingRows.length > 0) this.appendMore();
    row.tr.scrollIntoView({ block: "center" });
    cell.focus();
    row.tr.classList.add("rm-revealed");
    window.setTimeout(() => row.tr.classList.remove("rm-revealed"), 2500);
  }

  restoreLastFocus(): void {
    const last = lastFocus;
    const active = document.activeElement;
    if (last === null || last.programme !== this.ctx.id || !(active instanceof HTMLElement) || !this.root.contains(active)) return;
    const target = last.field === "title" ? this.blocks.get(last.uid)?.title : this.items.get(last.uid)?.fields.get(last.field);
    if (target !== undefined && target !== active) target.focus();
  }

  /** Sizes the textareas once the table is on screen (one layout pass for all). */
  sizeAll(): void {
    this.sizeAreas([...this.tbody.querySelectorAll("textarea")]);
  }

  private sizeAreas(areas: HTMLTextAreaElement[]): void {
    if (supportsFieldSizing || !this.root.isConnected) return;
    for (const a of areas) a.style.height = "auto";
    const heights = areas.map((a) => a.scrollHeight);
    areas.forEach((a, i) => {
      a.style.height = `${(heights[i] ?? 0) + 2}px`;
    });
  }
}

/**
 * The cell last focused in this tab. After undo the shell renders the tab
 * anew and refocuses the first cell of the same kind; the same row's cell is
 * put back instead.
 */
let lastFocus: { programme: number; uid: string; field: Field | "title" } | null = null;

/** An item another tab asked to show (the Сегодня notice of untracked items). */
let revealRequest: { programme: number; uid: string } | null = null;

/** Opens on `uid`'s Сроки cell the next time this programme's roadmap is shown. */
export function revealOnOpen(programme: number, uid: string): void {
  revealRequest = { programme, uid };
}

export const roadmapTab: EditorTab = {
  key: "roadmap",
  title: "Дорожная карта",
  async render(ctx: EditorContext): Promise<HTMLElement> {
    const started = performance.now();
    const view = new RoadmapView(ctx);
    view.build();
    const built = performance.now();
    await view.refreshSchedules();
    const scheduled = performance.now();
    view.root.dataset["buildMs"] = String(Math.round(built - started));
    view.root.dataset["schedulesMs"] = String(Math.round(scheduled - built));
    ctx.onReload((programme) => {
      // A re-rendered tab replaces this one; a detached view must not act.
      if (!view.root.isConnected) return;
      view.setModel(programme);
      view.sync(true);
      void view.refreshSchedules();
    });
    const whenShown = (): void => {
      if (!view.root.isConnected) {
        requestAnimationFrame(whenShown);
        return;
      }
      const shown = performance.now();
      view.sizeAll();
      const request = revealRequest;
      if (request !== null && request.programme === ctx.id) {
        revealRequest = null;
        view.reveal(request.uid);
      } else {
        view.restoreLastFocus();
      }
      view.root.dataset["sizeMs"] = String(Math.round(performance.now() - shown));
      const ms = Math.round(performance.now() - started);
      view.root.dataset["renderMs"] = String(ms);
      console.info(`roadmap: ${ctx.programme().roadmap.blocks.reduce((n, b) => n + b.items.length, 0)} items shown in ${ms} ms`);
    };
    requestAnimationFrame(whenShown);
    return view.root;
  },
};
