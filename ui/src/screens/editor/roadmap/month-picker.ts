// «Указать вручную»: a row under the item with a button per month of the
// programme's period, grouped by year; the chosen months are saved as the
// item's manual schedule (each due on the month's last day).
//
// data-testid: manual-picker, month-YYYY-MM (aria-pressed), manual-save.

import { h } from "../../../dom.js";
import { formatMonthShort } from "../../../format.js";
import type { ScheduleView } from "../../../api.js";
import type { ItemRow } from "./rows.js";

export interface PickerOptions {
  /** Every month of the period, in order. */
  months: string[];
  /** The item's schedule as stored, if known: its months are chosen at first. */
  schedule: ScheduleView | undefined;
  /** Columns the picker's one cell spans. */
  columns: number;
  /** Saves the chosen months, in order; the picker closes when it resolves. */
  save(months: string[]): Promise<void>;
}

/** The months chosen when the picker opens: the manual ones, else those of the due dates. */
export function chosenAtFirst(schedule: ScheduleView | undefined): Set<string> {
  return new Set<string>(
    schedule?.manual === true && schedule.active.length > 0
      ? schedule.active
      : (schedule?.due ?? []).map((d) => d.slice(0, 7)),
  );
}

/** Opens the picker under the row, or closes it if it is open. */
export function togglePicker(row: ItemRow, options: PickerOptions): void {
  if (row.picker !== null) {
    row.picker.remove();
    row.picker = null;
    return;
  }
  const chosen = chosenAtFirst(options.schedule);
  const byYear = new Map<string, string[]>();
  for (const m of options.months) {
    const y = m.slice(0, 4);
    byYear.set(y, [...(byYear.get(y) ?? []), m]);
  }
  const grid = h("div", { className: "rm-picker-grid" });
  for (const [year, months] of byYear) {
    const buttons = months.map((m) => {
      const b = h(
        "button",
        { className: "rm-month", testId: `month-${m}`, attrs: { type: "button", "aria-pressed": String(chosen.has(m)) } },
        formatMonthShort(m),
      );
      b.addEventListener("click", () => {
        if (chosen.has(m)) chosen.delete(m);
        else chosen.add(m);
        b.setAttribute("aria-pressed", String(chosen.has(m)));
      });
      return b;
    });
    grid.append(h("div", { className: "rm-picker-year" }, h("span", { className: "rm-picker-label" }, year), ...buttons));
  }
  const close = (): void => {
    row.picker?.remove();
    row.picker = null;
    row.fields.get("deadline")?.focus();
  };
  const save = h("button", { className: "button primary", testId: "manual-save", attrs: { type: "button" } }, "Сохранить месяцы");
  save.addEventListener("click", () => {
    void options.save([...chosen].sort()).then(close);
  });
  const cancel = h("button", { className: "button", attrs: { type: "button" }, onClick: close }, "Отмена");
  const td = h(
    "td",
    { attrs: { colspan: String(options.columns) } },
    h("p", { className: "rm-picker-title" }, "Месяцы, когда мероприятие проводится (срок — последний день месяца):"),
    grid,
    h("div", { className: "rm-picker-actions" }, save, " ", cancel),
  );
  td.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  row.picker = h("tr", { className: "rm-picker", testId: "manual-picker" }, td);
  row.tr.after(row.picker);
  grid.querySelector("button")?.focus();
}
