// Unit tests of what issue #13 (items 3, 4, 6, 10) asks of the editor's pure
// code: an impossible date says what is wrong with it (format.ts
// checkDate / checkMonth), numbers read back the Russian way, a unit ending
// in a dot ends a sentence once, a fact for a year still to come is warned
// about, a shortened period names what blocks it and builds the one batch
// that clears it (screens/editor/period.ts), and deleting a linked task
// names the indicator (screens/editor/refusals.ts). See format.test.mjs for
// how to run them.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  checkDate,
  checkMonth,
  endSentence,
  formatNumber,
  futureFactWarning,
  parseDate,
  parseNumber,
} from "../dist/format.js";
import { blockersText, shortening } from "../dist/screens/editor/period.js";
import { taskDeletion } from "../dist/screens/editor/refusals.js";

import { returns } from "./cases.mjs";

const problem = (text, options) => {
  const checked = checkDate(text, options);
  return checked.kind === "wrong" ? checked.problem : checked.kind === "date" ? checked.iso : "";
};

test("an impossible date says what is wrong with it", () => {
  returns(problem, [
    ["31.11.2026", "в ноябре 30 дней"],
    ["31.04.2025", "в апреле 30 дней"],
    ["29.02.2025", "2025 год не високосный: в феврале 28 дней"],
    ["30.02.2024", "в феврале 29 дней"],
    ["32.01.2026", "в январе 31 день"],
    ["01.13.2026", "месяца 13 нет: месяц — от 01 до 12"],
    ["10.00.2026", "месяца 0 нет: месяц — от 01 до 12"],
    ["00.05.2025", "дня 0 нет: дни месяца считаются с 1"],
    ["2026-11-31", "в ноябре 30 дней"],
    ["20 мая 2025", "дата пишется так: 28.08.2024"],
    ["12.09.0024", "год 24 — опечатка? Дата пишется так: 28.08.2024"],
    // Real dates read as before.
    ["29.02.2024", "2024-02-29"],
    ["30.11.2026", "2026-11-30"],
    ["1.9.24", "2024-09-01"],
  ]);
  assert.deepEqual(checkDate("  "), { kind: "empty" });
  // The act's date is printed in full: a short year is named as the problem.
  assert.equal(problem("28.08.24", { shortYear: false }), "год пишется полностью, четырьмя цифрами: 28.08.2024");
});

test("parseDate agrees with checkDate", () => {
  for (const text of ["31.11.2026", "29.02.2025", "32.01.2026", "01.13.2026", "", "30.11.2026", "2024-02-29", "x"]) {
    const checked = checkDate(text);
    const expected = checked.kind === "date" ? checked.iso : checked.kind === "empty" ? null : undefined;
    assert.equal(parseDate(text), expected, text);
  }
});

test("a month of the period: month 13 is named", () => {
  const read = (text) => {
    const m = checkMonth(text);
    return m.kind === "month" ? m.month : m.kind === "wrong" ? m.problem : "";
  };
  returns(read, [
    ["05.2029", "2029-05"],
    ["2029-5", "2029-05"],
    ["13.2026", "месяца 13 нет: месяц — от 01 до 12"],
    ["00.2026", "месяца 0 нет: месяц — от 01 до 12"],
    ["05.1800", "год — опечатка? Месяц пишется так: 09.2024"],
    ["май 2029", "месяц пишется так: 09.2024"],
    ["", ""],
  ]);
});

test("a number typed with a dot or a percent sign is shown with the decimal comma", () => {
  const shown = (typed) => formatNumber(parseNumber(typed) ?? null);
  returns(shown, [
    ["76.5%", "76,5"],
    ["76,5 %", "76,5"],
    ["76.50", "76,5"],
    ["1 234.25", "1234,25"],
    ["100", "100"],
    ["", ""],
  ]);
});

test("a sentence after a unit ending in a dot ends once", () => {
  returns(endSentence, [
    ["Единица: ед.", "Единица: ед."],
    ["Единица: чел.", "Единица: чел."],
    ["Единица: %", "Единица: %."],
    ["Единица: баллов ", "Единица: баллов."],
  ]);
});

test("a fact for a year that has not come is warned about; this year's is not", () => {
  returns(futureFactWarning, [
    [2027, 5, 2026, "2027 год ещё не наступил: это ожидание, а не факт"],
    [2027, 0, 2026, "2027 год ещё не наступил: это ожидание, а не факт"],
    [2027, null, 2026, ""],
    [2026, 76.5, 2026, ""],
    [2025, 76.5, 2026, ""],
  ]);
});

