// Unit tests of the roadmap's pure modules: rows pasted from Excel or Word
// (screens/editor/roadmap/paste.ts) and where an item is and goes
// (screens/editor/roadmap/data.ts). See format.test.mjs for how to run them.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  dropTarget,
  emptyInput,
  findItem,
  itemNumber,
  mergeYears,
  moveTarget,
  positionOf,
  sameAsStored,
} from "../dist/screens/editor/roadmap/data.js";
import { isTablePaste, parsePastedRows, pastedInputs } from "../dist/screens/editor/roadmap/paste.js";

import { returns } from "./cases.mjs";

test("the pure modules load without a DOM", () => {
  assert.equal(typeof globalThis.document, "undefined");
  assert.equal(typeof globalThis.window, "undefined");
  assert.equal(typeof parsePastedRows, "function");
  assert.equal(typeof dropTarget, "function");
});

// Two roadmap rows copied from an Excel table with a № column; the second
// «Мероприятие» holds a line break, so Excel quoted it.
const ROWS =
  "1.1.\tПроведение августовской конференции педагогов\tавгуст 2024\tОтдел образования\tРезолюция конференции\r\n" +
  '1.2.\t"Курсы повышения квалификации\r\n(по графику ИРО)"\tв течение года\tИМЦ, ОО\t\r\n';

test("pasted rows: the № column dropped, cells trimmed, line breaks in a cell kept", () => {
  assert.deepEqual(parsePastedRows(ROWS), [
    ["Проведение августовской конференции педагогов", "август 2024", "Отдел образования", "Резолюция конференции"],
    ["Курсы повышения квалификации\n(по графику ИРО)", "в течение года", "ИМЦ, ОО", ""],
  ]);
  assert.deepEqual(parsePastedRows("1\tСеминар\n2.\tВебинар\n"), [["Семинар"], ["Вебинар"]]);
  assert.deepEqual(parsePastedRows("  Семинар \t сентябрь 2024 \n\n\t\t\nВебинар"), [
    ["Семинар", "сентябрь 2024"],
    ["Вебинар"],
  ]);
  // A number alone is an item's text, not its number.
  assert.deepEqual(parsePastedRows("2025\nЕщё"), [["2025"], ["Ещё"]]);
});

test("rows from Word: one item per line, no tabs", () => {
  assert.deepEqual(parsePastedRows("Совещание руководителей\r\nКонкурс «Учитель года»\r\n"), [
    ["Совещание руководителей"],
    ["Конкурс «Учитель года»"],
  ]);
});

test("which pastes are rows and which are text for one cell", () => {
  returns(isTablePaste, [
    ["Проведение семинара", false],
    ["одна строка\n", false],
    ["  \n  ", false],
    ["Семинар\tсентябрь 2024", true],
    ["Совещание\nКонкурс", true],
    [ROWS, true],
  ]);
});

test("pasted rows become items: Мероприятие, Сроки, Ответственные, Ожидаемый результат", () => {
  const [first, second] = pastedInputs(parsePastedRows(ROWS));
  assert.deepEqual(first, {
    activity: "Проведение августовской конференции педагогов",
    deadline: "август 2024",
    responsible: "Отдел образования",
    expected_result: "Резолюция конференции",
    planned_value: "",
    per_year: [],
  });
  assert.equal(second.activity, "Курсы повышения квалификации\n(по графику ИРО)");
  assert.deepEqual(pastedInputs([["Только мероприятие"]]), [{ ...emptyInput(), activity: "Только мероприятие" }]);
  assert.deepEqual(pastedInputs([["а", "б", "в", "г", "лишнее"]])[0], {
    ...emptyInput(),
    activity: "а",
    deadline: "б",
    responsible: "в",
    expected_result: "г",
  });
});

function item(uid, extra = {}) {
  return {
    uid,
    activity: `Мероприятие ${uid}`,
    deadline: "сентябрь 2024",
    responsible: "ИМЦ",
    expected_result: "",
    planned_value: "",
    per_year: [],
    tracking: [],
    ...extra,
  };
}

// Blocks 1 (items 1.1–1.3), 2 (item 2.1) and an empty block 3.
const P = {
  period: { start: "2024-09", end: "2027-05" },
  roadmap: {
    year_columns: [],
    blocks: [
      { uid: "b1", title: "Кадры", items: [item("i1"), item("i2"), item("i3")] },
      { uid: "b2", title: "Инфраструктура", items: [item("i4")] },
      { uid: "b3", title: "Новый блок 3", items: [] },
    ],
  },
};

