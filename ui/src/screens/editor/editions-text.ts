// The words of the «Редакции» tab (issue #17, docs/design.md §4a): how an
// edition and its act are named, the approval form's checks, and the
// comparison (the API's ProgrammeDiff) turned into groups of entries with
// their changed words. No DOM: unit-tested in ui/tests/editions.test.mjs.

import type {
  ActKind,
  ChangeKind,
  EditionAct,
  EditionRef,
  EditionSummary,
  EditionsView,
  Field,
  FieldChange,
  Item,
  ProgrammeDiff,
  Segment,
  TextChange,
} from "../../api.js";
import { checkDate, formatDate, formatMonth } from "../../format.js";

const NOMINATIVE: Record<ActKind, string> = { decree: "постановление", order: "приказ", directive: "распоряжение" };
const INSTRUMENTAL: Record<ActKind, string> = { decree: "постановлением", order: "приказом", directive: "распоряжением" };

/** «постановление от 01.09.2024 № 123». */
export function actName(act: EditionAct): string {
  return `${NOMINATIVE[act.kind]} от ${formatDate(act.date)} № ${act.number}`;
}

/** «постановлением от 01.09.2024 № 123». */
export function actInstrumental(act: EditionAct): string {
  return `${INSTRUMENTAL[act.kind]} от ${formatDate(act.date)} № ${act.number}`;
}

/** «Редакция № 2». */
export function editionTitle(seq: number): string {
  return `Редакция № ${seq}`;
}

/** What made the edition: the approval for the first, an amendment for the others. */
export function editionOrigin(e: EditionSummary): string {
  return e.seq === 1 ? `утверждена ${actInstrumental(e.act)}` : `изменения внесены ${actInstrumental(e.act)}`;
}

/** «действующая», «прежняя». */
export function editionState(e: EditionSummary): string {
  return e.in_force ? "действующая" : "прежняя";
}

/** The draft's line above the editions, or null when it is the edition in force unchanged. */
export function draftLine(view: EditionsView): string | null {
  const last = view.editions.at(-1);
  if (last === undefined) return "Программа ещё не утверждена.";
  if (!view.draft_changed) return null;
  return `Изменения после редакции № ${last.seq} (${actName(last.act)}), ещё не утверждены.`;
}

/** The label of one side of a comparison in its <select>. */
export function refLabel(ref: EditionRef, editions: readonly EditionSummary[]): string {
  if (ref.kind === "draft") return "Проект (текущий текст)";
  const e = editions.find((x) => x.seq === ref.seq);
  return e === undefined ? editionTitle(ref.seq) : `${editionTitle(e.seq)} — ${actName(e.act)}${e.in_force ? ", действующая" : ""}`;
}

/** "edition:2" / "draft", the value of an <option>, and back. */
export function refValue(ref: EditionRef): string {
  return ref.kind === "draft" ? "draft" : `edition:${ref.seq}`;
}

export function parseRef(value: string): EditionRef | null {
  if (value === "draft") return { kind: "draft" };
  const m = /^edition:(\d+)$/.exec(value);
  return m === null ? null : { kind: "edition", seq: Number(m[1]) };
}

/** By default the edition in force against the draft. */
export function defaultSides(editions: readonly EditionSummary[]): { from: EditionRef; to: EditionRef } | null {
  const last = editions.at(-1);
  return last === undefined ? null : { from: { kind: "edition", seq: last.seq }, to: { kind: "draft" } };
}

// ---- The approval form ----

export type ApprovalCheck =
  | { ok: true; date: string; number: string }
  | { ok: false; date: string | null; number: string | null };

/**
 * The act's date (in full, as it prints) and number as typed: both or the
 * reason beside each field. The core refuses a date still to come or
 * before the edition in force; that refusal is shown beside the form.
 */
export function checkApproval(dateText: string, numberText: string): ApprovalCheck {
  const checked = checkDate(dateText, { shortYear: false });
  const number = numberText.trim();
  const dateProblem =
    checked.kind === "wrong" ? `«${dateText.trim()}»: ${checked.problem}` : checked.kind === "empty" ? "укажите дату акта, например 28.08.2024" : null;
  const numberProblem = number === "" ? "укажите номер, под которым акт подписан" : null;
  if (checked.kind === "date" && numberProblem === null) return { ok: true, date: checked.iso, number };
  return { ok: false, date: dateProblem, number: numberProblem };
}

// ---- The comparison ----

/** A field's name as the comparison shows it (crates/core diff.rs Field::name). */
export function fieldName(field: Field): string {
  switch (field.kind) {
    case "label":
      return "Наименование позиции";
    case "content":
      return "Содержание";
    case "title":
      return "Наименование";
    case "activity":
      return "Мероприятие";
    case "deadline":
      return "Срок";
    case "responsible":
      return "Ответственные";
    case "expected_result":
      return "Ожидаемый результат";
    case "planned_value":
      return "Плановое значение";
    case "per_year":
      return `${field.year} г.`;
    case "name":
      return "Наименование";
    case "unit":
      return "Единица измерения";
    case "direction":
      return "Направление";
    case "base":
      return "Базовое значение";
    case "plan":
      return `План на ${field.year} г.`;
    case "task":
      return "Задача";
  }
}

