// Russian display formats for values that arrive from the core in their
// interchange form ("YYYY-MM", "YYYY-MM-DD", RFC 3339, numbers), and the
// parsers of what the user types back («30.09.2024», «09.2024», «76,21»).
// Anything unexpected is shown as is rather than hidden: a wrong-looking
// value is easier to report than a blank. No DOM: unit-tested in ui/tests/.

import { MONTHS, MONTHS_GENITIVE, MONTHS_PREPOSITIONAL, MONTHS_SHORT, isoDate, monthKey } from "./calendar.js";

// ---- Months and dates ----

/** "2024-09" → «сентябрь 2024». */
export function formatMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : value;
}

/** "2024-09" → «сен», where a month has little room (the month picker, the timeline's columns). */
export function formatMonthShort(value: string): string {
  return MONTHS_SHORT[Number(value.slice(5, 7)) - 1] ?? value;
}

export function formatPeriod(period: { start: string; end: string }): string {
  return `${formatMonth(period.start)} — ${formatMonth(period.end)}`;
}

/** "2024-09" → «09.2024», as the period is typed in the editor's header. */
export function showMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? `${match[2]}.${match[1]}` : value;
}

const MONTH_INPUT = /^\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$/;
const ISO_MONTH = /^\s*(\d{4})\s*-\s*(\d{1,2})\s*$/;

/** «09.2024», «9/2024» or «2024-09» → "2024-09"; null if not a month. */
export function parseMonth(text: string): string | null {
  let month: number;
  let year: number;
  const ru = MONTH_INPUT.exec(text);
  const iso = ISO_MONTH.exec(text);
  if (ru !== null) {
    month = Number(ru[1]);
    year = Number(ru[2]);
  } else if (iso !== null) {
    year = Number(iso[1]);
    month = Number(iso[2]);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return null;
  return monthKey(year, month);
}

/** What a typed month is: empty, a month ("2024-09"), or wrong with the reason in words. */
export type MonthCheck = { kind: "empty" } | { kind: "month"; month: string } | { kind: "wrong"; problem: string };

/** «09.2024» → a month; «13.2026» → «месяца 13 нет…»; «сентябрь» → how a month is written. */
export function checkMonth(text: string): MonthCheck {
  if (text.trim() === "") return { kind: "empty" };
  const month = parseMonth(text);
  if (month !== null) return { kind: "month", month };
  const ru = MONTH_INPUT.exec(text);
  const iso = ISO_MONTH.exec(text);
  const m = ru !== null ? Number(ru[1]) : iso !== null ? Number(iso[2]) : null;
  if (m !== null && (m < 1 || m > 12)) return { kind: "wrong", problem: `месяца ${m} нет: месяц — от 01 до 12` };
  if (m !== null) return { kind: "wrong", problem: "год — опечатка? Месяц пишется так: 09.2024" };
  return { kind: "wrong", problem: "месяц пишется так: 09.2024" };
}

/** A problem in words as the first words of a sentence: «в ноябре…» → «В ноябре…». */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * «Единица: ед.» + «.» without the doubled dot: a sentence ends once, also
 * after a unit or a name that ends in an abbreviation's dot.
 */
export function endSentence(text: string, mark = "."): string {
  const t = text.trimEnd();
  return /[.!?…]$/.test(t) ? t : `${t}${mark}`;
}

/** "2024-09-30" → «30.09.2024». */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** What a typed date is: empty, a date ("2024-09-30"), or wrong with the reason in words. */
export type DateCheck = { kind: "empty" } | { kind: "date"; iso: string } | { kind: "wrong"; problem: string };

/** The usual form of a date, as every date hint shows it. */
export const DATE_EXAMPLE = "28.08.2024";

const DAYS_WORD: [string, string, string] = ["день", "дня", "дней"];

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads a typed date: «30.09.2024» (also «30.9.24», «30/09/2024» and
 * "2024-09-30"). A date in the right form that does not exist says why:
 * «в ноябре 30 дней», «2025 год не високосный: в феврале 28 дней»,
 * «месяца 13 нет». With `shortYear: false` a year must be written in full.
 */
export function checkDate(text: string, options: { shortYear?: boolean } = {}): DateCheck {
  const t = text.trim();
  if (t === "") return { kind: "empty" };
  let day: number;
  let month: number;
  let year: number;
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (ru !== null) {
    if (ru[3]?.length === 2 && options.shortYear === false) {
      return { kind: "wrong", problem: `год пишется полностью, четырьмя цифрами: ${DATE_EXAMPLE}` };
    }
    day = Number(ru[1]);
    month = Number(ru[2]);
    year = Number(ru[3]);
    if (ru[3]?.length === 2) year += 2000;
  } else if (iso !== null) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return { kind: "wrong", problem: `дата пишется так: ${DATE_EXAMPLE}` };
  }
  if (month < 1 || month > 12) return { kind: "wrong", problem: `месяца ${month} нет: месяц — от 01 до 12` };
  if (year < 1900 || year > 2200) return { kind: "wrong", problem: `год ${year} — опечатка? Дата пишется так: ${DATE_EXAMPLE}` };
  const days = daysInMonth(year, month);
  if (day < 1) return { kind: "wrong", problem: `дня ${day} нет: дни месяца считаются с 1` };
  if (day > days) {
    const name = MONTHS_PREPOSITIONAL[month - 1] ?? "";
    if (month === 2 && day === 29) return { kind: "wrong", problem: `${year} год не високосный: в феврале 28 дней` };
    return { kind: "wrong", problem: `в ${name} ${plural(days, ...DAYS_WORD)}` };
  }
  return { kind: "date", iso: isoDate(year, month, day) };
}

