// Month names and arithmetic on the core's interchange forms: a month is
// "YYYY-MM", a date "YYYY-MM-DD", a period { start, end } of two months.
// Pure functions with no DOM, shared by the editor and the tracking tabs
// (and unit-tested in ui/tests/).

/** «январь 2024», «с января по март». */
export const MONTHS = [
  "январь", "февраль", "март", "апрель", "май", "июнь",
  "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
] as const;

/** «23 ноября 2026». */
export const MONTHS_GENITIVE = [
  "января", "февраля", "марта", "апреля", "мая", "июня",
  "июля", "августа", "сентября", "октября", "ноября", "декабря",
] as const;

/** «в ноябре 30 дней». */
export const MONTHS_PREPOSITIONAL = [
  "январе", "феврале", "марте", "апреле", "мае", "июне",
  "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
] as const;

/** Column heads and buttons where a month has little room: «янв», «фев». */
export const MONTHS_SHORT = [
  "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
] as const;

/** A period longer than this is cut here (a typing slip, say 2024–2240, must not build thousands of columns). */
const MAX_YEARS = 50;

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** (2024, 9) → "2024-09". */
export function monthKey(year: number, month: number): string {
  return `${year}-${two(month)}`;
}

/** (2024, 9, 1) → "2024-09-01". */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}`;
}

/** "2024-09" → the next or previous month. */
export function addMonths(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return monthKey(year, mm + 1);
}

/** "2024-02" → "2024-02-29": the due date of work done «in February». */
export function lastDay(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${two(day)}`;
}

/** Every month of the period, in order (at most 50 years of them). */
export function periodMonths(period: { start: string; end: string }): string[] {
  const out: string[] = [];
  for (let m = period.start; m <= period.end && out.length < MAX_YEARS * 12; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Every calendar year the period touches, in order (at most 50). */
export function periodYears(period: { start: string; end: string }): number[] {
  const first = Number(period.start.slice(0, 4));
  const last = Number(period.end.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last && years.length < MAX_YEARS; y++) years.push(y);
  return years;
}
