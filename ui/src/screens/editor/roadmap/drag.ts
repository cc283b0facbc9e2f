// Dragging an item by its ⠿ handle: the row under the pointer is marked
// where the item would go (before or after an item, at the end of a block,
// first in a block when over its title), and the drop tells the view which
// row it landed on. Where that puts the item is data.ts's dropTarget.

import type { DropOn } from "./data.js";
import type { BlockRow, ItemRow } from "./rows.js";

const ITEM_DRAG_TYPE = "application/x-metodist-item";
const MARKS = ["rm-drop-before", "rm-drop-after", "rm-drop-into"];

export class Drag {
  private readonly body: HTMLTableSectionElement;
  private readonly dropped: (uid: string, on: DropOn) => void;
  /** The item being dragged from this table, if any. */
  private uid: string | null = null;

  constructor(body: HTMLTableSectionElement, dropped: (uid: string, on: DropOn) => void) {
    this.body = body;
    this.dropped = dropped;
    body.addEventListener("dragover", (event) => this.over(event));
    body.addEventListener("dragleave", () => this.clearMarks());
    body.addEventListener("drop", (event) => this.drop(event));
  }

  start(row: ItemRow, event: DragEvent): void {
    this.uid = row.uid;
    row.tr.classList.add("rm-dragging");
    event.dataTransfer?.setData(ITEM_DRAG_TYPE, row.uid);
    event.dataTransfer?.setData("text/plain", row.uid);
    if (event.dataTransfer !== null) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setDragImage(row.tr, 20, 20);
    }
  }

  end(row: ItemRow): void {
    this.uid = null;
    row.tr.classList.remove("rm-dragging");
    this.clearMarks();
  }

  /** Over a block's title row: the item would go first in that block. */
  overBlock(row: BlockRow, event: DragEvent): void {
    if (this.uid === null) return;
    event.preventDefault();
    this.clearMarks();
    row.tr.classList.add("rm-drop-into");
  }

  private clearMarks(): void {
    for (const el of this.body.querySelectorAll(".rm-drop-before, .rm-drop-after, .rm-drop-into")) {
      el.classList.remove(...MARKS);
    }
  }

  private over(event: DragEvent): void {
    if (this.uid === null) return;
    const tr = (event.target as Element | null)?.closest("tr");
    if (tr === null || tr === undefined) return;
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = "move";
    if (!tr.classList.contains("rm-item-row") && !tr.classList.contains("rm-add-row")) return;
    this.clearMarks();
    if (tr.classList.contains("rm-add-row")) {
      tr.classList.add("rm-drop-before");
      return;
    }
    const rect = tr.getBoundingClientRect();
    tr.classList.add(event.clientY < rect.top + rect.height / 2 ? "rm-drop-before" : "rm-drop-after");
  }

  private drop(event: DragEvent): void {
    const uid = this.uid ?? event.dataTransfer?.getData(ITEM_DRAG_TYPE) ?? "";
    const marked = this.body.querySelector(".rm-drop-before, .rm-drop-after, .rm-drop-into");
    const after = marked?.classList.contains("rm-drop-after") === true;
    this.clearMarks();
    this.uid = null;
    if (uid === "" || !(marked instanceof HTMLTableRowElement)) return;
    event.preventDefault();
    this.dropped(uid, dropOn(marked, after));
  }
}

/** The marked row as data.ts's DropOn. */
function dropOn(marked: HTMLTableRowElement, after: boolean): DropOn {
  if (marked.classList.contains("rm-block-row")) return { kind: "block", block: marked.dataset["uid"] ?? "" };
  if (marked.classList.contains("rm-add-row")) return { kind: "end", block: marked.dataset["block"] ?? "" };
  return { kind: "item", uid: marked.dataset["uid"] ?? "", after };
}
