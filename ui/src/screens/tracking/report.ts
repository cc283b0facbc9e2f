// «Отчёт»: «Отчёт о ходе реализации программы» for a quarter, a half-year,
// a calendar or school year, the whole period or two dates, saved as PDF
// where the user chooses (the native save dialog is opened by the Rust side)
// and then opened in the system viewer.
//
// data-testid: tab-report, report-kind, report-period, report-from,
// report-to, report-range-hint, report-profile, report-preview,
// report-save, report-status.

import { dueEntries, layoutProfiles, printReport, trackingToday } from "../../api.js";
import { lastDay, monthKey } from "../../calendar.js";
import { h } from "../../dom.js";
import { formatDate, parseDate, plural, roman } from "../../format.js";
import type { DueEntry, IsoDate } from "../../api.js";
import type { EditorTab } from "../editor/tab.js";
import { SHOWN_ORDER, wrongDate, STATUS_LABEL, errorText, shown, type Shown } from "./common.js";

type Kind = "quarter" | "half" | "year" | "school" | "whole" | "dates";

interface Choice {
  label: string;
  from: IsoDate;
  to: IsoDate;
}

/** A choice cut to the programme's period: a report on 2024 of a programme
 * started in September 2024 begins on 01.09.2024. */
function cut(label: string, fromMonth: string, toMonth: string, start: string, end: string): Choice {
  return {
    label,
    from: `${fromMonth < start ? start : fromMonth}-01`,
    to: lastDay(toMonth > end ? end : toMonth),
  };
}

/** Quarters, half-years, calendar or school years that overlap the programme's period. */
function choices(kind: Exclude<Kind, "dates">, start: string, end: string): Choice[] {
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number(end.slice(0, 4));
  if (kind === "whole") return [cut("весь период программы", start, end, start, end)];
  const out: Choice[] = [];
  if (kind === "school") {
    // A school year runs from September to August: its report covers the summer exams too.
    for (let y = firstYear - 1; y <= lastYear; y++) {
      const fromMonth = monthKey(y, 9);
      const toMonth = monthKey(y + 1, 8);
      if (toMonth < start || fromMonth > end) continue;
      out.push(cut(`${y}/${y + 1} учебный год`, fromMonth, toMonth, start, end));
    }
    return out;
  }
  const size = kind === "quarter" ? 3 : kind === "half" ? 6 : 12;
  for (let y = firstYear; y <= lastYear; y++) {
    for (let first = 1; first <= 12; first += size) {
      const fromMonth = monthKey(y, first);
      const toMonth = monthKey(y, first + size - 1);
      if (toMonth < start || fromMonth > end) continue;
      const n = (first - 1) / size + 1;
      const label = kind === "quarter" ? `${roman(n)} квартал ${y} г.` : kind === "half" ? `${roman(n)} полугодие ${y} г.` : `${y} год`;
      out.push(cut(label, fromMonth, toMonth, start, end));
    }
  }
  return out;
}

const chosen = new Map<number, { kind: Kind; index: number; from: string; to: string }>();

/** What the report will say, with statuses as of `today` (the report's date):
 * a past due date with no record is «просрочено», as in the PDF. */
function preview(entries: DueEntry[], from: IsoDate, to: IsoDate, today: IsoDate): string {
  const inside = entries.filter((e) => e.due >= from && e.due <= to);
  if (inside.length === 0) return `С ${formatDate(from)} по ${formatDate(to)} сроков нет; в отчёт войдут показатели и оценка.`;
  const counts = new Map<Shown, number>();
  for (const e of inside) counts.set(shown(e, today), (counts.get(shown(e, today)) ?? 0) + 1);
  const items = new Set(inside.map((e) => e.item)).size;
  const parts = SHOWN_ORDER.filter((s) => counts.has(s)).map((s) => `${STATUS_LABEL[s]} — ${counts.get(s)}`);
  return `С ${formatDate(from)} по ${formatDate(to)}: ${plural(items, "мероприятие", "мероприятия", "мероприятий")}, ${plural(inside.length, "срок", "срока", "сроков")} (${parts.join(", ")}).`;
}

