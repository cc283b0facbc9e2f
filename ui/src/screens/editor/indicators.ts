// Показатели tab: the indicator table as printed — a plan row and a fact row
// per indicator, a column per year of the programme's period. Numbers are
// typed the Russian way («76,21», «76,21 %»); a value that is not a number is
// shown with a hint and not sent.
//
// data-testid (N = indicator number from 1, Y = year): tab-indicators,
// indicators-table, indicator-row-N (data-uid), indicator-name-N,
// indicator-unit-N, indicator-direction-N, indicator-base-N,
// indicator-base-year-N, indicator-plan-N-Y, indicator-fact-N-Y,
// indicator-task-N, indicator-N-up / -down / -delete, indicator-add,
// indicators-hint.

import { periodYears } from "../../calendar.js";
import { h } from "../../dom.js";
import { formatNumber, futureFactWarning, parseNumber } from "../../format.js";
import { trackingToday } from "../../api.js";
import type { Direction, Indicator, YearValue } from "../../api.js";
import { altArrows, button, commit, focusTestId, quietly, rowTools, textField } from "./fields.js";
import type { EditorContext, EditorTab } from "./tab.js";

/**
 * A number cell: sends the parsed value, or marks the cell and sends
 * nothing. «76.5%» and «76,5 %» are both read; once stored the cell shows
 * the number the Russian way («76,5»), as everywhere else.
 */
function numberCell(
  testId: string,
  value: number | null,
  label: string,
  hint: HTMLElement,
  send: (value: number | null) => void,
  onValue?: (value: number | null) => void,
): HTMLInputElement | HTMLTextAreaElement {
  const field = textField({
    testId,
    value: formatNumber(value),
    className: "field field-number",
    label,
    send: (typed) => {
      const parsed = parseNumber(typed);
      if (parsed === undefined) return;
      onValue?.(parsed);
      send(parsed);
    },
  });
  field.addEventListener("input", () => {
    const bad = parseNumber(field.value) === undefined;
    field.classList.toggle("field-invalid", bad);
    field.setAttribute("aria-invalid", bad ? "true" : "false");
    hint.textContent = bad ? `«${field.value}» — не число, не сохранено. Пишите так: 76,21 или 76,21 %` : "";
  });
  // After the field's own blur (which sends), never while she types.
  field.addEventListener("blur", () => {
    const parsed = parseNumber(field.value);
    if (parsed === undefined || parsed === null) return;
    const shown = formatNumber(parsed);
    if (field.value !== shown) field.value = shown;
  });
  return field;
}

function indicatorRows(
  ctx: EditorContext,
  indicator: Indicator,
  index: number,
  count: number,
  years: number[],
  thisYear: number,
  hint: HTMLElement,
): HTMLElement[] {
  const n = index + 1;
  const working: Indicator = structuredClone(indicator);
  const value = (year: number): YearValue => {
    let found = working.values.find((v) => v.year === year);
    if (found === undefined) {
      found = { year, plan: null, fact: null };
      working.values.push(found);
      working.values.sort((a, b) => a.year - b.year);
    }
    return found;
  };
  const send = (): void => {
    // Only the years of the period are kept: others would be refused.
    const indicatorToSend: Indicator = {
      ...structuredClone(working),
      values: working.values.filter((v) => years.includes(v.year)),
    };
    quietly(ctx, { op: "put_indicator", indicator: indicatorToSend });
  };
  const tasks = ctx.programme().tasks;
  const task = h(
    "select",
    { className: "field field-select", testId: `indicator-task-${n}`, attrs: { "aria-label": "Задача" } },
    h("option", { attrs: { value: "" } }, "не связан с задачей"),
    ...tasks.map((t, i) => h("option", { attrs: { value: t.uid, title: t.text } }, `${i + 1}. ${shorten(t.text)}`)),
  );
  task.value = working.task ?? "";
  task.addEventListener("change", () => {
    working.task = task.value === "" ? null : task.value;
    send();
  });
  const direction = h(
    "select",
    { className: "field field-select", testId: `indicator-direction-${n}`, attrs: { "aria-label": "Направление" } },
    h("option", { attrs: { value: "increase" } }, "↑ больше — лучше"),
    h("option", { attrs: { value: "decrease" } }, "↓ меньше — лучше"),
  );
  direction.value = working.direction;
  direction.addEventListener("change", () => {
    working.direction = direction.value as Direction;
    send();
  });
  const baseYearHint = hint;
  const baseYear = textField({
    testId: `indicator-base-year-${n}`,
    value: working.base_year === null ? "" : String(working.base_year),
    className: "field field-year",
    label: "Базовый год",
    send: (typed) => {
      const trimmed = typed.trim();
      const match = /^(\d{4})(?:\s*г(?:\.|од)?)?$/.exec(trimmed);
      if (trimmed !== "" && match === null) {
        baseYearHint.textContent = `«${typed}» — не год. Пишите так: 2023`;
        return;
      }
      baseYearHint.textContent = "";
      working.base_year = match === null ? null : Number(match[1]);
      send();
    },
  });
  const move = (to: number): void => {
    void commit(ctx, { op: "move", list: "indicators", uid: indicator.uid, to }).then(() =>
      focusTestId(`indicator-name-${to + 1}`),
    );
  };
  const plan = h(
    "tr",
    { className: "indicator-plan", testId: `indicator-row-${n}`, attrs: { "data-uid": indicator.uid } },
    h("td", { className: "col-num", attrs: { rowspan: "2" } }, String(n)),
    h(
      "td",
      { className: "col-name", attrs: { rowspan: "2" } },
      textField({
        testId: `indicator-name-${n}`,
        value: working.name,
        multiline: true,
        rows: 2,
        label: "Наименование показателя",
        send: (typed) => {
          working.name = typed.replace(/\s*\n\s*/g, " ");
          send();
        },
      }),
      h("label", { className: "indicator-task" }, h("span", { className: "indicator-task-label" }, "Задача:"), task),
    ),
    h(
      "td",
      { className: "col-unit", attrs: { rowspan: "2" } },
      textField({
        testId: `indicator-unit-${n}`,
        value: working.unit,
        className: "field field-unit",
        label: "Единица измерения",
        send: (typed) => {
          working.unit = typed.trim();
          send();
        },
      }),
      direction,
    ),
    h(
      "td",
      { className: "col-base", attrs: { rowspan: "2" } },
      numberCell(`indicator-base-${n}`, working.base_value, "Базовое значение", hint, (v) => {
        working.base_value = v;
        send();
      }),
      baseYear,
    ),
    h("td", { className: "col-kind" }, "план"),
    ...years.map((year) =>
      h(
        "td",
        { className: "col-year" },
        numberCell(`indicator-plan-${n}-${year}`, value(year).plan, `План на ${year} год`, hint, (v) => {
          value(year).plan = v;
          send();
        }),
      ),
    ),
    h(
      "td",
      { className: "col-tools", attrs: { rowspan: "2" } },
      rowTools(`indicator-${n}`, index, count, {
        move,
        remove: () => void commit(ctx, { op: "delete", list: "indicators", uid: indicator.uid }),
        removeTitle: "Удалить показатель",
      }),
    ),
  );
  const fact = h(
    "tr",
    { className: "indicator-fact" },
    h("td", { className: "col-kind" }, "факт"),
    ...years.map((year) =>
      h(
        "td",
        { className: "col-year" },
        ...factCell(n, year, value(year).fact, thisYear, hint, (v) => {
          value(year).fact = v;
          quietly(ctx, { op: "set_fact", indicator: indicator.uid, year, fact: v });
        }),
      ),
    ),
  );
  altArrows(plan, index, count, move);
  altArrows(fact, index, count, move);
  return [plan, fact];
}

