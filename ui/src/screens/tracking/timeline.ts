// «График»: items × months of the whole period or of one year. A month with
// due dates gets a mark coloured by the most pressing status in it; items
// under way for several months («в течение года», «январь – март») are
// drawn as bars over their active months. Rows are plain CSS grid rows without listeners of their own: one
// delegated click listener opens the month of a clicked cell, so 300 items
// × 33 months stay quick.
//
// data-testid: tab-timeline, timeline-range, timeline-legend,
// timeline-grid, timeline-row (data-item, data-block), timeline-block,
// timeline-empty. Cells carry data-m="YYYY-MM".

import { dueEntries, itemSchedules, trackingToday } from "../../api.js";
import { addMonths, periodMonths } from "../../calendar.js";
import { h } from "../../dom.js";
import { formatDate, formatMonth, formatMonthShort } from "../../format.js";
import type { DueEntry, ScheduleView } from "../../api.js";
import type { EditorTab } from "../editor/tab.js";
import { chooseMonth } from "./month.js";
import {
  SHOWN_ORDER,
  STATUS_LABEL,
  type Filterable,
  type Shown,
  filterBar,
  filtersOf,
  passes,
  shown,
} from "./common.js";

/** Which status a month cell shows when it holds several due dates. */
const URGENCY: Record<Shown, number> = {
  overdue: 6,
  not_done: 5,
  planned: 4,
  moved: 3,
  done_late: 2,
  done: 1,
};

/** The range per programme: "" for the whole period, else a year. */
const chosenRange = new Map<number, string>();

function legend(): HTMLElement {
  return h(
    "div",
    { className: "tl-legend", testId: "timeline-legend" },
    ...SHOWN_ORDER.map((s) =>
      h("span", { className: "tl-legend-item" }, h("span", { className: `tl-mark tl-s-${s}` }), STATUS_LABEL[s]),
    ),
    h("span", { className: "tl-legend-item" }, h("span", { className: "tl-legend-bar" }), "период выполнения"),
    h("span", { className: "tl-legend-item" }, h("span", { className: "tl-legend-now" }), "текущий месяц"),
  );
}

