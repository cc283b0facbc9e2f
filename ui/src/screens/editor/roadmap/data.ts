// Pure helpers on the roadmap as stored: finding an item and its place,
// where Alt+↑/↓ or a drop moves it, and whether typed cells differ from what
// is stored. No DOM (unit-tested in ui/tests/).

import type { Block, Item, ItemInput, Programme, YearText } from "../../../api.js";

/** The text cells of an item row. */
export type Field = "activity" | "deadline" | "responsible" | "expected_result" | "planned_value";

/** An item's place: block index and index within the block, from 0. */
export interface Position {
  bi: number;
  ii: number;
}

/** Where an item goes: the block's uid and its final index there. */
export interface Target {
  block: string;
  to: number;
}

/** The row an item was dropped on, as the table marked it. */
export type DropOn =
  /** A block's title row: first in that block. */
  | { kind: "block"; block: string }
  /** A block's «+ Добавить мероприятие» row: last in that block. */
  | { kind: "end"; block: string }
  /** Another item's row: before or after it. */
  | { kind: "item"; uid: string; after: boolean };

export function emptyInput(): ItemInput {
  return {
    activity: "",
    deadline: "",
    responsible: "",
    expected_result: "",
    planned_value: "",
    per_year: [],
  };
}

export function findItem(p: Programme, uid: string): Item | undefined {
  for (const b of p.roadmap.blocks) {
    const item = b.items.find((i) => i.uid === uid);
    if (item !== undefined) return item;
  }
  return undefined;
}

export function positionOf(p: Programme, uid: string): Position | null {
  const blocks = p.roadmap.blocks;
  for (let bi = 0; bi < blocks.length; bi++) {
    const ii = (blocks[bi] as Block).items.findIndex((i) => i.uid === uid);
    if (ii >= 0) return { bi, ii };
  }
  return null;
}

/** «1.2» of the item at `pos`. */
export function itemNumber(pos: Position): string {
  return `${pos.bi + 1}.${pos.ii + 1}`;
}

/**
 * Alt+↑/↓: one place up or down; past the first or last item of a block
 * the item goes to the end of the block above or the start of the block
 * below. Null at the very top or bottom.
 */
export function moveTarget(p: Programme, pos: Position, delta: -1 | 1): Target | null {
  const blocks = p.roadmap.blocks;
  const block = blocks[pos.bi] as Block;
  if (delta < 0) {
    if (pos.ii > 0) return { block: block.uid, to: pos.ii - 1 };
    if (pos.bi > 0) {
      const prev = blocks[pos.bi - 1] as Block;
      return { block: prev.uid, to: prev.items.length };
    }
    return null;
  }
  if (pos.ii < block.items.length - 1) return { block: block.uid, to: pos.ii + 1 };
  if (pos.bi < blocks.length - 1) return { block: (blocks[pos.bi + 1] as Block).uid, to: 0 };
  return null;
}

/** Where dropping item `uid` on `on` puts it; null if it stays where it is. */
export function dropTarget(p: Programme, uid: string, on: DropOn): Target | null {
  const from = positionOf(p, uid);
  if (from === null) return null;
  let block: string;
  let to: number;
  if (on.kind === "block") {
    block = on.block;
    to = 0;
  } else if (on.kind === "end") {
    block = on.block;
    to = p.roadmap.blocks.find((b) => b.uid === block)?.items.length ?? 0;
  } else {
    const pos = positionOf(p, on.uid);
    if (pos === null || on.uid === uid) return null;
    block = (p.roadmap.blocks[pos.bi] as Block).uid;
    to = pos.ii + (on.after ? 1 : 0);
  }
  const sameBlock = (p.roadmap.blocks[from.bi] as Block).uid === block;
  // `to` is the final index: within one block, removing the row first shifts the rows below it up.
  if (sameBlock && from.ii < to) to--;
  if (sameBlock) to = Math.min(to, (p.roadmap.blocks[from.bi] as Block).items.length - 1);
  if (sameBlock && to === from.ii) return null;
  return { block, to };
}

/**
 * The per-year texts to store: the stored ones of years without a column,
 * then the typed ones; empty texts dropped, in year order.
 */
export function mergeYears(stored: YearText[], typed: [number, string][]): YearText[] {
  const columns = new Set(typed.map(([year]) => year));
  const others = stored.filter((v) => !columns.has(v.year));
  return [...others, ...typed.map(([year, text]) => ({ year, text }))]
    .filter((v) => v.text.trim() !== "")
    .sort((a, b) => a.year - b.year);
}

/** True if saving `input` would change nothing in `item`. */
export function sameAsStored(input: ItemInput, item: Item): boolean {
  return (
    input.activity === item.activity &&
    input.deadline === item.deadline &&
    input.responsible === item.responsible &&
    input.expected_result === item.expected_result &&
    input.planned_value === item.planned_value &&
    JSON.stringify(input.per_year) === JSON.stringify(item.per_year.filter((v) => v.text.trim() !== ""))
  );
}
