// Rows pasted into the roadmap from Word or Excel: which pastes are a table
// and not ordinary text, and the items they become (Мероприятие, Сроки,
// Ответственные, Ожидаемый результат, in that order). No DOM (unit-tested
// in ui/tests/).

import type { ItemInput } from "../../../api.js";
import { splitTabular } from "../../../pasted.js";
import { emptyInput } from "./data.js";

/** A tab, or more than one non-empty line: rows to be made items, not text for one cell. */
export function isTablePaste(text: string): boolean {
  return text.includes("\t") || /\n\s*\S/.test(text.trim());
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

/** The items pasted rows become; cells past the fourth are ignored. */
export function pastedInputs(rows: string[][]): ItemInput[] {
  return rows.map((cells) => ({
    ...emptyInput(),
    activity: cells[0] ?? "",
    deadline: cells[1] ?? "",
    responsible: cells[2] ?? "",
    expected_result: cells[3] ?? "",
  }));
}
