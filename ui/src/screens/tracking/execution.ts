// «Исполнение»: the fact of every indicator per year (one set_fact edit per
// value; «76,21» with a comma is a number, «много» is refused with a hint
// and not sent), the degree of achievement per indicator, the programme's
// effectiveness and rating (docs/design.md §5, computed by the core's
// `evaluation` command), and a plan-versus-fact chart per indicator drawn as
// inline SVG — built with createElementNS, every label set as textContent.
//
// data-testid: tab-execution, exec-range, exec-summary, exec-overall,
// exec-rating, exec-goals, exec-activities, exec-indicator-N,
// exec-fact-N-Y, exec-fact-hint-N, exec-degree-N-Y, exec-degree-N,
// exec-chart-N, exec-empty.

import { evaluation, trackingToday } from "../../api.js";
import { lastDay, periodYears } from "../../calendar.js";
import { h } from "../../dom.js";
import { endSentence, formatDate, formatDecimal, formatNumber, futureFactWarning, parseNumber, percent } from "../../format.js";
import type { Evaluation, Indicator, Rating } from "../../api.js";
import type { EditorContext, EditorTab } from "../editor/tab.js";
import { errorText } from "./common.js";

const RATING: Record<Rating, string> = {
  high: "высокая",
  medium: "средняя",
  satisfactory: "удовлетворительная",
  unsatisfactory: "неудовлетворительная",
};

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function short(value: number): string {
  return formatDecimal(value, 2, true);
}

/** How many characters of the unit fit beside the legend at the chart's font size. */
const UNIT_CHARS = 38;

/** Plan and fact per year as paired bars; the plan is drawn light, the fact dark. */
export function chart(ind: Indicator, years: number[]): SVGSVGElement {
  const width = 420;
  const height = 190;
  const left = 34;
  const bottom = 26;
  const top = 22;
  const plotH = height - top - bottom;
  const values = years.map((y) => ind.values.find((v) => v.year === y));
  const max = Math.max(0, ...values.flatMap((v) => [v?.plan ?? 0, v?.fact ?? 0]));
  const scale = max > 0 ? plotH / (max * 1.12) : 0;
  const root = svg("svg", {
    class: "exec-chart",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
  });
  root.append(svg("title", {}, `План и факт: ${ind.name}`));
  const base = top + plotH;
  root.append(svg("line", { x1: left, y1: base, x2: width - 6, y2: base, class: "exec-axis" }));
  const slot = (width - left - 6) / Math.max(1, years.length);
  const bar = Math.min(26, slot / 3);
  for (const [i, year] of years.entries()) {
    const v = values[i];
    const x0 = left + slot * i + slot / 2;
    const pair: [number | null, string, number][] = [
      [v?.plan ?? null, "exec-plan", x0 - bar - 1],
      [v?.fact ?? null, "exec-fact", x0 + 1],
    ];
    for (const [value, cls, x] of pair) {
      if (value === null) continue;
      const hgt = Math.max(value > 0 ? 1 : 0, value * scale);
      root.append(svg("rect", { x, y: base - hgt, width: bar, height: hgt, class: cls, rx: 2 }));
      root.append(svg("text", { x: x + bar / 2, y: base - hgt - 4, class: "exec-value", "text-anchor": "middle" }, short(value)));
    }
    root.append(svg("text", { x: x0, y: base + 16, class: "exec-year", "text-anchor": "middle" }, String(year)));
  }
  // Legend, top left.
  root.append(svg("rect", { x: left, y: 4, width: 10, height: 10, class: "exec-plan", rx: 2 }));
  root.append(svg("text", { x: left + 14, y: 13, class: "exec-legend" }, "план"));
  root.append(svg("rect", { x: left + 52, y: 4, width: 10, height: 10, class: "exec-fact", rx: 2 }));
  root.append(svg("text", { x: left + 66, y: 13, class: "exec-legend" }, "факт"));
  if (ind.unit.trim() !== "") {
    // The legend takes the left ~100 px; a long unit («человек на 1000
    // обучающихся») is shortened to the room left. The card's heading above
    // the chart gives it in full.
    const unit = ind.unit.trim();
    const shown = unit.length > UNIT_CHARS ? `${unit.slice(0, UNIT_CHARS - 1).trimEnd()}…` : unit;
    root.append(svg("text", { x: width - 6, y: 13, class: "exec-legend", "text-anchor": "end" }, shown));
  }
  return root;
}