export const timelineTab: EditorTab = {
  key: "timeline",
  title: "График",
  async render(ctx) {
    const p = ctx.programme();
    const started = performance.now();
    const [entries, schedules, today] = await Promise.all([dueEntries(ctx.id), itemSchedules(ctx.id), trackingToday()]);
    const all = periodMonths(p.period);
    const years = [...new Set(all.map((m) => m.slice(0, 4)))];
    let range = chosenRange.get(ctx.id) ?? "";
    if (range !== "" && !years.includes(range)) range = "";
    const months = range === "" ? all : all.filter((m) => m.startsWith(range));
    const nowMonth = today.slice(0, 7);
    const loaded = performance.now();

    const rangeSelect = h(
      "select",
      { className: "field field-select", testId: "timeline-range", attrs: { "aria-label": "Период графика" } },
      h("option", { attrs: { value: "" } }, `Весь период (${formatMonth(p.period.start)} — ${formatMonth(p.period.end)})`),
      ...years.map((y) => h("option", { attrs: { value: y } }, `${y} год`)),
    );
    rangeSelect.value = range;
    rangeSelect.addEventListener("change", () => {
      chosenRange.set(ctx.id, rangeSelect.value);
      void ctx.reload();
    });

    const byItem = new Map<string, DueEntry[]>();
    for (const e of entries) {
      const list = byItem.get(e.item) ?? [];
      list.push(e);
      byItem.set(e.item, list);
    }
    const scheduleOf = new Map<string, ScheduleView>(schedules.map((s) => [s.item, s]));
    const index = new Map<string, number>(months.map((m, i) => [m, i]));

    const grid = h("div", { className: "tl-grid", testId: "timeline-grid" });
    // Through the CSSOM: the CSP refuses style attributes.
    grid.style.setProperty("--tl-months", String(months.length));
    // Header: years over their months, then the months.
    const head = h("div", { className: "tl-row tl-head" }, h("span", { className: "tl-num" }, "№"), h("span", { className: "tl-name" }, "Мероприятие"));
    for (const [i, m] of months.entries()) {
      const cls = `tl-cell tl-month${m === nowMonth ? " tl-now" : ""}${m.endsWith("-01") || i === 0 ? " tl-year-start" : ""}`;
      const label = range === "" ? m.slice(5) : formatMonthShort(m);
      head.append(h("span", { className: cls, attrs: { title: formatMonth(m), "data-m": m } }, label));
    }
    const yearsRow = h("div", { className: "tl-row tl-years" }, h("span", { className: "tl-num" }), h("span", { className: "tl-name" }));
    for (const y of years) {
      const span = months.filter((m) => m.startsWith(y)).length;
      if (span === 0) continue;
      const label = h("span", { className: "tl-year" }, y);
      label.style.gridColumn = `span ${span}`;
      yearsRow.append(label);
    }
    grid.append(yearsRow, head);

    const rows: [HTMLElement, Filterable][] = [];
    const blockRows: [HTMLElement, HTMLElement[]][] = [];
    const fragment = document.createDocumentFragment();
    for (const [b, block] of p.roadmap.blocks.entries()) {
      const number = String(b + 1);
      const header = h(
        "div",
        { className: "tl-row tl-block", testId: "timeline-block" },
        h("span", { className: "tl-num" }, number),
        h("span", { className: "tl-block-title" }, block.title),
      );
      fragment.append(header);
      const mine: HTMLElement[] = [];
      for (const [i, item] of block.items.entries()) {
        const itemNumber = `${number}.${i + 1}`;
        const row = h("div", {
          className: "tl-row tl-item",
          testId: "timeline-row",
          attrs: { "data-item": item.uid, "data-block": number },
        });
        row.append(
          h("span", { className: "tl-num" }, itemNumber),
          h("span", { className: "tl-name", attrs: { title: `${item.activity}\n${item.deadline}\n${item.responsible}` } }, item.activity),
        );
        const perMonth = new Map<string, DueEntry[]>();
        const statuses = new Set<Shown>();
        for (const e of byItem.get(item.uid) ?? []) {
          const m = e.due.slice(0, 7);
          if (!index.has(m)) continue;
          const list = perMonth.get(m) ?? [];
          list.push(e);
          perMonth.set(m, list);
          statuses.add(shown(e, today));
        }
        const schedule = scheduleOf.get(item.uid);
        // A bar where work goes on between due dates (continuous items,
        // ranges like «январь – март»); items due in each of their months
        // («ежемесячно», «март ежегодно») show their marks only.
        const dueMonths = new Set((schedule?.due ?? []).map((d) => d.slice(0, 7)));
        const activeMonths = schedule?.active ?? [];
        const active = new Set(activeMonths.some((m) => !dueMonths.has(m)) ? activeMonths : []);
        for (const m of months) {
          let cls = "tl-cell";
          if (m === nowMonth) cls += " tl-now";
          if (m.endsWith("-01")) cls += " tl-year-start";
          if (active.has(m)) {
            cls += " tl-bar";
            const before = active.has(addMonths(m, -1)) && index.has(addMonths(m, -1));
            const after = active.has(addMonths(m, 1)) && index.has(addMonths(m, 1));
            if (!before) cls += " tl-bar-start";
            if (!after) cls += " tl-bar-end";
          }
          const dues = perMonth.get(m);
          if (dues === undefined) {
            row.append(h("span", { className: cls, attrs: { "data-m": m } }));
            continue;
          }
          let worst: Shown = "done";
          for (const e of dues) {
            const s = shown(e, today);
            if (URGENCY[s] > URGENCY[worst]) worst = s;
          }
          const title = `${itemNumber} · ${formatMonth(m)}\n` + dues.map((e) => `${formatDate(e.due)} — ${STATUS_LABEL[shown(e, today)]}`).join("\n");
          row.append(
            h(
              "span",
              { className: `${cls} tl-due`, attrs: { "data-m": m, "data-status": worst, title } },
              h("span", { className: `tl-mark tl-s-${worst}` }, dues.length > 1 ? String(dues.length) : ""),
            ),
          );
        }
        rows.push([
          row,
          { block: number, responsible: item.responsible, statuses: [...statuses], text: `${itemNumber} ${item.activity} ${item.responsible}` },
        ]);
        mine.push(row);
        fragment.append(row);
      }
      blockRows.push([header, mine]);
    }
    grid.append(fragment);
    grid.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const cell = target?.closest<HTMLElement>("[data-m]");
      const month = cell?.dataset["m"];
      if (month === undefined) return;
      chooseMonth(ctx.id, month);
      window.location.hash = `#/programmes/${ctx.id}/month`;
    });

    const empty = h("p", { className: "tr-none", testId: "timeline-empty" }, "Ничего не найдено — измените фильтры.");
    const filters = filterBar(ctx.id, p, () => {
      const f = filtersOf(ctx.id);
      let count = 0;
      for (const [row, what] of rows) {
        const ok = passes(f, what);
        row.hidden = !ok;
        if (ok) count++;
      }
      for (const [header, mine] of blockRows) header.hidden = mine.every((r) => r.hidden);
      empty.hidden = count > 0;
      return count;
    });
    // How long loading and building took, for the e2e test's report.
    const timings = { "data-load-ms": String(Math.round(loaded - started)), "data-build-ms": String(Math.round(performance.now() - loaded)) };
    return h(
      "div",
      { className: "tracking", testId: "tab-timeline", attrs: timings },
      h(
        "div",
        { className: "tr-head tl-head-bar" },
        rangeSelect,
        h("span", { className: "tr-summary" }, "Нажмите на месяц, чтобы открыть его сроки."),
      ),
      filters,
      legend(),
      h("div", { className: "tl-scroll" }, grid),
      empty,
    );
  },
};
