// What the review of a Word import shows, worked out from the programme
// recognised in the document (issue #16): the act's fields, the mark, the
// passport rows, the sections with the numbers print will give them, the
// indicators, the blocks and items with their first lines. Numbers come from
// shape.ts, so the review shows the numbering the import found exactly as the
// editor and the print will. No DOM (unit-tested in ui/tests/review.test.mjs).

import type { ActKind, ApprovingAct, Block, ImportReview, Indicator, PassportRow, Programme, SectionBlock, Task, TextBlock } from "./api.js";
import { plural } from "./format.js";
import { blockLabel, formatActDate, headingNumbers, itemLabels, participle } from "./shape.js";

/** How many items of a list the review shows before «и ещё N». */
export const FIRST_ITEMS = 3;
export const FIRST_ROWS = 5;

/** The first line of `text`, cut to `max` characters with «…»; empty stays empty. */
export function firstLine(text: string, max = 120): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  const chars = [...line];
  if (chars.length <= max) return line;
  return `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}

/** «и ещё 12 мероприятий» for what the review leaves out; empty when nothing is. */
export function andMore(total: number, shown: number, one: string, few: string, many: string): string {
  const rest = total - shown;
  return rest > 0 ? `и ещё ${plural(rest, one, few, many)}` : "";
}

const KIND: Record<ActKind, string> = {
  decree: "Постановление",
  order: "Приказ",
  directive: "Распоряжение",
};

export function actKindName(kind: ActKind): string {
  return KIND[kind];
}

/** One line of a review card: a label and its value, `missing` when the document had none. */
export interface Fact {
  label: string;
  value: string;
  missing: boolean;
}

function fact(label: string, value: string | null, absent: string): Fact {
  const text = (value ?? "").trim();
  return text === "" ? { label, value: absent, missing: true } : { label, value: text, missing: false };
}

/** The act as found: kind, date, number, title (its line breaks kept), and the rest in short. */
export function actFacts(act: ApprovingAct): Fact[] {
  const signature = [act.signatory_position, act.signatory_name].map((s) => s.trim()).filter((s) => s !== "").join(" — ");
  return [
    fact("Вид", actKindName(act.kind), ""),
    fact("Дата", act.date === null ? null : formatActDate(act.date, act.date_format), "не найдена"),
    fact("Номер", act.number, "не найден"),
    fact("Название", act.title, "не найдено"),
    fact("Кем издан", act.issuer.join("\n"), "не найдено"),
    fact("Место", act.place, "не найдено"),
    fact("Формула", act.formula, "не найдена"),
    fact("Пункты", act.points.length === 0 ? null : plural(act.points.length, "пункт", "пункта", "пунктов"), "не найдены"),
    fact("Подпись", signature, "не найдена"),
    fact("Исполнитель", act.executor, "не найден"),
  ];
}

/** The appendix mark as it will print, in one line; `null` when the document has none. */
export function markLine(programme: Programme): string | null {
  const mark = programme.appendix;
  if (mark.style === "none") return null;
  const act = programme.act;
  const issuer = mark.issuer_genitive.trim();
  const by = (words: [string, string, string]): string => {
    if (act === null) return "";
    const i = act.kind === "decree" ? 0 : act.kind === "order" ? 1 : 2;
    return ` ${words[i]}${issuer === "" ? "" : ` ${issuer}`}`;
  };
  const parts: string[] = [];
  if (mark.style === "appendix" || mark.style === "both") {
    const number = mark.number.trim();
    parts.push(`${number === "" ? "Приложение" : `Приложение № ${number}`}${by(["к постановлению", "к приказу", "к распоряжению"])}`);
  }
  if (mark.style === "approved" || mark.style === "both") {
    parts.push(`${participle(mark.approves, mark.participle)}${by(["постановлением", "приказом", "распоряжением"])}`);
  }
  return parts.join(" · ");
}

function blockLines(block: TextBlock | SectionBlock): string[] {
  switch (block.type) {
    case "paragraph":
      return [block.text];
    case "numbered":
    case "bulleted":
      return block.items;
    default:
      return [];
  }
}

function hasText(blocks: readonly TextBlock[]): boolean {
  return blocks.some((b) => blockLines(b).some((line) => line.trim() !== ""));
}

/** A passport row as the review lists it. */
export interface PassportLine {
  label: string;
  /** Whether the document gave it any content (a sub-row counts). */
  filled: boolean;
  /** Content rows under the label: 1 for a plain row, more for merged labels. */
  rows: number;
  /** The first line of its content, cut short. */
  first: string;
  /** Whether the label matched a standard row («Цель программы» …). */
  standard: boolean;
  /** Filled from the programme's data (its title, tasks, indicators) rather than typed. */
  fromData: boolean;
  /** The «Задачи» row left empty prints the programme's tasks: how many (0 otherwise). */
  tasks: number;
}

export function passportLines(passport: readonly PassportRow[], tasks: readonly Task[] = []): PassportLine[] {
  return passport.map((row) => {
    const all = [row.content, ...row.subrows];
    const firstText = all.flatMap((blocks) => blocks.flatMap(blockLines)).find((line) => line.trim() !== "") ?? "";
    const typed = all.some(hasText);
    // An empty «Задачи» row prints the programme's tasks (model.rs, PassportRow::content).
    const fromTasks = row.key === "tasks" && !typed && tasks.length > 0;
    return {
      label: row.label,
      filled: typed || fromTasks,
      rows: 1 + row.subrows.length,
      first: firstLine(fromTasks ? (tasks[0]?.text ?? "") : firstText),
      standard: row.key !== "custom",
      fromData: row.from_data === true,
      tasks: fromTasks ? tasks.length : 0,
    };
  });
}

/** What a section holds, in words: «4 абзаца, список, таблица». */
export function sectionContents(body: readonly SectionBlock[]): string {
  const count = (type: SectionBlock["type"]): number => body.filter((b) => b.type === type).length;
  const parts: string[] = [];
  const add = (n: number, one: string, few: string, many: string): void => {
    if (n > 0) parts.push(plural(n, one, few, many));
  };
  add(count("paragraph"), "абзац", "абзаца", "абзацев");
  add(count("numbered") + count("bulleted"), "список", "списка", "списков");
  add(count("table"), "таблица", "таблицы", "таблиц");
  add(count("risks"), "таблица рисков", "таблицы рисков", "таблиц рисков");
  add(count("swot"), "SWOT-анализ", "SWOT-анализа", "SWOT-анализов");
  if (count("indicators") > 0) parts.push("место таблицы показателей");
  if (count("roadmap") > 0) parts.push("место дорожной карты");
  return parts.length === 0 ? "пустой" : parts.join(", ");
}

/** A section heading as the document will show it, and what it holds. */
export interface SectionLine {
  /** «Раздел 2.», «III.», «» for an unnumbered one: as print numbers it. */
  number: string;
  title: string;
  contents: string;
}

export function sectionLines(programme: Programme): { passport: string; sections: SectionLine[] } {
  const numbers = headingNumbers(programme.layout, programme.sections);
  return {
    passport: numbers.passport,
    sections: programme.sections.map((section, i) => ({
      number: numbers.sections[i] ?? "",
      // A title may start with a line break (the number on a line of its own).
      title: section.title.split("\n").map((s) => s.trim()).filter((s) => s !== "").join(" "),
      contents: sectionContents(section.body),
    })),
  };
}

/** An indicator in one line: name, unit, base, the years it has values for. */
export function indicatorLine(indicator: Indicator): string {
  const parts = [firstLine(indicator.name)];
  if (indicator.unit.trim() !== "") parts.push(indicator.unit.trim());
  if (indicator.base_value !== null) {
    parts.push(`база ${indicator.base_value}${indicator.base_year === null ? "" : ` (${indicator.base_year})`}`);
  }
  const years = indicator.values.map((v) => v.year);
  if (years.length > 0) {
    const first = years[0];
    const last = years[years.length - 1];
    parts.push(first === last ? `значения на ${first} г.` : `значения на ${first}–${last} гг.`);
  }
  return parts.join(" · ");
}

/** A roadmap block as the review lists it: its number and title, how many
 * items, and the first few with the numbers print gives them. */
export interface BlockLine {
  number: string;
  title: string;
  count: number;
  first: { number: string; activity: string }[];
  more: string;
}

export function roadmapLines(programme: Programme): BlockLine[] {
  const layout = programme.layout.roadmap;
  const labels = itemLabels(layout, programme.roadmap.blocks);
  const flat = layout.shape === "flat";
  return programme.roadmap.blocks.map((block: Block, bi): BlockLine => ({
    number: blockLabel(layout, bi),
    title: flat ? "" : firstLine(block.title),
    count: block.items.length,
    first: block.items.slice(0, FIRST_ITEMS).map((item) => ({
      number: labels.get(item.uid) ?? "",
      activity: firstLine(item.activity),
    })),
    more: andMore(block.items.length, Math.min(FIRST_ITEMS, block.items.length), "мероприятие", "мероприятия", "мероприятий"),
  }));
}

/** A note of the import with its place in the document («таблица 2, строка 7»). */
export interface Placed {
  place: string;
  text: string;
}

/** Everything the review screen shows. */
export interface ReviewView {
  /** The file's name, as she chose it. */
  file: string;
  programme: Programme;
  /** What the document had of its own (the import fills in what it lacks). */
  found: { act: boolean; mark: boolean; title: boolean };
  /** Items whose deadline the core could not read into dates: where, and the deadline as written. */
  deadlines: Placed[];
  /** What the import could not place and kept in «Не распознано при импорте». */
  unplaced: Placed[];
  warnings: Placed[];
  /** What would stop the programme being stored; import is offered only without any. */
  problems: Placed[];
  /** Pictures and drawings, which are not imported. */
  pictures: number;
}

/** The title of the section the import keeps what it could not place in
 * (crates/docx-read, `UNPLACED_SECTION`). */
export const UNPLACED_SECTION = "Не распознано при импорте";

/** The file's name without its folders (either separator: the path may be Windows'). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter((s) => s !== "").pop() ?? path;
}

/** The review screen's view of the API's review. */
export function reviewView(review: ImportReview): ReviewView {
  const warnings = review.warnings.map((w) => ({ place: w.place, text: w.message }));
  return {
    file: fileName(review.path),
    programme: review.programme,
    found: { act: review.summary.act, mark: review.summary.mark, title: review.summary.title },
    deadlines: review.summary.deadlines_not_understood.map((d) => ({
      place: d.item.trim() === "" ? d.place : `${d.item}${d.place.trim() === "" ? "" : ` (${d.place})`}`,
      text: d.deadline,
    })),
    unplaced: warnings.filter((w) => w.text.includes(UNPLACED_SECTION)),
    warnings,
    problems: review.problems.map((p) => ({ place: p.path, text: p.message })),
    pictures: review.summary.pictures,
  };
}

/** The counts at the head of the review, each with the key the e2e tests read. */
export interface Count {
  key: string;
  label: string;
  value: string;
}

export function counts(view: ReviewView): Count[] {
  const programme = view.programme;
  const items = programme.roadmap.blocks.reduce((n, b) => n + b.items.length, 0);
  const filled = passportLines(programme.passport, programme.tasks).filter((r) => r.filled || r.fromData).length;
  const flat = programme.layout.roadmap.shape === "flat";
  const roadmap =
    items === 0
      ? "не найдена"
      : flat
        ? `${plural(items, "мероприятие", "мероприятия", "мероприятий")}, без блоков`
        : `${plural(programme.roadmap.blocks.length, "блок", "блока", "блоков")}, ${plural(items, "мероприятие", "мероприятия", "мероприятий")}`;
  const all: Count[] = [
    { key: "act", label: "Акт", value: !view.found.act || programme.act === null ? "не найден" : actKindName(programme.act.kind).toLowerCase() },
    { key: "mark", label: "Гриф", value: view.found.mark && programme.appendix.style !== "none" ? "есть" : "не найден" },
    {
      key: "passport",
      label: "Паспорт",
      value: programme.passport.length === 0 ? "не найден" : `${plural(programme.passport.length, "строка", "строки", "строк")}, заполнено ${filled}`,
    },
    { key: "sections", label: "Разделы", value: programme.sections.length === 0 ? "нет" : String(programme.sections.length) },
    { key: "indicators", label: "Показатели", value: programme.indicators.length === 0 ? "нет" : String(programme.indicators.length) },
    { key: "roadmap", label: "Дорожная карта", value: roadmap },
    { key: "deadlines", label: "Сроки не распознаны", value: String(view.deadlines.length) },
    { key: "unplaced", label: "Не размещено", value: String(view.unplaced.length) },
    { key: "warnings", label: "Предупреждения", value: String(view.warnings.length) },
  ];
  if (view.pictures > 0) all.push({ key: "pictures", label: "Рисунки (не импортируются)", value: String(view.pictures) });
  return all;
}