const chosenRange = new Map<number, string>();

function summary(ev: Evaluation): HTMLElement {
  const item = (label: string, value: string, testId: string, strong = false) =>
    h(
      "div",
      { className: strong ? "exec-figure exec-figure-main" : "exec-figure" },
      h("span", { className: "exec-figure-label" }, label),
      h("span", { className: "exec-figure-value", testId }, value),
    );
  return h(
    "div",
    { className: "exec-figures" },
    item("Эффективность программы", percent(ev.overall), "exec-overall", true),
    item("Оценка", ev.rating === null ? "нет данных" : RATING[ev.rating], "exec-rating", true),
    item("Достижение целей (показатели)", percent(ev.goals), "exec-goals"),
    item(
      "Выполнение мероприятий",
      ev.items_due === 0 ? "—" : `${ev.items_done} из ${ev.items_due} (${percent(ev.activities)})`,
      "exec-activities",
    ),
    // The same count the report makes on the same day (core `Standard`).
    item("Просрочено сроков", String(ev.overdue), "exec-overdue"),
  );
}

function indicatorCard(ctx: EditorContext, ind: Indicator, n: number, all: number[], thisYear: number, ev: { current: Evaluation }, refresh: () => Promise<void>): HTMLElement {
  const hint = h("span", { className: "field-hint field-hint-error", testId: `exec-fact-hint-${n}`, attrs: { role: "alert" } });
  const degreeCells = new Map<number, HTMLElement>();
  const total = h("span", { className: "exec-degree-total", testId: `exec-degree-${n}` });
  const chartBox = h("div", { className: "exec-chart-box", testId: `exec-chart-${n}` });
  const local: Indicator = { ...ind, values: ind.values.map((v) => ({ ...v })) };
  const paint = (): void => {
    let sum = 0;
    let count = 0;
    for (const y of all) {
      const score = ev.current.indicators.find((s) => s.indicator === ind.uid && s.year === y);
      const cell = degreeCells.get(y);
      if (cell !== undefined) cell.textContent = score?.degree == null ? "—" : short(score.degree);
      if (score?.degree != null) {
        sum += score.degree;
        count++;
      }
    }
    total.textContent = count === 0 ? "нет данных" : short(sum / count);
    chartBox.replaceChildren(chart(local, all));
  };
  const rows = all.map((y) => {
    const value = local.values.find((v) => v.year === y);
    const input = h("input", {
      className: "field field-number",
      testId: `exec-fact-${n}-${y}`,
      attrs: { type: "text", inputmode: "decimal", "aria-label": `Факт ${y}` },
    });
    input.value = formatNumber(value?.fact ?? null);
    let sent = input.value;
    const future = h("span", { className: "cell-warning", testId: `exec-fact-${n}-${y}-warning`, attrs: { role: "status" } });
    const paintFuture = (fact: number | null): void => {
      const text = futureFactWarning(y, fact, thisYear);
      future.textContent = text;
      input.classList.toggle("field-future", text !== "");
    };
    paintFuture(value?.fact ?? null);
    const send = async (): Promise<void> => {
      if (input.value === sent) return;
      const parsed = parseNumber(input.value);
      if (parsed === undefined) {
        input.classList.add("field-invalid");
        hint.textContent = `«${input.value.trim()}» — не число, факт за ${y} год не сохранён. Пишите так: 76,21`;
        return;
      }
      input.classList.remove("field-invalid");
      hint.textContent = "";
      try {
        await ctx.apply({ op: "set_fact", indicator: ind.uid, year: y, fact: parsed });
      } catch (raw) {
        input.classList.add("field-invalid");
        hint.textContent = errorText(raw, "Факт не сохранён.");
        return;
      }
      // Stored: shown the Russian way («76.5%» → «76,5»), as on Показатели.
      if (parsed !== null) input.value = formatNumber(parsed);
      sent = input.value;
      paintFuture(parsed);
      const target = local.values.find((v) => v.year === y);
      if (target !== undefined) target.fact = parsed;
      else local.values.push({ year: y, plan: null, fact: parsed });
      await refresh();
    };
    input.addEventListener("change", () => void send());
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void send();
    });
    const degree = h("td", { className: "exec-num", testId: `exec-degree-${n}-${y}` });
    degreeCells.set(y, degree);
    return h(
      "tr",
      {},
      h("th", { attrs: { scope: "row" } }, String(y)),
      h("td", { className: "exec-num" }, value?.plan == null ? "—" : short(value.plan)),
      h("td", {}, input, future),
      degree,
    );
  });
  paint();
  const card = h(
    "section",
    { className: "editor-card exec-indicator", testId: `exec-indicator-${n}` },
    h("h3", { className: "exec-name" }, `${n}. ${ind.name}`),
    h(
      "p",
      { className: "exec-meta" },
      ind.unit.trim() === "" ? "" : `${endSentence(`Единица: ${ind.unit}`)} `,
      ind.direction === "decrease" ? "Чем меньше, тем лучше. " : "Чем больше, тем лучше. ",
      "Степень достижения за период: ",
      total,
    ),
    h(
      "div",
      { className: "exec-body" },
      h(
        "div",
        {},
        h(
          "table",
          { className: "tr-table exec-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "Год"), h("th", {}, "План"), h("th", {}, "Факт"), h("th", {}, "СД"))),
          h("tbody", {}, ...rows),
        ),
        hint,
      ),
      chartBox,
    ),
  );
  (card as HTMLElement & { repaint?: () => void }).repaint = paint;
  return card;
}