export const reportTab: EditorTab = {
  key: "report",
  title: "Отчёт",
  async render(ctx) {
    const p = ctx.programme();
    const [entries, profiles, today] = await Promise.all([dueEntries(ctx.id), layoutProfiles(), trackingToday()]);
    const state = chosen.get(ctx.id) ?? {
      kind: "year" as Kind,
      index: 0,
      from: formatDate(`${p.period.start}-01`),
      to: formatDate(lastDay(p.period.end)),
    };
    chosen.set(ctx.id, state);

    const kind = h(
      "select",
      { className: "field field-select", testId: "report-kind", attrs: { "aria-label": "Отчётный период" } },
      h("option", { attrs: { value: "quarter" } }, "Квартал"),
      h("option", { attrs: { value: "half" } }, "Полугодие"),
      h("option", { attrs: { value: "year" } }, "Год"),
      h("option", { attrs: { value: "school" } }, "Учебный год"),
      h("option", { attrs: { value: "whole" } }, "Весь период"),
      h("option", { attrs: { value: "dates" } }, "Две даты"),
    );
    kind.value = state.kind;
    const period = h("select", { className: "field field-select", testId: "report-period", attrs: { "aria-label": "Период" } });
    const from = h("input", { className: "field field-date", testId: "report-from", attrs: { type: "text", placeholder: "01.09.2024", "aria-label": "С" } });
    const to = h("input", { className: "field field-date", testId: "report-to", attrs: { type: "text", placeholder: "31.12.2024", "aria-label": "По" } });
    from.value = state.from;
    to.value = state.to;
    const dates = h("span", { className: "report-dates" }, "с ", from, " по ", to);
    const rangeHint = h("span", { className: "field-hint field-hint-error", testId: "report-range-hint", attrs: { role: "alert" } });
    const previewText = h("p", { className: "tr-summary", testId: "report-preview" });
    const status = h("p", { className: "print-status", testId: "report-status", attrs: { role: "status" } });
    const profile = h("select", { className: "field field-select", testId: "report-profile", attrs: { "aria-label": "Оформление" } });
    for (const pr of profiles) profile.append(h("option", { attrs: { value: pr.name } }, pr.name));
    const save = h("button", { className: "button button-primary", testId: "report-save", attrs: { type: "button" } }, "Сохранить отчёт в PDF…");

    let list: Choice[] = [];
    const fillPeriods = (): void => {
      const k = kind.value as Kind;
      state.kind = k;
      dates.hidden = k !== "dates";
      // The whole period is one choice: its dates are in the preview line.
      period.hidden = k === "dates" || k === "whole";
      if (k === "dates") return;
      list = choices(k, p.period.start, p.period.end);
      period.replaceChildren(...list.map((c, i) => h("option", { attrs: { value: String(i) } }, c.label)));
      period.value = String(Math.min(state.index, Math.max(0, list.length - 1)));
    };
    /** The chosen range, or null with the reason shown. */
    const range = (): { from: IsoDate; to: IsoDate } | null => {
      rangeHint.textContent = "";
      from.classList.remove("field-invalid");
      to.classList.remove("field-invalid");
      if (kind.value !== "dates") {
        const c = list[Number(period.value)];
        return c === undefined ? null : { from: c.from, to: c.to };
      }
      const a = parseDate(from.value);
      const b = parseDate(to.value);
      for (const [value, input] of [[a, from], [b, to]] as const) {
        if (value === undefined || value === null) {
          input.classList.add("field-invalid");
          rangeHint.textContent = value === null ? "Укажите обе даты отчётного периода." : wrongDate(input.value);
          return null;
        }
      }
      if (a === null || a === undefined || b === null || b === undefined) return null;
      if (a > b) {
        rangeHint.textContent = "Начало периода позже его окончания.";
        return null;
      }
      return { from: a, to: b };
    };
    const update = (): void => {
      state.index = Number(period.value) || 0;
      state.from = from.value;
      state.to = to.value;
      const r = range();
      previewText.textContent = r === null ? "" : preview(entries, r.from, r.to, today);
      save.disabled = r === null || profiles.length === 0;
    };
    kind.addEventListener("change", () => {
      state.index = 0;
      fillPeriods();
      update();
    });
    period.addEventListener("change", update);
    from.addEventListener("input", update);
    to.addEventListener("input", update);
    save.addEventListener("click", () => {
      const r = range();
      if (r === null) return;
      save.disabled = true;
      status.className = "print-status";
      status.textContent = "Готовлю отчёт…";
      printReport(ctx.id, r.from, r.to, profile.value)
        .then((printed) => {
          status.textContent =
            printed === null
              ? "Сохранение отменено."
              : `Отчёт сохранён: ${printed.path} (${plural(printed.pages, "страница", "страницы", "страниц")}).` +
                (printed.warnings.length > 0 ? ` ${printed.warnings.join(" ")}` : "");
        })
        .catch((raw: unknown) => {
          status.className = "print-status error";
          status.textContent = errorText(raw, "Не удалось сохранить отчёт.");
        })
        .finally(() => {
          save.disabled = false;
        });
    });
    fillPeriods();
    update();
    return h(
      "div",
      { className: "tracking", testId: "tab-report" },
      h(
        "section",
        { className: "editor-card" },
        h("h2", { className: "card-title" }, "Отчёт о ходе реализации программы"),
        h(
          "p",
          { className: "tr-note" },
          "В отчёт входят сроки периода со статусом, датой выполнения и комментарием, таблица показателей (план, факт, степень достижения) и общая оценка эффективности.",
        ),
        h("div", { className: "report-controls" }, h("span", { className: "tr-form-label" }, "Период"), kind, period, dates),
        rangeHint,
        previewText,
        h("div", { className: "report-controls" }, h("span", { className: "tr-form-label" }, "Оформление"), profile),
        h("div", { className: "report-controls" }, save),
        status,
      ),
    );
  },
};
