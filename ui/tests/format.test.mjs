// Unit tests of ui/src/format.ts: how months, dates and numbers read in
// Russian and how what the user types is read back. They run on the
// compiled modules in ui/dist (npm run build first) with Node's own test
// runner, no DOM and no npm packages: `npm test` in ui/ runs `node --test`,
// which finds every *.test.mjs here (a directory argument is not used: Node
// 21+ on Windows no longer searches one).

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  formatDate,
  formatDateTime,
  formatDayTime,
  formatDecimal,
  formatMonth,
  formatMonthShort,
  formatNumber,
  formatPeriod,
  formatSize,
  formatStatus,
  parseDate,
  parseMonth,
  parseNumber,
  percent,
  plural,
  roman,
  showMonth,
} from "../dist/format.js";

import { returns } from "./cases.mjs";

const NBSP = "\u00a0";

test("months read as words: «сентябрь 2024», «сен»", () => {
  returns(formatMonth, [
    ["2024-09", "сентябрь 2024"],
    ["2025-01", "январь 2025"],
    ["2027-05", "май 2027"],
    // Anything else is shown as it came, not hidden.
    ["2024-13", "2024-13"],
    ["сентябрь", "сентябрь"],
  ]);
  assert.equal(formatPeriod({ start: "2024-09", end: "2027-05" }), "сентябрь 2024 — май 2027");
  returns(formatMonthShort, [
    ["2025-01", "янв"],
    ["2024-12", "дек"],
    ["2024-13", "2024-13"],
  ]);
});

test("a month typed in the editor's header: «09.2024», «9/2024», «2024-09»", () => {
  assert.equal(showMonth("2024-09"), "09.2024");
  assert.equal(showMonth("нет"), "нет");
  returns(parseMonth, [
    ["09.2024", "2024-09"],
    ["9/2024", "2024-09"],
    [" 05 . 2027 ", "2027-05"],
    ["2024-9", "2024-09"],
    // What showMonth shows reads back.
    [showMonth("2026-12"), "2026-12"],
    ["13.2024", null],
    ["00.2024", null],
    ["09.1899", null],
    ["09.2201", null],
    ["сентябрь 2024", null],
    ["", null],
  ]);
});

test("dates read «31.12.2025»", () => {
  returns(formatDate, [
    ["2025-12-31", "31.12.2025"],
    ["2024-09-01", "01.09.2024"],
    ["31.12.2025", "31.12.2025"],
    ["", ""],
  ]);
});

test("typed dates: «31.12.2025», «1.9.24», «20/05/2025», ISO; empty is null, a wrong date undefined", () => {
  returns(parseDate, [
    ["31.12.2025", "2025-12-31"],
    [" 20.05.2025 ", "2025-05-20"],
    ["1.9.24", "2024-09-01"],
    ["20/05/2025", "2025-05-20"],
    ["20-05-2025", "2025-05-20"],
    ["2025-05-20", "2025-05-20"],
    ["29.02.2024", "2024-02-29"],
    // What formatDate shows reads back.
    [formatDate("2027-05-31"), "2027-05-31"],
    ["", null],
    ["   ", null],
    // Days that do not exist, and text that is not a date.
    ["31.02.2025", undefined],
    ["29.02.2025", undefined],
    ["31.04.2025", undefined],
    ["00.05.2025", undefined],
    ["12.13.2025", undefined],
    ["20.05.2025 г.", undefined],
    ["20 мая 2025", undefined],
    ["20.05.025", undefined],
  ]);
});

test("the act's date is written with the year in full", () => {
  const fullYear = { shortYear: false };
  returns(parseDate, [
    ["28.08.2024", fullYear, "2024-08-28"],
    ["28.08.24", fullYear, undefined],
    ["2024-08-28", fullYear, "2024-08-28"],
    ["", fullYear, null],
  ]);
});