/** A fact's input and, beside it, the warning for a year still to come. */
function factCell(n: number, year: number, fact: number | null, thisYear: number, hint: HTMLElement, send: (value: number | null) => void): HTMLElement[] {
  const warning = h("span", { className: "cell-warning", testId: `indicator-fact-${n}-${year}-warning`, attrs: { role: "status" } });
  const paint = (value: number | null): void => {
    const text = futureFactWarning(year, value, thisYear);
    // The cell is narrow: the short words beside it, the sentence on hover.
    warning.textContent = text === "" ? "" : "год не наступил";
    warning.title = text;
    field.classList.toggle("field-future", text !== "");
    if (text !== "") field.title = text;
    else field.removeAttribute("title");
  };
  const field = numberCell(`indicator-fact-${n}-${year}`, fact, `Факт за ${year} год`, hint, send, paint);
  paint(fact);
  return [field, warning];
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 58).trimEnd()}…` : text;
}

export const indicatorsTab: EditorTab = {
  key: "indicators",
  title: "Показатели",
  async render(ctx: EditorContext) {
    const p = ctx.programme();
    const years = periodYears(p.period);
    // The core's today (the one tracking counts from), not the window's clock.
    const thisYear = Number((await trackingToday()).slice(0, 4));
    const hint = h("p", { className: "field-hint field-hint-error", testId: "indicators-hint", attrs: { role: "status" } });
    const table = h(
      "table",
      { className: "doc-table indicators-table", testId: "indicators-table" },
      // Fixed layout from these widths: the name takes what the numbers leave.
      h(
        "colgroup",
        {},
        h("col", { className: "c-num" }),
        h("col", { className: "c-name" }),
        h("col", { className: "c-unit" }),
        h("col", { className: "c-base" }),
        h("col", { className: "c-kind" }),
        ...years.map(() => h("col", { className: "c-year" })),
        h("col", { className: "c-tools" }),
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { className: "col-num", attrs: { rowspan: "2" } }, "№"),
          h("th", { className: "col-name", attrs: { rowspan: "2" } }, "Наименование показателя"),
          h("th", { className: "col-unit", attrs: { rowspan: "2" } }, "Ед. изм., направление"),
          h("th", { className: "col-base", attrs: { rowspan: "2" } }, "Базовое значение, год"),
          h("th", { attrs: { colspan: String(years.length + 1) } }, "Значения по годам"),
          h("th", { className: "col-tools", attrs: { rowspan: "2" } }, ""),
        ),
        h("tr", {}, h("th", { className: "col-kind" }, ""), ...years.map((y) => h("th", { className: "col-year" }, String(y)))),
      ),
      h("tbody", {}, ...p.indicators.flatMap((indicator, index) => indicatorRows(ctx, indicator, index, p.indicators.length, years, thisYear, hint))),
    );
    return h(
      "div",
      { className: "tab-indicators", testId: "tab-indicators" },
      h("div", { className: "table-scroll" }, table),
      hint,
      button("+ Показатель", "indicator-add", () => {
        void commit(ctx, {
          op: "put_indicator",
          indicator: {
            uid: "",
            name: "",
            unit: "%",
            direction: "increase",
            base_value: null,
            base_year: null,
            task: null,
            values: years.map((year) => ({ year, plan: null, fact: null })),
          },
        }).then(() => focusTestId(`indicator-name-${p.indicators.length + 1}`));
      }, { className: "button" }),
    );
  },
};
