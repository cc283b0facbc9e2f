// Unit tests of ui/src/calendar.ts: month names and the arithmetic on
// "YYYY-MM" months (see format.test.mjs for how to run them).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MONTHS,
  MONTHS_GENITIVE,
  MONTHS_SHORT,
  addMonths,
  isoDate,
  lastDay,
  monthKey,
  periodMonths,
  periodYears,
} from "../dist/calendar.js";

test("twelve month names in each form", () => {
  for (const names of [MONTHS, MONTHS_GENITIVE, MONTHS_SHORT]) assert.equal(names.length, 12);
  assert.equal(MONTHS[0], "январь");
  assert.equal(MONTHS[8], "сентябрь");
  assert.equal(MONTHS_GENITIVE[4], "мая");
  assert.equal(MONTHS_GENITIVE[10], "ноября");
  assert.equal(MONTHS_SHORT[4], "май");
  assert.equal(MONTHS_SHORT[11], "дек");
});

test("months and dates in their interchange form", () => {
  assert.equal(monthKey(2024, 9), "2024-09");
  assert.equal(monthKey(2025, 12), "2025-12");
  assert.equal(isoDate(2025, 5, 1), "2025-05-01");
  assert.equal(isoDate(2025, 12, 31), "2025-12-31");
});

test("next and previous months, across years", () => {
  assert.equal(addMonths("2024-09", 1), "2024-10");
  assert.equal(addMonths("2024-12", 1), "2025-01");
  assert.equal(addMonths("2025-01", -1), "2024-12");
  assert.equal(addMonths("2024-09", 12), "2025-09");
  assert.equal(addMonths("2024-09", -21), "2022-12");
  assert.equal(addMonths("2024-09", 0), "2024-09");
});

test("the last day of a month, leap years included", () => {
  assert.equal(lastDay("2025-12"), "2025-12-31");
  assert.equal(lastDay("2025-04"), "2025-04-30");
  assert.equal(lastDay("2025-05"), "2025-05-31");
  assert.equal(lastDay("2024-02"), "2024-02-29");
  assert.equal(lastDay("2025-02"), "2025-02-28");
  assert.equal(lastDay("2000-02"), "2000-02-29");
  assert.equal(lastDay("2100-02"), "2100-02-28");
});

test("the months of a programme's period (09.2024 – 05.2027)", () => {
  const months = periodMonths({ start: "2024-09", end: "2027-05" });
  assert.equal(months.length, 33);
  assert.deepEqual(months.slice(0, 5), ["2024-09", "2024-10", "2024-11", "2024-12", "2025-01"]);
  assert.equal(months.at(-1), "2027-05");
  assert.deepEqual(periodMonths({ start: "2025-01", end: "2025-01" }), ["2025-01"]);
  assert.deepEqual(periodMonths({ start: "2025-02", end: "2025-01" }), []);
});

test("the years a period touches", () => {
  assert.deepEqual(periodYears({ start: "2024-09", end: "2027-05" }), [2024, 2025, 2026, 2027]);
  assert.deepEqual(periodYears({ start: "2025-01", end: "2025-12" }), [2025]);
  assert.deepEqual(periodYears({ start: "2026-01", end: "2025-12" }), []);
});

test("a mistyped period (2024–2240) is cut at 50 years", () => {
  const years = periodYears({ start: "2024-01", end: "2240-12" });
  assert.equal(years.length, 50);
  assert.equal(years.at(-1), 2073);
  const months = periodMonths({ start: "2024-01", end: "2240-12" });
  assert.equal(months.length, 600);
  assert.equal(months.at(-1), "2073-12");
});
