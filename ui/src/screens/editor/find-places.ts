// Where a hit of find (crates/core find.rs) is on screen: the editor tab,
// the field's data-testid selector, and the match as a selection in that
// field's value. No DOM here, so it is unit-tested (ui/tests/find.test.mjs).
//
// A list is edited as one textarea, an item a line (richtext.ts, the act's
// heading, SWOT); the hit counts characters of one item, so the lines
// before it are added. Offsets in the core are characters (code points),
// in the DOM UTF-16 units.

import type { Hit, Place, Programme, TextBlock } from "../../api.js";
import { DEFAULT_HEADERS, printedColumns } from "../../shape.js";

export interface FieldTarget {
  /** The editor tab, or null for the header (shown on every tab). */
  readonly tab: string | null;
  /** The field's selector. */
  readonly css: string;
  /** A selector of what holds the field, for when the field is not shown. */
  readonly near: string | null;
  /** The match in the field's value, in UTF-16 units. */
  readonly start: number;
  readonly end: number;
  /**
   * The default text that prints in place of the field's empty value and
   * that the field shows as its placeholder (the match is in it, not in
   * the value); null for a field whose value is what prints.
   */
  readonly placeholder: string | null;
}

const id = (testId: string): string => `[data-testid="${testId}"]`;
const byUid = (testId: string, uid: string): string => `[data-testid="${testId}"][data-uid="${cssString(uid)}"]`;

