// «Сохранить в Excel (.xlsx)» on «Исполнение» and «Отчёт»: the roadmap with
// every due date and its status as of today, and the indicators with the
// evaluation, as one workbook. The native save dialog is opened by the Rust
// side, which then opens the file in the system's spreadsheet program.
//
// data-testid: PREFIX-xlsx, PREFIX-xlsx-status (PREFIX: exec, report).

import { saveExecutionXlsx } from "../../api.js";
import { h } from "../../dom.js";
import { formatDate, plural } from "../../format.js";
import { errorText } from "./common.js";

export function excelExport(id: number, prefix: string): HTMLElement {
  const status = h("p", { className: "print-status", testId: `${prefix}-xlsx-status`, attrs: { role: "status" } });
  const save = h(
    "button",
    { className: "button", testId: `${prefix}-xlsx`, attrs: { type: "button", title: "Весь план с исполнением на сегодня и показатели — в таблицу Excel" } },
    "Сохранить в Excel (.xlsx)…",
  );
  save.addEventListener("click", () => {
    save.disabled = true;
    status.className = "print-status";
    status.textContent = "Готовлю таблицу…";
    saveExecutionXlsx(id)
      .then((saved) => {
        status.textContent =
          saved === null
            ? "Сохранение отменено."
            : `Таблица сохранена: ${saved.path} — ${plural(saved.items, "мероприятие", "мероприятия", "мероприятий")}, ` +
              `${plural(saved.due_dates, "срок", "срока", "сроков")} со статусом на ${formatDate(saved.as_of)}, ` +
              `${plural(saved.indicators, "показатель", "показателя", "показателей")}.`;
      })
      .catch((raw: unknown) => {
        status.className = "print-status error";
        status.textContent = errorText(raw, "Не удалось сохранить таблицу Excel.");
      })
      .finally(() => {
        save.disabled = false;
      });
  });
  return h("div", { className: "excel-export" }, h("div", { className: "report-controls" }, save), status);
}