function programme() {
  const item = (uid, perYear, tracking = []) => ({
    uid,
    activity: `Мероприятие ${uid}`,
    deadline: "ежегодно",
    manual_schedule: null,
    responsible: "",
    expected_result: "",
    planned_value: "",
    per_year: perYear,
    tracking,
  });
  return {
    period: { start: "2026-01", end: "2030-12" },
    tasks: [
      { uid: "t1", text: "Повысить качество" },
      { uid: "t2", text: "Обновить оборудование" },
    ],
    indicators: [
      { uid: "i1", name: "Доля школ с обновлённым оборудованием", unit: "%", direction: "increase", base_value: null, base_year: null, task: "t2",
        values: [{ year: 2029, plan: 50, fact: null }, { year: 2030, plan: 60, fact: null }] },
      { uid: "i2", name: "Число участников", unit: "чел.", direction: "increase", base_value: null, base_year: null, task: null,
        values: [{ year: 2029, plan: 1, fact: null }, { year: 2030, plan: null, fact: null }] },
      { uid: "i3", name: "Охват", unit: "%", direction: "increase", base_value: null, base_year: null, task: "t2",
        values: [] },
    ],
    roadmap: {
      year_columns: [2026, 2027, 2028, 2029, 2030],
      blocks: [
        { uid: "b1", title: "Блок", items: [item("a", [{ year: 2030, text: "ремонт" }, { year: 2029, text: "план" }])] },
        { uid: "b2", title: "Блок 2", items: [
          item("b", [{ year: 2030, text: "  " }]),
          item("c", [], [{ due: "2030-05-31", status: "done", done_on: "2030-05-20", moved_to: null, comment: "", evidence: "" },
                         { due: "2029-05-31", status: "done", done_on: "2029-05-20", moved_to: null, comment: "", evidence: "" }]),
        ] },
      ],
    },
  };
}

test("a shortened period names what blocks it and the batch that drops those years", () => {
  const p = programme();
  const found = shortening(p, { start: "2026-01", end: "2029-05" });
  assert.deepEqual(found.years, [2030]);
  assert.equal(
    blockersText(found.blockers),
    "показатель 1 «Доля школ с обновлённым оборудованием» — 2030 год; мероприятие 1.1 — текст за 2030 год; мероприятие 2.2 — отметка о выполнении за 31.05.2030",
  );
  assert.equal(found.edit.op, "batch");
  assert.equal(found.edit.label, "период 01.2026–05.2029, убраны данные за 2030");
  const edits = found.edit.edits;
  assert.deepEqual(edits.map((e) => e.op), ["put_indicator", "put_item", "clear_tracking", "set_period"]);
  // What lies inside stays; only the outside years go.
  assert.deepEqual(edits[0].indicator.values, [{ year: 2029, plan: 50, fact: null }]);
  assert.equal(edits[0].indicator.task, "t2");
  assert.deepEqual(edits[1].item.per_year, [{ year: 2029, text: "план" }]);
  assert.equal(edits[1].block, "b1");
  assert.equal(edits[1].uid, "a");
  assert.deepEqual(edits[2], { op: "clear_tracking", item: "c", due: "2030-05-31" });
  // The period comes last, once nothing outside holds data.
  assert.deepEqual(edits[3], { op: "set_period", period: { start: "2026-01", end: "2029-05" } });
  // The stored programme is not changed by looking.
  assert.equal(p.indicators[0].values.length, 2);
});

test("a period that keeps every year needs no batch; marks before a later start are named", () => {
  const p = programme();
  const none = shortening(p, { start: "2026-01", end: "2031-12" });
  assert.deepEqual(none, { blockers: [], years: [], edit: null });
  p.roadmap.blocks[1].items[1].tracking = [{ due: "2026-03-31", status: "done", done_on: "2026-03-20", moved_to: null, comment: "", evidence: "" }];
  const later = shortening(p, { start: "2026-09", end: "2030-12" });
  assert.equal(blockersText(later.blockers), "мероприятие 2.2 — отметка о выполнении за 31.03.2026");
  assert.deepEqual(later.years, []);
  assert.equal(later.edit.label, "период 09.2026–12.2030, убраны отметки вне периода");
});

test("deleting a task linked to indicators names them and offers two one-step ways", () => {
  const p = programme();
  assert.equal(taskDeletion(p, p.tasks[0], 0), null);
  const found = taskDeletion(p, p.tasks[1], 1);
  assert.equal(
    found.text,
    "Задача 2 не удалена: она связана с показателями 1 «Доля школ с обновлённым оборудованием» и 3 «Охват». Сначала отвяжите их или удалите вместе.",
  );
  assert.doesNotMatch(found.text, /t2|i1|i3/);
  assert.equal(found.unlink.op, "batch");
  assert.deepEqual(found.unlink.edits.map((e) => [e.op, e.op === "put_indicator" ? e.indicator.task : e.uid]), [
    ["put_indicator", null],
    ["put_indicator", null],
    ["delete", "t2"],
  ]);
  assert.deepEqual(found.together.edits, [
    { op: "delete", list: "indicators", uid: "i1" },
    { op: "delete", list: "indicators", uid: "i3" },
    { op: "delete", list: "tasks", uid: "t2" },
  ]);
  p.indicators[2].task = null;
  assert.match(taskDeletion(p, p.tasks[1], 1).text, /связана с показателем 1 «Доля школ с обновлённым оборудованием»\. Сначала отвяжите его/);
});