function cssString(value: string): string {
  return value.replace(/["\\]/g, (c) => `\\${c}`);
}

/** UTF-16 length of the first `chars` code points of `text`. */
export function unitsOf(text: string, chars: number): number {
  let units = 0;
  let seen = 0;
  for (const c of text) {
    if (seen === chars) break;
    units += c.length;
    seen++;
  }
  return units;
}

/** Where line `line` starts in `lines.join("\n")`, in UTF-16 units. */
function lineStart(lines: readonly string[], line: number): number {
  return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
}

function blockLines(block: TextBlock | undefined): readonly string[] {
  if (block === undefined) return [];
  return block.type === "paragraph" ? [block.text] : block.items;
}

/**
 * The field of `hit` in `programme`, or null when the element it names is
 * gone (the programme changed since the search).
 */
export function fieldTarget(programme: Programme, hit: Hit): FieldTarget | null {
  const found = locate(programme, hit.place);
  if (found === null) return null;
  const { lines, line } = found;
  const text = lines[line] ?? "";
  const base = lineStart(lines, line);
  return {
    tab: found.tab,
    css: found.css,
    near: found.near,
    start: base + unitsOf(text, hit.start),
    end: base + unitsOf(text, hit.end),
    placeholder: found.placeholder ?? null,
  };
}

interface Located {
  tab: string | null;
  css: string;
  near: string | null;
  /** The lines of the field's value, and the one the hit is in. */
  lines: readonly string[];
  line: number;
  placeholder?: string;
}

function locate(p: Programme, place: Place): Located | null {
  const one = (tab: string | null, css: string, text: string, near: string | null = null): Located => ({
    tab,
    css,
    near,
    lines: [text],
    line: 0,
  });
  switch (place.part) {
    case "title":
      return one(null, id("editor-title"), p.title);
    case "act": {
      const act = p.act;
      if (act === null) return null;
      const f = place.field;
      switch (f.name) {
        case "issuer":
          return { tab: "act", css: id("act-issuer"), near: null, lines: act.issuer, line: f.line };
        case "number":
          return one("act", id("act-number"), act.number ?? "");
        case "place":
          return one("act", id("act-place"), act.place);
        case "title":
          return one("act", id("act-title"), act.title);
        case "preamble":
          return one("act", id("act-preamble"), act.preamble);
        case "formula":
          return one("act", id("act-formula"), act.formula);
        case "point":
          return one("act", id(`act-point-${f.index + 1}`), act.points[f.index] ?? "");
        case "signatory_position":
          return one("act", id("act-signatory-position"), act.signatory_position);
        case "signatory_name":
          return one("act", id("act-signatory-name"), act.signatory_name);
        case "executor":
          return one("act", id("act-executor"), act.executor ?? "");
      }
      return null;
    }
    case "appendix":
      switch (place.field) {
        case "number":
          return one("act", id("mark-number"), p.appendix.number);
        case "issuer_genitive":
          return one("act", id("mark-issuer"), p.appendix.issuer_genitive);
        case "participle":
          return one("act", id("mark-participle"), p.appendix.participle);
      }
      return null;
    case "layout": {
      // The «Оформление» cards (shape.ts); find.ts opens a closed card.
      const f = place.field;
      const r = p.layout.roadmap;
      switch (f.name) {
        case "passport_heading":
          return one("sections", id("shape-passport-heading"), p.layout.passport_heading, id("shape-sections"));
        case "indicators_heading":
          return one("sections", id("shape-indicators-heading"), p.layout.indicators_heading, id("shape-sections"));
        case "roadmap_heading":
          return one("roadmap", id("shape-roadmap-heading"), r.heading, id("shape-roadmap"));
        case "years_heading":
          return one("roadmap", id("shape-years-heading"), r.years_heading, id("shape-roadmap"));
        case "column_header": {
          // The columns that print, the default set too; an empty header
          // prints the default, which the field shows as its placeholder.
          const column = printedColumns(p).find((c) => c.kind === f.column);
          if (column === undefined) return null;
          const target = one("roadmap", id(`shape-column-${f.column}-header`), column.header, id("shape-roadmap"));
          return column.header.trim() === "" ? { ...target, lines: [""], placeholder: DEFAULT_HEADERS[f.column] } : target;
        }
      }
      return null;
    }
    case "passport_label": {
      const n = p.passport.findIndex((r) => r.uid === place.row) + 1;
      if (n === 0) return null;
      return one("passport", id(`passport-label-${n}`), p.passport[n - 1]?.label ?? "");
    }
    case "passport_text": {
      const n = p.passport.findIndex((r) => r.uid === place.row) + 1;
      const row = p.passport[n - 1];
      if (row === undefined) return null;
      return {
        tab: "passport",
        css: id(`passport-${n}-block-${place.block + 1}-text`),
        near: id(`passport-row-${n}`),
        lines: blockLines(row.content[place.block]),
        line: place.line,
      };
    }
    case "task": {
      const n = p.tasks.findIndex((t) => t.uid === place.task) + 1;
      if (n === 0) return null;
      return one("passport", id(`task-${n}`), p.tasks[n - 1]?.text ?? "");
    }
    case "section_title": {
      const n = p.sections.findIndex((s) => s.uid === place.section) + 1;
      if (n === 0) return null;
      return one("sections", id(`section-title-${n}`), p.sections[n - 1]?.title ?? "");
    }
    case "section_text": {
      const n = p.sections.findIndex((s) => s.uid === place.section) + 1;
      const block = p.sections[n - 1]?.body[place.block];
      if (block === undefined) return null;
      const prefix = `section-${n}-block-${place.block + 1}`;
      const near = id(prefix);
      const cell = place.cell;
      switch (cell.kind) {
        case "text": {
          const lines = block.type === "paragraph" ? [block.text] : block.type === "numbered" || block.type === "bulleted" ? block.items : [];
          return { tab: "sections", css: id(`${prefix}-text`), near, lines, line: cell.line };
        }
        case "column":
          return one("sections", id(`${prefix}-col-${cell.column + 1}`), block.type === "table" ? (block.columns[cell.column] ?? "") : "", near);
        case "cell":
          return one(
            "sections",
            id(`${prefix}-cell-${cell.row + 1}-${cell.column + 1}`),
            block.type === "table" ? (block.rows[cell.row]?.[cell.column] ?? "") : "",
            near,
          );
        case "risk": {
          const risk = block.type === "risks" ? block.rows[cell.row] : undefined;
          const text = risk === undefined ? "" : risk[cell.column === "stage" ? "stage" : cell.column === "risk" ? "risk" : "mitigation"];
          return one("sections", id(`${prefix}-${cell.column}-${cell.row + 1}`), text, near);
        }
        case "swot": {
          const lines = block.type === "swot" ? block[cell.quarter] : [];
          return { tab: "sections", css: id(`${prefix}-${cell.quarter}`), near, lines, line: cell.line };
        }
      }
      return null;
    }
    case "indicator": {
      const n = p.indicators.findIndex((i) => i.uid === place.indicator) + 1;
      const indicator = p.indicators[n - 1];
      if (indicator === undefined) return null;
      return place.field === "name"
        ? one("indicators", id(`indicator-name-${n}`), indicator.name)
        : one("indicators", id(`indicator-unit-${n}`), indicator.unit);
    }
    case "block_title": {
      const block = p.roadmap.blocks.find((b) => b.uid === place.block);
      if (block === undefined) return null;
      const row = byUid("block-row", place.block);
      return one("roadmap", `${row} ${id("block-title")}`, block.title, row);
    }
    case "item": {
      const item = p.roadmap.blocks.flatMap((b) => b.items).find((i) => i.uid === place.item);
      if (item === undefined) return null;
      const row = byUid("item-row", place.item);
      const f = place.field;
      const [testId, text] =
        f.name === "year"
          ? [`item-year-${f.year}`, item.per_year.find((y) => y.year === f.year)?.text ?? ""]
          : [`item-${f.name}`, item[f.name]];
      return one("roadmap", `${row} ${id(testId)}`, text, row);
    }
  }
}

/** A character as a search compares it (as the core's `fold`). */
export function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е");
}