/** One changed text: its name and its marked words. */
export interface ChangedText {
  name: string;
  segments: Segment[];
}

/** One element of the comparison. */
export interface DiffEntry {
  kind: ChangeKind;
  /** «Позиция паспорта «Цель программы»», «Пункт 2.3 «…»». */
  what: string;
  /** «добавлено», «исключено», «изменено», «перемещено» as said beside it. */
  badge: string;
  /** «перемещён, теперь 3.2», «перенесён в блок 2 «…»». */
  notes: string[];
  fields: ChangedText[];
  /** The added element's own texts (an added item's activity, deadline …). */
  contents: { name: string; text: string }[];
}

export interface DiffGroup {
  key: string;
  heading: string;
  entries: DiffEntry[];
}

function clip(text: string, max = 80): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

function quoted(text: string): string {
  const t = clip(text);
  return t === "" ? "(без названия)" : `«${t}»`;
}

function badgeOf(kind: ChangeKind, moved: boolean, fields: number): string {
  if (kind === "added") return "добавлено";
  if (kind === "removed") return "исключено";
  return moved && fields === 0 ? "перемещено" : "изменено";
}

function changed(fields: readonly FieldChange[]): ChangedText[] {
  return fields.map((f) => ({ name: fieldName(f.field), segments: f.text.segments }));
}

/** A whole text as one segment: what an added or removed element says. */
function whole(text: string, mark: "added" | "removed"): Segment[] {
  return text.trim() === "" ? [] : [{ mark, text: text.trim() }];
}

function withNumber(word: string, number: string | undefined, name: string): string {
  const n = (number ?? "").trim().replace(/\.$/, "");
  return n === "" ? `${word} ${name}` : `${word} ${n} ${name}`;
}

function itemContents(item: Item | null): { name: string; text: string }[] {
  if (item === null) return [];
  const out: { name: string; text: string }[] = [];
  const add = (name: string, text: string): void => {
    if (text.trim() !== "") out.push({ name, text: text.trim() });
  };
  add("Мероприятие", item.activity);
  add("Срок", item.deadline);
  add("Ответственные", item.responsible);
  add("Ожидаемый результат", item.expected_result);
  add("Плановое значение", item.planned_value);
  for (const y of item.per_year) add(`${y.year} г.`, y.text);
  return out;
}

