// Unit tests of ui/src/review.ts: what the review of a Word import shows of
// the recognised programme (issue #16) — the act's fields, the mark, the
// passport rows, the sections with their printed numbers, the indicators,
// the blocks and items. The programmes are the shape fixtures
// (tests/fixtures/shapes: own words, the shapes of three real programmes).
// Run with `cd ui && npm run build && npm test`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  actFacts,
  andMore,
  counts,
  fileName,
  firstLine,
  indicatorLine,
  markLine,
  passportLines,
  reviewView,
  roadmapLines,
  sectionContents,
  sectionLines,
} from "../dist/review.js";
import { returns } from "./cases.mjs";

const shape = (name) =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/shapes/${name}.metodist.json`, import.meta.url), "utf8")).programme;

test("a first line is the text up to its first break (leading breaks skipped), cut with «…»", () => {
  returns(firstLine, [
    ["  Об утверждении\nпрограммы", "Об утверждении"],
    ["", ""],
    ["\n\nвторая\nтретья", "вторая"],
    ["абвгд", 5, "абвгд"],
    ["абвгде", 5, "абвг…"],
    ["аб вгде", 4, "аб…"],
  ]);
});

test("«и ещё N» names what the review leaves out, in the right plural", () => {
  returns(andMore, [
    [46, 3, "мероприятие", "мероприятия", "мероприятий", "и ещё 43 мероприятия"],
    [4, 3, "мероприятие", "мероприятия", "мероприятий", "и ещё 1 мероприятие"],
    [8, 3, "мероприятие", "мероприятия", "мероприятий", "и ещё 5 мероприятий"],
    [3, 3, "мероприятие", "мероприятия", "мероприятий", ""],
    [0, 0, "мероприятие", "мероприятия", "мероприятий", ""],
  ]);
});

test("an institution's order: kind, date as written, number, title with its breaks; what is missing says so", () => {
  const facts = actFacts(shape("institution-order").act);
  const byLabel = Object.fromEntries(facts.map((f) => [f.label, f]));
  assert.deepEqual(byLabel["Вид"], { label: "Вид", value: "Приказ", missing: false });
  assert.equal(byLabel["Дата"].value, "03.12.2021г.");
  assert.equal(byLabel["Номер"].value, "45-01");
  assert.equal(byLabel["Название"].value, "Об утверждении муниципальной программы\n«Качество образования в школах Заозёрного района»\nна 2022 – 2024 годы");
  assert.equal(byLabel["Формула"].value, "п р и к а з ы в а ю:");
  assert.equal(byLabel["Пункты"].value, "3 пункта");
  assert.equal(byLabel["Подпись"].value, "Начальник управления — Л. К. Зимина");
  assert.deepEqual(byLabel["Исполнитель"], { label: "Исполнитель", value: "не найден", missing: true });
});

test("an act without date and number shows both as not found", () => {
  const byLabel = Object.fromEntries(actFacts(shape("flat-plan").act).map((f) => [f.label, f]));
  assert.deepEqual(byLabel["Дата"], { label: "Дата", value: "не найдена", missing: true });
  assert.deepEqual(byLabel["Номер"], { label: "Номер", value: "не найден", missing: true });
  assert.equal(byLabel["Вид"].value, "Приказ");
});

test("the mark as it prints: number, participle and the act that approves; none says null", () => {
  assert.equal(markLine(shape("institution-order")), null);
  assert.equal(markLine(shape("district-decree")), "Приложение к постановлению администрации Северного района");
  assert.equal(
    markLine(shape("flat-plan")),
    "Приложение № 1 к приказу управления образования администрации Озёрного городского округа · УТВЕРЖДЕНО приказом управления образования администрации Озёрного городского округа",
  );
  const p = shape("flat-plan");
  p.appendix.style = "appendix";
  assert.equal(markLine(p), "Приложение № 1 к приказу управления образования администрации Озёрного городского округа");
  p.appendix.style = "both";
  p.appendix.participle = "";
  p.appendix.approves = "feminine";
  assert.equal(
    markLine(p),
    "Приложение № 1 к приказу управления образования администрации Озёрного городского округа · УТВЕРЖДЕНА приказом управления образования администрации Озёрного городского округа",
  );
  p.appendix.style = "approved";
  p.act = null;
  assert.equal(markLine(p), "УТВЕРЖДЕНА");
});

test("passport rows: label, filled or not, sub-rows of a merged label, the first line, own rows marked", () => {
  const rows = passportLines(shape("institution-order").passport);
  assert.deepEqual(
    rows.map((r) => [r.label, r.filled, r.rows, r.first, r.standard]),
    [
      ["Наименование Программы", true, 1, "Муниципальная программа «Качество образования в школах Заозёрного района» на 2022 – 2024 годы", true],
      ["Основания для разработки Программы", true, 5, "Конституция Российской Федерации;", true],
      ["Цель Программы", true, 1, "Повышение качества образовательных результатов в школах, работающих в сложных условиях.", true],
      ["Срок реализации программы", true, 1, "2022 – 2024 гг.", true],
    ],
  );
  const own_rows = () => [
    { uid: "x", key: "custom", label: "Ключевая идея", content: [], subrows: [[{ type: "bulleted", items: ["", "первая мысль"] }]] },
    { uid: "y", key: "tasks", label: "Задачи", content: [{ type: "paragraph", text: "  " }], subrows: [] },
    { uid: "z", key: "name", label: "Наименование", content: [], subrows: [], from_data: true },
  ];
  const own = passportLines(own_rows());
  assert.deepEqual(
    own.map((r) => [r.label, r.filled, r.rows, r.first, r.standard, r.fromData, r.tasks]),
    [
      ["Ключевая идея", true, 2, "первая мысль", false, false, 0],
      ["Задачи", false, 1, "", true, false, 0],
      ["Наименование", false, 1, "", true, true, 0],
    ],
  );
  // An empty «Задачи» row prints the programme's tasks: filled by them.
  const withTasks = passportLines(own_rows(), [{ uid: "t1", text: "Обновить оборудование." }, { uid: "t2", text: "Поддержать учителей." }]);
  assert.deepEqual([withTasks[1].filled, withTasks[1].first, withTasks[1].tasks], [true, "Обновить оборудование.", 2]);
  assert.equal(withTasks[0].tasks, 0, "only the «Задачи» row");
});

test("sections keep the numbering found: «Раздел N.» after a numbered passport, a restart at «1.»", () => {
  const { passport, sections } = sectionLines(shape("institution-order"));
  assert.equal(passport, "Раздел 1.");
  assert.deepEqual(
    sections.map((s) => [s.number, s.title]),
    [
      ["Раздел 2.", "Проблемно-ориентированный анализ"],
      ["Раздел 3.", "Цели, задачи, ожидаемые результаты"],
      ["1.", "Направления работы"],
      ["2.", "Ресурсы"],
      ["Раздел 5.", "Комплекс мер, направленных на создание условий для получения качественного общего образования"],
    ],
  );
  const decree = sectionLines(shape("district-decree"));
  assert.equal(decree.passport, "");
  assert.deepEqual(decree.sections.map((s) => s.number), ["Раздел I.", "Раздел II.", "Раздел III.", "Раздел IV."]);
  assert.deepEqual(decree.sections.map((s) => s.contents), ["1 абзац", "место таблицы показателей", "1 таблица рисков", "место дорожной карты"]);
});

test("a section's contents in words", () => {
  returns(sectionContents, [
    [[], "пустой"],
    [
      [
        { type: "paragraph", text: "а" },
        { type: "paragraph", text: "б" },
        { type: "bulleted", items: ["в"] },
        { type: "table", columns: ["a"], rows: [] },
        { type: "table", columns: ["a"], rows: [] },
        { type: "swot", strengths: [], weaknesses: [], opportunities: [], threats: [] },
      ],
      "2 абзаца, 1 список, 2 таблицы, 1 SWOT-анализ",
    ],
  ]);
});

test("an indicator in one line: name, unit, base with its year, the years of its values", () => {
  const base = { uid: "i", name: "Доля школ\nс высокими результатами", unit: "%", direction: "increase", base_value: 12.5, base_year: 2021, task: null };
  returns(indicatorLine, [
    [{ ...base, values: [{ year: 2022, plan: 15, fact: null }, { year: 2024, plan: 20, fact: null }] }, "Доля школ · % · база 12.5 (2021) · значения на 2022–2024 гг."],
    [{ ...base, base_year: null, values: [{ year: 2022, plan: 15, fact: null }] }, "Доля школ · % · база 12.5 · значения на 2022 г."],
    [{ ...base, unit: "", base_value: null, values: [] }, "Доля школ"],
  ]);
});

test("blocks with their numbers and first items; a flat roadmap is one list numbered through", () => {
  const blocks = roadmapLines(shape("institution-order"));
  assert.deepEqual(
    blocks.map((b) => [b.number, b.title, b.count, b.first.map((i) => i.number), b.more]),
    [
      ["1.", "Нормативное обеспечение", 2, ["1.1.", "1.2."], ""],
      ["2.", "Организационное и методическое обеспечение", 3, ["2.1.", "2.2.", "2.3."], ""],
    ],
  );
  const flat = roadmapLines(shape("flat-plan"));
  assert.equal(flat.length, 1);
  assert.deepEqual([flat[0].number, flat[0].title, flat[0].count, flat[0].more], ["", "", 5, "и ещё 2 мероприятия"]);
  assert.deepEqual(flat[0].first.map((i) => i.number), ["1.", "2.", "3."]);
  assert.equal(flat[0].first[0].activity, "Создание муниципальной команды поддержки школ и разработка дорожной карты");
});

const view = (programme, over = {}) => ({
  file: "программа.docx",
  programme,
  found: { act: true, mark: true, title: true },
  deadlines: [],
  unplaced: [],
  warnings: [],
  problems: [],
  pictures: 0,
  ...over,
});

test("the counts at the head of the review", () => {
  const byKey = (v) => Object.fromEntries(counts(v).map((c) => [c.key, c.value]));
  const one = { place: "таблица 2, строка 7", text: "…" };
  assert.deepEqual(byKey(view(shape("district-decree"), { deadlines: [one, one], unplaced: [one], warnings: [one, one, one] })), {
    act: "постановление",
    mark: "есть",
    passport: "4 строки, заполнено 4",
    sections: "4",
    indicators: "3",
    roadmap: "2 блока, 6 мероприятий",
    deadlines: "2",
    unplaced: "1",
    warnings: "3",
  });
  const flat = byKey(view(shape("flat-plan"), { pictures: 2 }));
  assert.equal(flat.roadmap, "5 мероприятий, без блоков");
  // Its «Задачи» row is empty: it prints the programme's three tasks.
  assert.equal(flat.passport, "4 строки, заполнено 4");
  assert.equal(flat.pictures, "2");
  // What the document lacked is «не найден» even where the import filled in a default.
  const lacking = byKey(view(shape("district-decree"), { found: { act: false, mark: false, title: false } }));
  assert.equal(lacking.act, "не найден");
  assert.equal(lacking.mark, "не найден");
  const empty = shape("flat-plan");
  empty.act = null;
  empty.appendix.style = "none";
  empty.passport = [];
  empty.sections = [];
  empty.indicators = [];
  empty.roadmap.blocks = [];
  assert.deepEqual(byKey(view(empty)), {
    act: "не найден",
    mark: "не найден",
    passport: "не найден",
    sections: "нет",
    indicators: "нет",
    roadmap: "не найдена",
    deadlines: "0",
    unplaced: "0",
    warnings: "0",
  });
});

test("a file's name without its folders, on Linux and Windows", () => {
  returns(fileName, [
    ["/home/she/Документы/Программа 2024.docx", "Программа 2024.docx"],
    ["C:\\Users\\Она\\Программа.docx", "Программа.docx"],
    ["Программа.docx", "Программа.docx"],
  ]);
});

test("the API's review becomes the screen's: deadlines by item, unplaced parts among the warnings", () => {
  const programme = shape("district-decree");
  const v = reviewView({
    path: "/tmp/x/decree.docx",
    fingerprint: "1-2",
    programme,
    summary: {
      act: true,
      mark: false,
      title: true,
      deadlines_not_understood: [
        { item: "1.2.", deadline: "по мере необходимости", place: "таблица 3, строка 5" },
        { item: "", deadline: "когда-нибудь", place: "таблица 3, строка 9" },
      ],
      pictures: 1,
    },
    warnings: [
      { place: "таблица 3, строка 7", message: "столбец без заголовка: его текст перенесён в раздел «Не распознано при импорте»" },
      { place: "абзац 12", message: "пустая строка паспорта пропущена" },
    ],
    problems: [{ path: "period", message: "Период не задан." }],
  });
  assert.equal(v.file, "decree.docx");
  assert.equal(v.programme, programme);
  assert.deepEqual(v.found, { act: true, mark: false, title: true });
  assert.deepEqual(v.deadlines, [
    { place: "1.2. (таблица 3, строка 5)", text: "по мере необходимости" },
    { place: "таблица 3, строка 9", text: "когда-нибудь" },
  ]);
  assert.deepEqual(v.unplaced, [
    { place: "таблица 3, строка 7", text: "столбец без заголовка: его текст перенесён в раздел «Не распознано при импорте»" },
  ]);
  assert.equal(v.warnings.length, 2);
  assert.deepEqual(v.problems, [{ place: "period", text: "Период не задан." }]);
  assert.equal(v.pictures, 1);
});
