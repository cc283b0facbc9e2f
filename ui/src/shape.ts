// The programme's own document shape (docs/design.md §2.7) as the editor
// shows it: the numbers of roadmap items and section headings, the
// participle of the mark, the act's date, the roadmap's columns. They are
// the rules of crates/core/src/model.rs (Roadmap::item_number,
// heading_numbers, AppendixMark::participle, DateFormat::format, ColumnKind
// defaults), kept here so the editor renumbers at once, without a call into
// Rust on every keystroke or move; they cannot drift from the core's:
// ui/tests/shape-core.test.mjs checks them on every case of
// ui/tests/shape-cases.json, which crates/core/tests/shape_cases.rs
// computes with the core's own functions (and rewrites, failing once, when
// those change). No DOM (unit-tested also in ui/tests/shape.test.mjs).

import type {
  Approves,
  Block,
  ColumnKind,
  DateFormat,
  DocumentLayout,
  Programme,
  RoadmapColumn,
  RoadmapLayout,
  Section,
  SectionStyle,
} from "./api.js";

const ROMAN: [number, string][] = [
  [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
  [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
];

function romanOf(n: number): string {
  if (n === 0) return "0";
  let rest = n;
  let out = "";
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** A section's number as printed before its title; empty for «без номера». */
export function sectionLabel(style: SectionStyle, n: number): string {
  switch (style) {
    case "roman":
      return `${romanOf(n)}.`;
    case "arabic":
      return `${n}.`;
    case "razdel":
      return `Раздел ${n}.`;
    case "razdel_roman":
      return `Раздел ${romanOf(n)}.`;
    case "none":
      return "";
  }
}

/** The numbers of the passport heading and of every section, as print counts them. */
export function headingNumbers(layout: DocumentLayout, sections: readonly Section[]): { passport: string; sections: string[] } {
  let style = layout.sections.style;
  let n = layout.sections.start;
  let passport = "";
  if (layout.passport_numbered) {
    passport = sectionLabel(style, n);
    n++;
  }
  const numbers = sections.map((section) => {
    if (section.renumber !== null) {
      style = section.renumber.style;
      n = section.renumber.start;
    }
    if (section.unnumbered) return "";
    const label = sectionLabel(style, n);
    n++;
    return label;
  });
  return { passport, sections: numbers };
}

/** Block `bi`'s number at the head of its row: «1.», «1» or nothing (flat roadmap too). */
export function blockLabel(layout: RoadmapLayout, bi: number): string {
  if (layout.shape === "flat" || layout.blocks === "none") return "";
  const n = layout.start + bi;
  return layout.blocks === "dot" ? `${n}.` : String(n);
}

/** Item `ii` of block `bi` as printed; `before` items stand in the blocks above. */
export function itemLabel(layout: RoadmapLayout, bi: number, ii: number, before: number): string {
  const through = layout.start + before + ii;
  const flat = layout.shape === "flat";
  switch (layout.items) {
    case "none":
      return "";
    case "flat":
      return String(through);
    case "flat_dot":
      return `${through}.`;
    case "nested":
      return flat ? String(through) : `${layout.start + bi}.${ii + 1}`;
    case "nested_dot":
      return flat ? `${through}.` : `${layout.start + bi}.${ii + 1}.`;
  }
}

/** Every item's printed number by uid. */
export function itemLabels(layout: RoadmapLayout, blocks: readonly Block[]): Map<string, string> {
  const labels = new Map<string, string>();
  let before = 0;
  blocks.forEach((block, bi) => {
    block.items.forEach((item, ii) => labels.set(item.uid, itemLabel(layout, bi, ii, before)));
    before += block.items.length;
  });
  return labels;
}

/** How a message names an item: «1.2» or, unnumbered, by its text. */
export function itemRef(label: string, activity: string): string {
  const n = label.replace(/\.$/, "");
  if (n !== "") return n;
  const text = activity.trim();
  const short = [...text].slice(0, 40).join("");
  return short.length < text.length ? `«${short}…»` : `«${short}»`;
}

export const PARTICIPLES: Record<Approves, string> = {
  feminine: "УТВЕРЖДЕНА",
  masculine: "УТВЕРЖДЁН",
  neuter: "УТВЕРЖДЕНО",
  plural: "УТВЕРЖДЕНЫ",
};

/** The participle as printed: the typed one, or the one what is approved asks for. */
export function participle(approves: Approves, typed: string): string {
  const own = typed.trim();
  return own === "" ? PARTICIPLES[approves] : own;
}

const MONTHS = [
  "января", "февраля", "марта", "апреля", "мая", "июня",
  "июля", "августа", "сентября", "октября", "ноября", "декабря",
];

/** An ISO date («2024-09-01») written as the act writes it. */
export function formatActDate(iso: string, format: DateFormat): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return iso;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const numeric = `${day}.${month}.${year}`;
  switch (format) {
    case "numeric":
      return numeric;
    case "numeric_g":
      return `${numeric}г.`;
    case "numeric_space_g":
      return `${numeric} г.`;
    case "words":
      return `${Number(day)} ${MONTHS[Number(month) - 1] ?? ""} ${year} г.`;
  }
}

export const COLUMN_KINDS: readonly ColumnKind[] = ["number", "activity", "deadline", "responsible", "expected_result", "planned_value"];

export const DEFAULT_HEADERS: Record<ColumnKind, string> = {
  number: "№ п/п",
  activity: "Мероприятие",
  deadline: "Сроки",
  responsible: "Ответственные",
  expected_result: "Ожидаемый результат",
  planned_value: "Плановое значение",
};

export const DEFAULT_WIDTHS: Record<ColumnKind, number> = {
  number: 9,
  activity: 35,
  deadline: 15,
  responsible: 19,
  expected_result: 22,
  planned_value: 11,
};

/** The columns that print (as RoadmapLayout::effective_columns). */
export function effectiveColumns(layout: RoadmapLayout, planned: boolean): RoadmapColumn[] {
  if (layout.columns.length > 0) return layout.columns.map((c) => ({ ...c }));
  return COLUMN_KINDS.filter((k) => planned || k !== "planned_value").map((kind) => ({ kind, header: "", width: null }));
}

/** The columns of `programme` that print (as Programme::printed_columns). */
export function printedColumns(programme: Programme): RoadmapColumn[] {
  const planned = programme.roadmap.blocks.some((b) => b.items.some((i) => i.planned_value.trim() !== ""));
  return effectiveColumns(programme.layout.roadmap, planned);
}

/** A column's header as printed. */
export function columnHeader(column: RoadmapColumn): string {
  const own = column.header.trim();
  return own === "" ? DEFAULT_HEADERS[column.kind] : own;
}

/** Each printed column's share of the table's width, in whole per cent. */
export function columnPercents(columns: readonly RoadmapColumn[]): number[] {
  const shares = columns.map((c) => c.width ?? DEFAULT_WIDTHS[c.kind]);
  const total = shares.reduce((a, b) => a + b, 0);
  return shares.map((s) => (total > 0 ? Math.round((s * 100) / total) : 0));
}

/**
 * The columns list after she ticks or unticks «печатать» for `kind`: every
 * kind keeps its place in the usual order; the number column is the only
 * one that may not be left out together with «Мероприятие».
 */
export function toggleColumn(columns: readonly RoadmapColumn[], kind: ColumnKind, printed: boolean): RoadmapColumn[] {
  const present = columns.some((c) => c.kind === kind);
  if (printed === present) return columns.map((c) => ({ ...c }));
  if (!printed) return columns.filter((c) => c.kind !== kind).map((c) => ({ ...c }));
  const order = (k: ColumnKind): number => COLUMN_KINDS.indexOf(k);
  const next = [...columns.map((c) => ({ ...c })), { kind, header: "", width: null }];
  return next.sort((a, b) => order(a.kind) - order(b.kind));
}