/** The comparison in groups, in the order the programme prints its parts. */
export function diffGroups(diff: ProgrammeDiff): DiffGroup[] {
  const groups: DiffGroup[] = [];
  const head: DiffEntry[] = [];
  if (diff.title !== null) {
    head.push({ kind: "modified", what: "Наименование программы", badge: "изменено", notes: [], fields: [{ name: "Наименование", segments: diff.title.segments }], contents: [] });
  }
  if (diff.period !== null) {
    const p = diff.period;
    head.push({
      kind: "modified",
      what: "Период реализации",
      badge: "изменено",
      notes: [`${formatMonth(p.old.start)} — ${formatMonth(p.old.end)} → ${formatMonth(p.new.start)} — ${formatMonth(p.new.end)}`],
      fields: [],
      contents: [],
    });
  }
  if (head.length > 0) groups.push({ key: "title", heading: "Наименование и период", entries: head });

  const passport = diff.passport.map((r): DiffEntry => {
    const notes = r.kind === "modified" && r.moved ? [`перемещена, теперь позиция ${r.new?.number ?? ""}`.trim()] : [];
    const fields = r.kind === "removed" ? [] : changed(r.fields);
    return { kind: r.kind, what: `Позиция паспорта ${quoted(r.label)}`, badge: badgeOf(r.kind, r.moved, r.fields.length), notes, fields, contents: [] };
  });
  if (passport.length > 0) groups.push({ key: "passport", heading: "Паспорт", entries: passport });

  const tasks = diff.tasks.map((t): DiffEntry => {
    const number = t.kind === "added" ? t.new?.number : t.old?.number;
    const notes = t.kind === "modified" && t.moved ? [`перемещена, теперь задача ${t.new?.number ?? ""}`.trim()] : [];
    const fields = t.kind === "modified" ? changed(t.fields) : [{ name: "Текст", segments: whole(t.text, t.kind === "added" ? "added" : "removed") }];
    return { kind: t.kind, what: withNumber("Задача", number, quoted(t.text)), badge: badgeOf(t.kind, t.moved, t.fields.length), notes, fields, contents: [] };
  });
  if (tasks.length > 0) groups.push({ key: "tasks", heading: "Задачи", entries: tasks });

  const sections = diff.sections.map((s): DiffEntry => {
    const number = s.kind === "added" ? s.new?.number : s.old?.number;
    const notes = s.kind === "modified" && s.moved ? [`перемещён, теперь ${(s.new?.number ?? "").replace(/\.$/, "")}`] : [];
    const fields = changed(s.fields);
    for (const b of s.body) {
      const at = (b.kind === "added" ? b.new_index : b.old_index) ?? 0;
      const verb = b.kind === "added" ? "добавлен" : b.kind === "removed" ? "исключён" : "изменён";
      fields.push({ name: `Блок ${at + 1} (${b.what}), ${verb}`, segments: b.text.segments });
    }
    return { kind: s.kind, what: withNumber("Раздел", number, quoted(s.title)), badge: badgeOf(s.kind, s.moved, fields.length), notes, fields, contents: [] };
  });
  if (sections.length > 0) groups.push({ key: "sections", heading: "Разделы", entries: sections });

  const indicators = diff.indicators.map((i): DiffEntry => {
    const number = i.kind === "added" ? i.new?.number : i.old?.number;
    const notes = i.kind === "modified" && i.moved ? [`перемещён, теперь показатель ${i.new?.number ?? ""}`.trim()] : [];
    const contents: { name: string; text: string }[] = [];
    if (i.kind === "added" && i.indicator !== null) {
      if (i.indicator.unit.trim() !== "") contents.push({ name: "Единица измерения", text: i.indicator.unit });
      for (const v of i.indicator.values) if (v.plan !== null) contents.push({ name: `План на ${v.year} г.`, text: String(v.plan).replace(".", ",") });
    }
    return { kind: i.kind, what: withNumber("Показатель", number, quoted(i.name)), badge: badgeOf(i.kind, i.moved, i.fields.length), notes, fields: changed(i.fields), contents };
  });
  if (indicators.length > 0) groups.push({ key: "indicators", heading: "Показатели", entries: indicators });

  const roadmap: DiffEntry[] = [];
  if (diff.year_columns !== null) {
    const years = (v: number[]): string => (v.length === 0 ? "нет" : v.join(", "));
    roadmap.push({ kind: "modified", what: "Столбцы плана по годам", badge: "изменено", notes: [`${years(diff.year_columns.old)} → ${years(diff.year_columns.new)}`], fields: [], contents: [] });
  }
  for (const b of diff.blocks) {
    const number = b.kind === "added" ? b.new?.number : b.old?.number;
    const notes = b.kind === "modified" && b.moved ? [`перемещён, теперь блок ${b.new?.number ?? ""}`.trim()] : [];
    roadmap.push({ kind: b.kind, what: withNumber("Блок плана", number, quoted(b.title)), badge: badgeOf(b.kind, b.moved, b.fields.length), notes, fields: changed(b.fields), contents: [] });
  }
  for (const it of diff.items) {
    const place = it.kind === "added" ? it.new : it.old;
    const notes: string[] = [];
    if (it.kind === "modified" && it.moved && it.old !== null && it.new !== null) {
      const to = it.old.block_uid !== it.new.block_uid ? `перенесён в блок ${it.new.block_number} ${quoted(it.new.block_title)}`.replace("блок  ", "блок ") : "перемещён";
      const n = it.new.number.replace(/\.$/, "");
      notes.push(n === "" ? to : `${to}, теперь ${n}`);
    }
    if (it.kind === "added" && it.new !== null && it.new.block_title.trim() !== "") {
      notes.push(`в блоке ${it.new.block_number} ${quoted(it.new.block_title)}`.replace("блоке  ", "блоке "));
    }
    roadmap.push({
      kind: it.kind,
      what: withNumber(place?.number.trim() === "" ? "Мероприятие" : "Пункт", place?.number, quoted(it.activity)),
      badge: badgeOf(it.kind, it.moved, it.fields.length),
      notes,
      fields: changed(it.fields),
      contents: it.kind === "added" ? itemContents(it.item) : [],
    });
  }
  if (roadmap.length > 0) groups.push({ key: "roadmap", heading: "План мероприятий", entries: roadmap });

  if (diff.layout_changed) {
    groups.push({
      key: "layout",
      heading: "Оформление",
      entries: [{ kind: "modified", what: "Оформление документа (заголовки, нумерация, столбцы)", badge: "изменено", notes: [], fields: [], contents: [] }],
    });
  }
  return groups;
}

/** How many elements changed, for the line above the comparison. */
export function diffCount(groups: readonly DiffGroup[]): number {
  return groups.reduce((n, g) => n + g.entries.length, 0);
}

/** The words a segment shows, with what a reader without colour needs: «[+ …]», «[− …]». */
export function segmentReading(segment: Segment): string {
  const t = segment.text.trim();
  if (segment.mark === "added") return `[добавлено: ${t}]`;
  if (segment.mark === "removed") return `[удалено: ${t}]`;
  return t;
}

/** A changed text read aloud or as plain text: same words as they are, the others named. */
export function changeReading(text: TextChange | ChangedText): string {
  return text.segments.map(segmentReading).filter((s) => s !== "").join(" ");
}