test("an item's place and number", () => {
  assert.deepEqual(positionOf(P, "i3"), { bi: 0, ii: 2 });
  assert.deepEqual(positionOf(P, "i4"), { bi: 1, ii: 0 });
  assert.equal(positionOf(P, "нет"), null);
  assert.equal(itemNumber(positionOf(P, "i3")), "1.3");
  assert.equal(findItem(P, "i4")?.activity, "Мероприятие i4");
  assert.equal(findItem(P, "нет"), undefined);
});

test("Alt+↑/↓ moves within the block, then into the next one", () => {
  const move = (uid, delta) => moveTarget(P, positionOf(P, uid), delta);
  returns(move, [
    ["i1", -1, null],
    ["i2", -1, { block: "b1", to: 0 }],
    ["i1", 1, { block: "b1", to: 1 }],
    // Past the last item of block 1: first in block 2; up from 2.1: last in block 1.
    ["i3", 1, { block: "b2", to: 0 }],
    ["i4", -1, { block: "b1", to: 3 }],
    ["i4", 1, { block: "b3", to: 0 }],
  ]);
  const two = { ...P, roadmap: { ...P.roadmap, blocks: P.roadmap.blocks.slice(0, 2) } };
  assert.equal(moveTarget(two, positionOf(two, "i4"), 1), null);
});

// Where dropping uid over a row, a block's head or its end puts it.
const drop = (uid, over) => dropTarget(P, uid, over);

test("a drop puts the item before or after a row, first in a block or at its end", () => {
  returns(drop, [
    ["i1", { kind: "item", uid: "i3", after: true }, { block: "b1", to: 2 }],
    ["i1", { kind: "item", uid: "i3", after: false }, { block: "b1", to: 1 }],
    ["i3", { kind: "item", uid: "i1", after: false }, { block: "b1", to: 0 }],
    ["i1", { kind: "item", uid: "i4", after: true }, { block: "b2", to: 1 }],
    ["i1", { kind: "block", block: "b2" }, { block: "b2", to: 0 }],
    ["i1", { kind: "end", block: "b2" }, { block: "b2", to: 1 }],
    ["i4", { kind: "end", block: "b3" }, { block: "b3", to: 0 }],
    ["i1", { kind: "end", block: "b1" }, { block: "b1", to: 2 }],
  ]);
});

test("a drop that leaves the item where it is moves nothing", () => {
  returns(drop, [
    ["i1", { kind: "item", uid: "i2", after: false }, null],
    ["i2", { kind: "item", uid: "i1", after: true }, null],
    ["i1", { kind: "item", uid: "i1", after: true }, null],
    ["i3", { kind: "end", block: "b1" }, null],
    ["i1", { kind: "block", block: "b1" }, null],
    ["нет", { kind: "block", block: "b2" }, null],
  ]);
});

test("per-year texts: typed columns replace the stored years, empty ones go", () => {
  const stored = [
    { year: 2024, text: "10" },
    { year: 2023, text: "из прошлой программы" },
  ];
  assert.deepEqual(mergeYears(stored, [[2024, "12"], [2025, ""], [2026, "15 %"]]), [
    { year: 2023, text: "из прошлой программы" },
    { year: 2024, text: "12" },
    { year: 2026, text: "15 %" },
  ]);
  assert.deepEqual(mergeYears([], [[2025, "  "]]), []);
});

test("a row is sent only if it differs from the stored item", () => {
  const stored = item("i9", { per_year: [{ year: 2025, text: "5" }, { year: 2026, text: " " }] });
  const input = {
    activity: stored.activity,
    deadline: stored.deadline,
    responsible: stored.responsible,
    expected_result: stored.expected_result,
    planned_value: stored.planned_value,
    per_year: [{ year: 2025, text: "5" }],
  };
  assert.equal(sameAsStored(input, stored), true);
  assert.equal(sameAsStored({ ...input, deadline: "октябрь 2024" }, stored), false);
  assert.equal(sameAsStored({ ...input, per_year: [{ year: 2025, text: "6" }] }, stored), false);
  assert.equal(sameAsStored({ ...input, activity: `${stored.activity} ` }, stored), false);
});
