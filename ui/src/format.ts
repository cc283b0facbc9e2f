// Russian display formats for values that arrive from the core in their
// interchange form ("YYYY-MM", RFC 3339). Anything unexpected is shown as is
// rather than hidden: a wrong-looking value is easier to report than a blank.

const MONTHS = [
  "январь", "февраль", "март", "апрель", "май", "июнь",
  "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
];

export function formatMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : value;
}

export function formatPeriod(period: { start: string; end: string }): string {
  return `${formatMonth(period.start)} — ${formatMonth(period.end)}`;
}

const STATUS: Record<string, string> = {
  draft: "Черновик",
  approved: "Утверждена",
};

export function formatStatus(status: string): string {
  return STATUS[status] ?? status;
}

const DATE_TIME = new Intl.DateTimeFormat("ru-RU", {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

export function formatDateTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : DATE_TIME.format(date);
}