/**
 * «30.09.2024» → "2024-09-30"; "" → null; not a date (31.02.2025, say) →
 * undefined. `checkDate` says why a date is wrong.
 */
export function parseDate(text: string, options: { shortYear?: boolean } = {}): string | null | undefined {
  const checked = checkDate(text, options);
  return checked.kind === "date" ? checked.iso : checked.kind === "empty" ? null : undefined;
}

const DATE_TIME = new Intl.DateTimeFormat("ru-RU", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** RFC 3339 → «23.11.2026, 03:15» in the computer's time zone. */
export function formatDateTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : DATE_TIME.format(date);
}

/** RFC 3339 → «23 ноября 2026, 03:15» in the computer's time zone. */
export function formatDayTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${date.getDate()} ${MONTHS_GENITIVE[date.getMonth()]} ${date.getFullYear()}, ${two(date.getHours())}:${two(date.getMinutes())}`;
}

// ---- Numbers ----

const DECIMALS = new Map<string, Intl.NumberFormat>();

/**
 * A number the Russian way: a decimal comma, at most `digits` decimals and
 * no trailing zeros; with `grouping`, thousands apart as the locale groups
 * them («12 345,5»), without it as typed into a field («12345,5»).
 */
export function formatDecimal(value: number, digits: number, grouping = false): string {
  const key = `${digits}/${grouping}`;
  let format = DECIMALS.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat("ru-RU", grouping ? { maximumFractionDigits: digits } : { maximumFractionDigits: digits, useGrouping: false });
    DECIMALS.set(key, format);
  }
  return format.format(value);
}

/** A value as typed back into a number field: «76,21»; null → "". */
export function formatNumber(value: number | null): string {
  return value === null ? "" : formatDecimal(value, 6);
}

/** «76,21», «76.21», «76,21 %», «1 234,5», «−5», «,5» → the number; "" → null; otherwise undefined. */
export function parseNumber(text: string): number | null | undefined {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/%$/, "")
    .replace(/[−–]/g, "-")
    .replace(",", ".");
  if (cleaned === "") return null;
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

/**
 * A fact for a year that has not come yet is kept (she may enter an
 * expected figure) but said to be one beside its cell: design.md §5 counts
 * facts into the degree of achievement, so a future one must not pass
 * unnoticed. The current year's fact is usual (a preliminary figure) and
 * gets no warning. "" when there is nothing to say.
 */
export function futureFactWarning(year: number, fact: number | null, thisYear: number): string {
  if (fact === null || year <= thisYear) return "";
  return `${year} год ещё не наступил: это ожидание, а не факт`;
}

/** A share 0…1 as «76,2 %»; null → «—». */
export function percent(value: number | null): string {
  return value === null ? "—" : `${formatDecimal(value * 100, 1, true)} %`;
}

/** «1,2 МБ», «350 КБ», «900 байт». */
export function formatSize(bytes: number): string {
  const decimal = (n: number): string => formatDecimal(n, n < 10 ? 1 : 0);
  if (bytes < 1024) return `${bytes} байт`;
  if (bytes < 1024 * 1024) return `${decimal(bytes / 1024)} КБ`;
  return `${decimal(bytes / (1024 * 1024))} МБ`;
}

/** «3 срока» with the right Russian plural: 1 срок, 2 срока, 5 сроков, 11 сроков, 21 срок. */
export function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const word = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${word}`;
}

/** I, II, III... as sections, quarters and half-years are printed. */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let rest = n;
  let out = "";
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

// ---- Statuses ----

const STATUS: Record<string, string> = {
  draft: "Проект",
  approved: "Утверждена",
};

export function formatStatus(status: string): string {
  return STATUS[status] ?? status;
}