test("date and time in the computer's time zone", () => {
  // No offset: the string is read as local time, so the test holds in any zone.
  returns(formatDayTime, [
    ["2026-11-23T03:15:00", "23 ноября 2026, 03:15"],
    ["2025-05-01T18:05:00", "1 мая 2025, 18:05"],
    ["вчера", "вчера"],
  ]);
  returns(formatDateTime, [
    ["2026-11-23T03:15:00", "23.11.2026, 03:15"],
    ["вчера", "вчера"],
  ]);
});

test("typed numbers: «76,21», «76,21 %», «1 234,5», «−5»; empty is null, text undefined", () => {
  returns(parseNumber, [
    ["76,21", 76.21],
    ["76.21", 76.21],
    ["76,21 %", 76.21],
    ["100%", 100],
    ["1 234,5", 1234.5],
    [`1${NBSP}234,5`, 1234.5],
    ["1\u202f234", 1234],
    [" 12 ", 12],
    ["−5", -5],
    ["–0,5", -0.5],
    ["-3", -3],
    [",5", 0.5],
    ["0", 0],
    ["", null],
    ["   ", null],
    ["много", undefined],
    ["1,2,3", undefined],
    ["76,", undefined],
    ["5-", undefined],
    ["1e3", undefined],
    ["% 5", undefined],
  ]);
});

test("numbers shown the Russian way, with a decimal comma", () => {
  returns(formatNumber, [
    [76.21, "76,21"],
    [12, "12"],
    [1234.5, "1234,5"],
    [1 / 3, "0,333333"],
    [-5, "-5"],
    [null, ""],
  ]);
  assert.equal(parseNumber(formatNumber(76.21)), 76.21);
  returns(formatDecimal, [
    [12.5, 2, "12,5"],
    [20, 2, "20"],
    [1.256, 2, "1,26"],
    [12345.678, 2, "12345,68"],
    [12345.678, 2, true, `12${NBSP}345,68`],
    [9.96, 1, "10"],
  ]);
});

test("shares as percents: «76,2 %», «—» when unknown", () => {
  returns(percent, [
    [0.7621, "76,2 %"],
    [0.5, "50 %"],
    [1, "100 %"],
    [0, "0 %"],
    [12.3456, `1${NBSP}234,6 %`],
    [null, "—"],
  ]);
});

test("file sizes: «900 байт», «1,5 КБ», «350 КБ», «1,2 МБ»", () => {
  returns(formatSize, [
    [0, "0 байт"],
    [900, "900 байт"],
    [1023, "1023 байт"],
    [1024, "1 КБ"],
    [1536, "1,5 КБ"],
    [350 * 1024, "350 КБ"],
    [1023 * 1024, "1023 КБ"],
    [1258291, "1,2 МБ"],
    [10 * 1024 * 1024, "10 МБ"],
    [47.6 * 1024 * 1024, "48 МБ"],
  ]);
});

test("Russian plurals: 1 срок, 2 срока, 5 сроков, 11 сроков, 21 срок", () => {
  const srok = (n) => plural(n, "срок", "срока", "сроков");
  returns(srok, [
    [0, "0 сроков"],
    [1, "1 срок"],
    [2, "2 срока"],
    [4, "4 срока"],
    [5, "5 сроков"],
    [11, "11 сроков"],
    [12, "12 сроков"],
    [14, "14 сроков"],
    [21, "21 срок"],
    [22, "22 срока"],
    [25, "25 сроков"],
    [101, "101 срок"],
    [111, "111 сроков"],
    [112, "112 сроков"],
    [122, "122 срока"],
  ]);
  const item = (n) => plural(n, "мероприятие", "мероприятия", "мероприятий");
  returns(item, [
    [1, "1 мероприятие"],
    [3, "3 мероприятия"],
    [13, "13 мероприятий"],
    [31, "31 мероприятие"],
  ]);
});

test("roman numerals of sections, quarters and half-years", () => {
  returns(roman, [
    [1, "I"],
    [2, "II"],
    [4, "IV"],
    [9, "IX"],
    [14, "XIV"],
    [40, "XL"],
    [2024, "MMXXIV"],
  ]);
});

test("programme statuses", () => {
  returns(formatStatus, [
    ["draft", "Проект"],
    ["approved", "Утверждена"],
    ["archived", "archived"],
  ]);
});
