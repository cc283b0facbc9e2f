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

const NBSP = "\u00a0";

test("months read as words: «сентябрь 2024», «сен»", () => {
  assert.equal(formatMonth("2024-09"), "сентябрь 2024");
  assert.equal(formatMonth("2025-01"), "январь 2025");
  assert.equal(formatMonth("2027-05"), "май 2027");
  assert.equal(formatPeriod({ start: "2024-09", end: "2027-05" }), "сентябрь 2024 — май 2027");
  assert.equal(formatMonthShort("2025-01"), "янв");
  assert.equal(formatMonthShort("2024-12"), "дек");
  // Anything else is shown as it came, not hidden.
  assert.equal(formatMonth("2024-13"), "2024-13");
  assert.equal(formatMonth("сентябрь"), "сентябрь");
  assert.equal(formatMonthShort("2024-13"), "2024-13");
});

test("a month typed in the editor's header: «09.2024», «9/2024», «2024-09»", () => {
  assert.equal(showMonth("2024-09"), "09.2024");
  assert.equal(showMonth("нет"), "нет");
  assert.equal(parseMonth("09.2024"), "2024-09");
  assert.equal(parseMonth("9/2024"), "2024-09");
  assert.equal(parseMonth(" 05 . 2027 "), "2027-05");
  assert.equal(parseMonth("2024-9"), "2024-09");
  assert.equal(parseMonth(showMonth("2026-12")), "2026-12");
  assert.equal(parseMonth("13.2024"), null);
  assert.equal(parseMonth("00.2024"), null);
  assert.equal(parseMonth("09.1899"), null);
  assert.equal(parseMonth("09.2201"), null);
  assert.equal(parseMonth("сентябрь 2024"), null);
  assert.equal(parseMonth(""), null);
});

test("dates read «31.12.2025»", () => {
  assert.equal(formatDate("2025-12-31"), "31.12.2025");
  assert.equal(formatDate("2024-09-01"), "01.09.2024");
  assert.equal(formatDate("31.12.2025"), "31.12.2025");
  assert.equal(formatDate(""), "");
});

test("typed dates: «31.12.2025», «1.9.24», «20/05/2025», ISO; empty is null, a wrong date undefined", () => {
  assert.equal(parseDate("31.12.2025"), "2025-12-31");
  assert.equal(parseDate(" 20.05.2025 "), "2025-05-20");
  assert.equal(parseDate("1.9.24"), "2024-09-01");
  assert.equal(parseDate("20/05/2025"), "2025-05-20");
  assert.equal(parseDate("20-05-2025"), "2025-05-20");
  assert.equal(parseDate("2025-05-20"), "2025-05-20");
  assert.equal(parseDate(formatDate("2027-05-31")), "2027-05-31");
  assert.equal(parseDate("29.02.2024"), "2024-02-29");
  assert.equal(parseDate(""), null);
  assert.equal(parseDate("   "), null);
  // Days that do not exist, and text that is not a date.
  assert.equal(parseDate("31.02.2025"), undefined);
  assert.equal(parseDate("29.02.2025"), undefined);
  assert.equal(parseDate("31.04.2025"), undefined);
  assert.equal(parseDate("00.05.2025"), undefined);
  assert.equal(parseDate("12.13.2025"), undefined);
  assert.equal(parseDate("20.05.2025 г."), undefined);
  assert.equal(parseDate("20 мая 2025"), undefined);
  assert.equal(parseDate("20.05.025"), undefined);
});

test("the act's date is written with the year in full", () => {
  assert.equal(parseDate("28.08.2024", { shortYear: false }), "2024-08-28");
  assert.equal(parseDate("28.08.24", { shortYear: false }), undefined);
  assert.equal(parseDate("2024-08-28", { shortYear: false }), "2024-08-28");
  assert.equal(parseDate("", { shortYear: false }), null);
});

test("date and time in the computer's time zone", () => {
  // No offset: the string is read as local time, so the test holds in any zone.
  assert.equal(formatDayTime("2026-11-23T03:15:00"), "23 ноября 2026, 03:15");
  assert.equal(formatDayTime("2025-05-01T18:05:00"), "1 мая 2025, 18:05");
  assert.equal(formatDateTime("2026-11-23T03:15:00"), "23.11.2026, 03:15");
  assert.equal(formatDayTime("вчера"), "вчера");
  assert.equal(formatDateTime("вчера"), "вчера");
});

