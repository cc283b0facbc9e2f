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

import { returns } from "./cases.mjs";

test("twelve month names in each form", () => {
  const forms = { MONTHS, MONTHS_GENITIVE, MONTHS_SHORT };
  for (const [form, names] of Object.entries(forms)) assert.equal(names.length, 12, `${form}.length`);
  for (const [form, i, name] of [
    ["MONTHS", 0, "январь"],
    ["MONTHS", 8, "сентябрь"],
    ["MONTHS_GENITIVE", 4, "мая"],
    ["MONTHS_GENITIVE", 10, "ноября"],
    ["MONTHS_SHORT", 4, "май"],
    ["MONTHS_SHORT", 11, "дек"],
  ]) {
    assert.equal(forms[form][i], name, `${form}[${i}]`);
  }
});

test("months and dates in their interchange form", () => {
  returns(monthKey, [
    [2024, 9, "2024-09"],
    [2025, 12, "2025-12"],
  ]);
  returns(isoDate, [
    [2025, 5, 1, "2025-05-01"],
    [2025, 12, 31, "2025-12-31"],
  ]);
});

test("next and previous months, across years", () => {
  returns(addMonths, [
    ["2024-09", 1, "2024-10"],
    ["2024-12", 1, "2025-01"],
    ["2025-01", -1, "2024-12"],
    ["2024-09", 12, "2025-09"],
    ["2024-09", -21, "2022-12"],
    ["2024-09", 0, "2024-09"],
  ]);
});

test("the last day of a month, leap years included", () => {
  returns(lastDay, [
    ["2025-12", "2025-12-31"],
    ["2025-04", "2025-04-30"],
    ["2025-05", "2025-05-31"],
    ["2024-02", "2024-02-29"],
    ["2025-02", "2025-02-28"],
    ["2000-02", "2000-02-29"],
    ["2100-02", "2100-02-28"],
  ]);
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
  returns(periodYears, [
    [{ start: "2024-09", end: "2027-05" }, [2024, 2025, 2026, 2027]],
    [{ start: "2025-01", end: "2025-12" }, [2025]],
    [{ start: "2026-01", end: "2025-12" }, []],
  ]);
});

test("a mistyped period (2024–2240) is cut at 50 years", () => {
  const years = periodYears({ start: "2024-01", end: "2240-12" });
  assert.equal(years.length, 50);
  assert.equal(years.at(-1), 2073);
  const months = periodMonths({ start: "2024-01", end: "2240-12" });
  assert.equal(months.length, 600);
  assert.equal(months.at(-1), "2073-12");
});
