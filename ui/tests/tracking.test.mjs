// Unit tests of the done date of ui/src/screens/tracking/common.ts, used by
// a row's «Выполнено», its «изменить дату» and «Отметить выбранные
// выполненными» (see format.test.mjs for how to run them).

import assert from "node:assert/strict";
import { test } from "node:test";

import { doneRecord, readDoneDate } from "../dist/screens/tracking/common.js";

const TODAY = "2025-05-20";

const entry = {
  item: "i1",
  number: "1.4",
  activity: "Заседание",
  responsible: "ИМЦ",
  block_number: "1",
  block_title: "Блок",
  due: "2025-05-10",
  status: "planned",
  done_on: null,
  moved_to: null,
  comment: "было",
  evidence: "приказ № 5",
};

test("the done date: empty is today, a typed day is taken, a future or unreadable one is refused", () => {
  assert.deepEqual(readDoneDate("", TODAY), { date: TODAY });
  assert.deepEqual(readDoneDate("  ", TODAY), { date: TODAY });
  assert.deepEqual(readDoneDate("19.05.2025", TODAY), { date: "2025-05-19" });
  assert.deepEqual(readDoneDate("20.05.2025", TODAY), { date: TODAY });
  assert.match(readDoneDate("21.05.2025", TODAY).error, /21\.05\.2025 ещё не наступила: сегодня 20\.05\.2025/);
  // A day that does not exist says why (h-dates' reasons).
  assert.match(readDoneDate("31.02.2025", TODAY).error, /в феврале 28 дней/);
  assert.match(readDoneDate("вчера", TODAY).error, /^Дата выполнения: /);
});

test("a record done on a day: on time up to the due date, late after it; the rest kept", () => {
  assert.deepEqual(doneRecord(entry, "2025-05-10"), {
    due: "2025-05-10",
    status: "done",
    done_on: "2025-05-10",
    moved_to: null,
    comment: "было",
    evidence: "приказ № 5",
  });
  assert.equal(doneRecord(entry, "2025-05-09").status, "done");
  assert.equal(doneRecord(entry, "2025-05-11").status, "done_late");
  assert.equal(doneRecord({ ...entry, status: "moved", moved_to: "2025-06-30" }, "2025-05-11").moved_to, null);
  assert.equal(doneRecord(entry, "2025-05-10", "  новое  ").comment, "новое");
});