test("typed numbers: «76,21», «76,21 %», «1 234,5», «−5»; empty is null, text undefined", () => {
  assert.equal(parseNumber("76,21"), 76.21);
  assert.equal(parseNumber("76.21"), 76.21);
  assert.equal(parseNumber("76,21 %"), 76.21);
  assert.equal(parseNumber("100%"), 100);
  assert.equal(parseNumber("1 234,5"), 1234.5);
  assert.equal(parseNumber(`1${NBSP}234,5`), 1234.5);
  assert.equal(parseNumber("1\u202f234"), 1234);
  assert.equal(parseNumber(" 12 "), 12);
  assert.equal(parseNumber("−5"), -5);
  assert.equal(parseNumber("–0,5"), -0.5);
  assert.equal(parseNumber("-3"), -3);
  assert.equal(parseNumber(",5"), 0.5);
  assert.equal(parseNumber("0"), 0);
  assert.equal(parseNumber(""), null);
  assert.equal(parseNumber("   "), null);
  assert.equal(parseNumber("много"), undefined);
  assert.equal(parseNumber("1,2,3"), undefined);
  assert.equal(parseNumber("76,"), undefined);
  assert.equal(parseNumber("5-"), undefined);
  assert.equal(parseNumber("1e3"), undefined);
  assert.equal(parseNumber("% 5"), undefined);
});

test("numbers shown the Russian way, with a decimal comma", () => {
  assert.equal(formatNumber(76.21), "76,21");
  assert.equal(formatNumber(12), "12");
  assert.equal(formatNumber(1234.5), "1234,5");
  assert.equal(formatNumber(1 / 3), "0,333333");
  assert.equal(formatNumber(-5), "-5");
  assert.equal(formatNumber(null), "");
  assert.equal(parseNumber(formatNumber(76.21)), 76.21);
  assert.equal(formatDecimal(12.5, 2), "12,5");
  assert.equal(formatDecimal(20, 2), "20");
  assert.equal(formatDecimal(1.256, 2), "1,26");
  assert.equal(formatDecimal(12345.678, 2), "12345,68");
  assert.equal(formatDecimal(12345.678, 2, true), `12${NBSP}345,68`);
  assert.equal(formatDecimal(9.96, 1), "10");
});

test("shares as percents: «76,2 %», «—» when unknown", () => {
  assert.equal(percent(0.7621), "76,2 %");
  assert.equal(percent(0.5), "50 %");
  assert.equal(percent(1), "100 %");
  assert.equal(percent(0), "0 %");
  assert.equal(percent(12.3456), `1${NBSP}234,6 %`);
  assert.equal(percent(null), "—");
});

test("file sizes: «900 байт», «1,5 КБ», «350 КБ», «1,2 МБ»", () => {
  assert.equal(formatSize(0), "0 байт");
  assert.equal(formatSize(900), "900 байт");
  assert.equal(formatSize(1023), "1023 байт");
  assert.equal(formatSize(1024), "1 КБ");
  assert.equal(formatSize(1536), "1,5 КБ");
  assert.equal(formatSize(350 * 1024), "350 КБ");
  assert.equal(formatSize(1023 * 1024), "1023 КБ");
  assert.equal(formatSize(1258291), "1,2 МБ");
  assert.equal(formatSize(10 * 1024 * 1024), "10 МБ");
  assert.equal(formatSize(47.6 * 1024 * 1024), "48 МБ");
});

test("Russian plurals: 1 срок, 2 срока, 5 сроков, 11 сроков, 21 срок", () => {
  const srok = (n) => plural(n, "срок", "срока", "сроков");
  assert.equal(srok(0), "0 сроков");
  assert.equal(srok(1), "1 срок");
  assert.equal(srok(2), "2 срока");
  assert.equal(srok(4), "4 срока");
  assert.equal(srok(5), "5 сроков");
  assert.equal(srok(11), "11 сроков");
  assert.equal(srok(12), "12 сроков");
  assert.equal(srok(14), "14 сроков");
  assert.equal(srok(21), "21 срок");
  assert.equal(srok(22), "22 срока");
  assert.equal(srok(25), "25 сроков");
  assert.equal(srok(101), "101 срок");
  assert.equal(srok(111), "111 сроков");
  assert.equal(srok(112), "112 сроков");
  assert.equal(srok(122), "122 срока");
  const item = (n) => plural(n, "мероприятие", "мероприятия", "мероприятий");
  assert.equal(item(1), "1 мероприятие");
  assert.equal(item(3), "3 мероприятия");
  assert.equal(item(13), "13 мероприятий");
  assert.equal(item(31), "31 мероприятие");
});

test("roman numerals of sections, quarters and half-years", () => {
  assert.equal(roman(1), "I");
  assert.equal(roman(2), "II");
  assert.equal(roman(4), "IV");
  assert.equal(roman(9), "IX");
  assert.equal(roman(14), "XIV");
  assert.equal(roman(40), "XL");
  assert.equal(roman(2024), "MMXXIV");
});

test("programme statuses", () => {
  assert.equal(formatStatus("draft"), "Черновик");
  assert.equal(formatStatus("approved"), "Утверждена");
  assert.equal(formatStatus("archived"), "archived");
});