export const executionTab: EditorTab = {
  key: "execution",
  title: "Исполнение",
  async render(ctx) {
    const p = ctx.programme();
    const all = periodYears(p.period);
    let range = chosenRange.get(ctx.id) ?? "";
    if (range !== "" && !all.includes(Number(range))) range = "";
    const whole = { from: `${p.period.start}-01`, to: lastDay(p.period.end) };
    const today = await trackingToday();
    // The figures are as of today: due dates still ahead are not yet owed.
    const asked = range === "" ? whole : { from: `${range}-01-01`, to: `${range}-12-31` };
    const inRange = { from: asked.from, to: today >= asked.from && today < asked.to ? today : asked.to };
    const [wholeEv, rangeEv] = await Promise.all([
      evaluation(ctx.id, whole.from, whole.to),
      evaluation(ctx.id, inRange.from, inRange.to),
    ]);
    const ev = { current: wholeEv };
    const summaryBox = h("div", { testId: "exec-summary" }, summary(rangeEv));
    const cards: HTMLElement[] = [];
    const refresh = async (): Promise<void> => {
      const [w, r] = await Promise.all([
        evaluation(ctx.id, whole.from, whole.to),
        evaluation(ctx.id, inRange.from, inRange.to),
      ]);
      ev.current = w;
      summaryBox.replaceChildren(summary(r));
      for (const card of cards) (card as HTMLElement & { repaint?: () => void }).repaint?.();
    };
    for (const [i, ind] of p.indicators.entries()) cards.push(indicatorCard(ctx, ind, i + 1, all, Number(today.slice(0, 4)), ev, refresh));
    const rangeSelect = h(
      "select",
      { className: "field field-select", testId: "exec-range", attrs: { "aria-label": "Период оценки" } },
      h("option", { attrs: { value: "" } }, "За весь период"),
      ...all.map((y) => h("option", { attrs: { value: String(y) } }, `За ${y} год`)),
    );
    rangeSelect.value = range;
    rangeSelect.addEventListener("change", () => {
      chosenRange.set(ctx.id, rangeSelect.value);
      void ctx.reload();
    });
    return h(
      "div",
      { className: "tracking", testId: "tab-execution" },
      h(
        "section",
        { className: "editor-card" },
        h(
          "div",
          { className: "card-head" },
          h(
            "h2",
            { className: "card-title" },
            "Оценка эффективности",
            h("span", { className: "exec-asof", testId: "exec-asof" }, ` с ${formatDate(inRange.from)} по ${formatDate(inRange.to)}`),
          ),
          rangeSelect,
        ),
        summaryBox,
        h(
          "p",
          { className: "tr-note" },
          "Степень достижения (СД) — факт к плану (план к факту, если лучше меньше), не больше 1. Эффективность — среднее из достижения целей и доли выполненных мероприятий (не меньше 90 % сроков). Оценка: от 90 % — высокая, от 80 % — средняя, от 70 % — удовлетворительная.",
        ),
      ),
      ...cards,
      cards.length === 0 ? h("p", { className: "tr-none", testId: "exec-empty" }, "В программе нет целевых показателей — добавьте их на вкладке «Показатели».") : null,
    );
  },
};
