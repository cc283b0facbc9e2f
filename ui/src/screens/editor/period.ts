// What stands in the way of a new period, and the one edit that clears it.
// design.md §2 «Period»: a period change drops the outside years that hold
// nothing and is refused while an outside year still holds something. Here
// that something is named as she knows it (indicator by number and name,
// item by its number), and «убрать годы» offers one Edit::Batch that empties
// those years and then sets the period: one step to undo. No DOM
// (unit-tested in ui/tests/period.test.mjs).

import { lastDay } from "../../calendar.js";
import { showMonth } from "../../format.js";
import type { Edit, Period, Programme } from "../../api.js";
import { itemNumber } from "./roadmap/data.js";

/** One part of the programme that holds data the new period leaves out. */
export interface Blocker {
  /** «показатель 2 «Доля школ…»», «мероприятие 1.3». */
  what: string;
  /** «2030 год», «2029 и 2030 годы», «отметка за 31.05.2030». */
  holds: string;
}

export interface Shortening {
  blockers: Blocker[];
  /** The calendar years that fall outside, in order. */
  years: number[];
  /** Empties what lies outside, then sets the period; null when nothing blocks. */
  edit: Edit | null;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 50 ? `${t.slice(0, 49).trimEnd()}…` : t;
}

function yearsText(years: number[]): string {
  if (years.length === 1) return `${years[0]} год`;
  const head = years.slice(0, -1).join(", ");
  return `${head} и ${years[years.length - 1]} годы`;
}

function formatDue(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** What of `p` lies outside `period`, and the batch that clears it. */
export function shortening(p: Programme, period: Period): Shortening {
  const first = Number(period.start.slice(0, 4));
  const last = Number(period.end.slice(0, 4));
  const inside = (year: number): boolean => year >= first && year <= last;
  const firstDay = `${period.start}-01`;
  const lastOfPeriod = lastDay(period.end);
  const blockers: Blocker[] = [];
  const outsideYears = new Set<number>();
  const edits: Edit[] = [];

  p.indicators.forEach((indicator, index) => {
    const held = indicator.values.filter((v) => !inside(v.year) && (v.plan !== null || v.fact !== null)).map((v) => v.year);
    if (held.length === 0) return;
    held.forEach((y) => outsideYears.add(y));
    blockers.push({ what: `показатель ${index + 1} «${short(indicator.name)}»`, holds: yearsText(held) });
    edits.push({ op: "put_indicator", indicator: { ...indicator, values: indicator.values.filter((v) => inside(v.year)) } });
  });

  p.roadmap.blocks.forEach((block, bi) => {
    block.items.forEach((item, ii) => {
      const number = itemNumber({ bi, ii });
      const held = item.per_year.filter((c) => !inside(c.year) && c.text.trim() !== "").map((c) => c.year);
      if (held.length > 0) {
        held.forEach((y) => outsideYears.add(y));
        blockers.push({ what: `мероприятие ${number}`, holds: `текст за ${yearsText(held)}` });
        edits.push({
          op: "put_item",
          block: block.uid,
          uid: item.uid,
          item: {
            activity: item.activity,
            deadline: item.deadline,
            responsible: item.responsible,
            expected_result: item.expected_result,
            planned_value: item.planned_value,
            per_year: item.per_year.filter((c) => inside(c.year)),
          },
        });
      }
      const marks = item.tracking.filter((r) => r.due < firstDay || r.due > lastOfPeriod);
      if (marks.length > 0) {
        marks.forEach((r) => {
          const y = Number(r.due.slice(0, 4));
          if (!inside(y)) outsideYears.add(y);
        });
        const dates = marks.map((r) => formatDue(r.due)).join(", ");
        blockers.push({ what: `мероприятие ${number}`, holds: `${marks.length === 1 ? "отметка о выполнении за" : "отметки о выполнении за"} ${dates}` });
        for (const r of marks) edits.push({ op: "clear_tracking", item: item.uid, due: r.due });
      }
    });
  });

  const years = [...outsideYears].sort((a, b) => a - b);
  if (blockers.length === 0) return { blockers, years, edit: null };
  edits.push({ op: "set_period", period });
  const dropped = years.length === 0 ? "убраны отметки вне периода" : `убраны данные за ${yearsText(years).replace(/ годы?$/, "")}`;
  const label = `период ${showMonth(period.start)}–${showMonth(period.end)}, ${dropped}`;
  return { blockers, years, edit: { op: "batch", label, edits } };
}

/** «показатель 2 «…» — 2030 год; мероприятие 6.7 — текст за 2030 год» */
export function blockersText(blockers: Blocker[]): string {
  return blockers.map((b) => `${b.what} — ${b.holds}`).join("; ");
}

export { yearsText };
