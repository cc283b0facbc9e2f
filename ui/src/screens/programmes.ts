// The start screen: every programme in the database, newest edits as the core
// orders them.

import { listProgrammes, type AppError, type ProgrammeSummary } from "../api.js";
import { h } from "../dom.js";
import { formatDateTime, formatPeriod, formatStatus } from "../format.js";
import type { Screen } from "../router.js";

function emptyState(): HTMLElement {
  return h(
    "section",
    { className: "empty-state", testId: "empty-state" },
    h("p", { className: "empty-lead" }, "Программ пока нет. Импортируйте файл программы."),
    h(
      "p",
      { className: "empty-hint" },
      "Файл программы (*.metodist.json) загружается командой ",
      h("code", {}, "metodist import ФАЙЛ"),
      ". Создание и импорт программ из окна появятся в следующей версии.",
    ),
  );
}

function row(programme: ProgrammeSummary): HTMLElement {
  return h(
    "tr",
    { testId: "programme-row", attrs: { "data-id": String(programme.id) } },
    h("td", { className: "col-title", testId: "programme-title" }, programme.title),
    h("td", { className: "col-period" }, formatPeriod(programme.period)),
    h(
      "td",
      { className: "col-status" },
      h(
        "span",
        { className: `badge badge-${programme.status}`, testId: "programme-status" },
        formatStatus(programme.status),
      ),
    ),
    h("td", { className: "col-number" }, String(programme.items)),
    h("td", { className: "col-date" }, formatDateTime(programme.updated_at)),
  );
}

function table(programmes: ProgrammeSummary[]): HTMLElement {
  return h(
    "table",
    { className: "programmes", testId: "programme-list" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { className: "col-title", attrs: { scope: "col" } }, "Название"),
        h("th", { className: "col-period", attrs: { scope: "col" } }, "Период"),
        h("th", { className: "col-status", attrs: { scope: "col" } }, "Статус"),
        h("th", { className: "col-number", attrs: { scope: "col" } }, "Мероприятий"),
        h("th", { className: "col-date", attrs: { scope: "col" } }, "Изменена"),
      ),
    ),
    h("tbody", {}, ...programmes.map(row)),
  );
}

export const programmesScreen: Screen = {
  errorHeading(error: AppError) {
    // Codes of the core's storage errors start with "db_" (db_not_sqlite,
    // db_locked, db_read_only, db_newer_version, ...).
    return error.code.startsWith("db_")
      ? "Не удалось открыть базу данных"
      : "Не удалось загрузить список программ";
  },
  async render() {
    const programmes = await listProgrammes();
    return h(
      "div",
      { className: "programmes-screen" },
      h("h2", { className: "screen-title" }, "Программы"),
      programmes.length === 0 ? emptyState() : table(programmes),
    );
  },
};
