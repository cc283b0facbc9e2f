// Unit tests of the «Редакции» tab's pure words (ui/src/screens/editor/
// editions-text.ts, issue #17): how editions and their acts are named,
// the approval form's checks, and the comparison turned into entries with
// their marked words. See format.test.mjs for how to run them.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  actName,
  changeReading,
  checkApproval,
  defaultSides,
  diffCount,
  diffGroups,
  draftLine,
  editionOrigin,
  fieldName,
  parseRef,
  refLabel,
  refValue,
} from "../dist/screens/editor/editions-text.js";

const approval = { seq: 1, act: { kind: "decree", date: "2024-08-28", number: "412" }, recorded_at: "2026-12-01T10:00:00Z", in_force: false };
const amendment = { seq: 2, act: { kind: "decree", date: "2025-03-01", number: "67" }, recorded_at: "2026-12-01T11:00:00Z", in_force: true };

test("editions and their acts in words", () => {
  assert.equal(actName(approval.act), "постановление от 28.08.2024 № 412");
  assert.equal(actName({ kind: "order", date: "2025-01-09", number: "5-о" }), "приказ от 09.01.2025 № 5-о");
  assert.equal(editionOrigin(approval), "утверждена постановлением от 28.08.2024 № 412");
  assert.equal(editionOrigin(amendment), "изменения внесены постановлением от 01.03.2025 № 67");
  assert.equal(draftLine({ editions: [], draft_changed: true }), "Программа ещё не утверждена.");
  assert.equal(draftLine({ editions: [approval, amendment], draft_changed: false }), null);
  assert.equal(
    draftLine({ editions: [approval, amendment], draft_changed: true }),
    "Изменения после редакции № 2 (постановление от 01.03.2025 № 67), ещё не утверждены.",
  );
});

test("the two sides of a comparison: the edition in force against the draft by default", () => {
  assert.equal(defaultSides([]), null);
  assert.deepEqual(defaultSides([approval, amendment]), { from: { kind: "edition", seq: 2 }, to: { kind: "draft" } });
  for (const ref of [{ kind: "draft" }, { kind: "edition", seq: 3 }]) assert.deepEqual(parseRef(refValue(ref)), ref);
  assert.equal(parseRef("edition:x"), null);
  assert.equal(refLabel({ kind: "edition", seq: 2 }, [approval, amendment]), "Редакция № 2 — постановление от 01.03.2025 № 67, действующая");
  assert.equal(refLabel({ kind: "draft" }, []), "Проект (текущий текст)");
});

test("the approval form: an impossible date or no number said beside each field", () => {
  assert.deepEqual(checkApproval(" 28.08.2024 ", " 412 "), { ok: true, date: "2024-08-28", number: "412" });
  assert.deepEqual(checkApproval("31.11.2024", "412"), { ok: false, date: "«31.11.2024»: в ноябре 30 дней", number: null });
  const both = checkApproval("", "  ");
  assert.equal(both.ok, false);
  assert.match(both.date, /укажите дату акта/);
  assert.match(both.number, /укажите номер/);
  // The act's date is printed in full, so it is typed in full.
  assert.match(checkApproval("28.08.24", "412").date, /четырьмя цифрами/);
});

const text = (old, neu, segments) => ({ old, new: neu, segments });

const diff = {
  title: null,
  period: { old: { start: "2024-09", end: "2027-05" }, new: { start: "2024-09", end: "2027-08" } },
  passport: [
    {
      uid: "r1", kind: "modified", label: "Цель программы", old: { index: 7, number: "8" }, new: { index: 7, number: "8" }, moved: false,
      fields: [{ field: { kind: "content" }, text: text("Добиться результатов.", "Добиться высоких результатов.", [
        { mark: "same", text: "Добиться" }, { mark: "added", text: " высоких" }, { mark: "same", text: " результатов." },
      ]) }],
      row: null,
    },
  ],
  tasks: [{ uid: "t9", kind: "removed", text: "Старая задача", old: { index: 2, number: "3" }, new: null, moved: false, fields: [] }],
  sections: [],
  indicators: [
    {
      uid: "i1", kind: "modified", name: "Доля школ", old: { index: 0, number: "1" }, new: { index: 0, number: "1" }, moved: false,
      fields: [{ field: { kind: "plan", year: 2026 }, text: text("7,14", "10", [{ mark: "removed", text: "7,14" }, { mark: "added", text: " 10" }]) }],
      indicator: null,
    },
  ],
  year_columns: null,
  blocks: [],
  items: [
    {
      uid: "a", kind: "modified", activity: "Создание команды",
      old: { block_uid: "b1", block: 0, index: 0, number: "1.1", block_number: "1", block_title: "Организация" },
      new: { block_uid: "b2", block: 1, index: 3, number: "2.4", block_number: "2", block_title: "Методика" },
      moved: true,
      fields: [{ field: { kind: "deadline" }, text: text("Сентябрь 2024", "Октябрь 2024", [{ mark: "removed", text: "Сентябрь" }, { mark: "added", text: " Октябрь" }, { mark: "same", text: " 2024" }]) }],
      item: null,
    },
    {
      uid: "n", kind: "added", activity: "Выездные консультации",
      old: null,
      new: { block_uid: "b1", block: 0, index: 9, number: "1.10", block_number: "1", block_title: "Организация" },
      moved: false, fields: [],
      item: { uid: "n", activity: "Выездные консультации", deadline: "Ноябрь 2024", manual_schedule: null, responsible: "", expected_result: "", planned_value: "", per_year: [{ year: 2025, text: "3" }], tracking: [] },
    },
  ],
  layout_changed: false,
};

test("the comparison in groups, each element with its changed words", () => {
  const groups = diffGroups(diff);
  assert.deepEqual(groups.map((g) => g.key), ["title", "passport", "tasks", "indicators", "roadmap"]);
  assert.equal(diffCount(groups), 6);
  const [head, passport, tasks, indicators, roadmap] = groups;
  assert.deepEqual(head.entries[0].notes, ["сентябрь 2024 — май 2027 → сентябрь 2024 — август 2027"]);
  assert.equal(passport.entries[0].what, "Позиция паспорта «Цель программы»");
  assert.equal(passport.entries[0].badge, "изменено");
  assert.equal(changeReading(passport.entries[0].fields[0]), "Добиться [добавлено: высоких] результатов.");
  assert.equal(tasks.entries[0].what, "Задача 3 «Старая задача»");
  assert.equal(tasks.entries[0].badge, "исключено");
  assert.equal(changeReading(tasks.entries[0].fields[0]), "[удалено: Старая задача]");
  assert.equal(indicators.entries[0].fields[0].name, "План на 2026 г.");
  assert.equal(changeReading(indicators.entries[0].fields[0]), "[удалено: 7,14] [добавлено: 10]");
  const [moved, added] = roadmap.entries;
  assert.equal(moved.what, "Пункт 1.1 «Создание команды»");
  assert.deepEqual(moved.notes, ["перенесён в блок 2 «Методика», теперь 2.4"]);
  assert.equal(changeReading(moved.fields[0]), "[удалено: Сентябрь] [добавлено: Октябрь] 2024");
  assert.equal(added.kind, "added");
  assert.equal(added.what, "Пункт 1.10 «Выездные консультации»");
  assert.deepEqual(added.contents, [
    { name: "Мероприятие", text: "Выездные консультации" },
    { name: "Срок", text: "Ноябрь 2024" },
    { name: "2025 г.", text: "3" },
  ]);
});

test("every field has a Russian name", () => {
  for (const [field, name] of [
    [{ kind: "deadline" }, "Срок"],
    [{ kind: "plan", year: 2027 }, "План на 2027 г."],
    [{ kind: "per_year", year: 2025 }, "2025 г."],
    [{ kind: "label" }, "Наименование позиции"],
    [{ kind: "base" }, "Базовое значение"],
  ]) {
    assert.equal(fieldName(field), name);
  }
  assert.equal(diffCount(diffGroups({ ...diff, period: null, passport: [], tasks: [], indicators: [], items: [] })), 0);
});
