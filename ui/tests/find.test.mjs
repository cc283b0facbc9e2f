// Unit tests of ui/src/screens/editor/find-places.ts: where a hit of find
// is on screen — its tab, its field and the selection of the match in the
// field's value (see format.test.mjs for how to run them).

import assert from "node:assert/strict";
import { test } from "node:test";

import { fieldTarget, fold, unitsOf } from "../dist/screens/editor/find-places.js";

const programme = {
  uid: "p",
  title: "Программа «Ёлка»",
  status: "draft",
  period: { start: "2026-01", end: "2028-12" },
  act: {
    kind: "decree",
    issuer: ["АДМИНИСТРАЦИЯ", "ЗАРЕЧНОГО РАЙОНА"],
    date: null,
    number: null,
    place: "г. Заречный",
    title: "Об утверждении",
    preamble: "",
    formula: "ПОСТАНОВЛЯЕТ:",
    points: ["Первый", "Утвердить [наименование]"],
    signatory_position: "Глава",
    signatory_name: "[И. О. Фамилия]",
    executor: null,
  },
  appendix: { style: "appendix", number: "1", issuer_genitive: "администрации" },
  passport: [
    { uid: "r1", key: "name", label: "Наименование", content: [{ type: "paragraph", text: "Текст" }] },
    { uid: "r2", key: "goal", label: "Цель", content: [{ type: "bulleted", items: ["один", "два 😀 школа"] }] },
  ],
  tasks: [{ uid: "t1", text: "Задача" }],
  sections: [
    {
      uid: "s1",
      title: "Раздел",
      body: [
        { type: "paragraph", text: "Абзац" },
        { type: "swot", strengths: ["сила", "ещё сила"], weaknesses: [], opportunities: [], threats: [] },
        { type: "risks", by_stage: false, rows: [{ stage: "", risk: "Риск", mitigation: "Меры" }] },
      ],
    },
  ],
  indicators: [{ uid: "i1", name: "Доля", unit: "%", direction: "increase", base_value: null, base_year: null, task: null, values: [] }],
  roadmap: {
    year_columns: [2026],
    blocks: [
      {
        uid: "b1",
        title: "Блок",
        items: [
          {
            uid: "it1",
            activity: "Семинар",
            deadline: "сентябрь",
            manual_schedule: null,
            responsible: "ИМЦ",
            expected_result: "",
            planned_value: "",
            per_year: [{ year: 2026, text: "да" }],
            tracking: [],
          },
        ],
      },
    ],
  },
};

const hit = (place, start, end) => ({ place, location: "", start, end, before: "", matched: "", after: "" });

test("each place is a field of its tab, the match selected in its value", () => {
  assert.deepEqual(fieldTarget(programme, hit({ part: "title" }, 11, 15)), {
    tab: null,
    css: '[data-testid="editor-title"]',
    near: null,
    start: 11,
    end: 15,
    placeholder: null,
  });
  const point = fieldTarget(programme, hit({ part: "act", field: { name: "point", index: 1 } }, 10, 24));
  assert.equal(point.tab, "act");
  assert.equal(point.css, '[data-testid="act-point-2"]');
  // The heading is one textarea, a line per line: line 2 starts after «АДМИНИСТРАЦИЯ\n».
  const issuer = fieldTarget(programme, hit({ part: "act", field: { name: "issuer", line: 1 } }, 0, 9));
  assert.deepEqual([issuer.css, issuer.start, issuer.end], ['[data-testid="act-issuer"]', 14, 23]);
  assert.equal(fieldTarget(programme, hit({ part: "appendix", field: "issuer_genitive" }, 0, 1)).css, '[data-testid="mark-issuer"]');
  assert.equal(fieldTarget(programme, hit({ part: "passport_label", row: "r2" }, 0, 1)).css, '[data-testid="passport-label-2"]');
  assert.equal(fieldTarget(programme, hit({ part: "task", task: "t1" }, 0, 1)).css, '[data-testid="task-1"]');
  assert.equal(fieldTarget(programme, hit({ part: "indicator", indicator: "i1", field: "unit" }, 0, 1)).css, '[data-testid="indicator-unit-1"]');
  assert.equal(fieldTarget(programme, hit({ part: "section_title", section: "s1" }, 0, 1)).css, '[data-testid="section-title-1"]');
  const risk = fieldTarget(programme, hit({ part: "section_text", section: "s1", block: 2, cell: { kind: "risk", row: 0, column: "mitigation" } }, 0, 4));
  assert.deepEqual([risk.tab, risk.css, risk.near], ["sections", '[data-testid="section-1-block-3-mitigation-1"]', '[data-testid="section-1-block-3"]']);
  const swot = fieldTarget(programme, hit({ part: "section_text", section: "s1", block: 1, cell: { kind: "swot", quarter: "strengths", line: 1 } }, 4, 8));
  assert.deepEqual([swot.css, swot.start, swot.end], ['[data-testid="section-1-block-2-strengths"]', 9, 13]);
  const item = fieldTarget(programme, hit({ part: "item", item: "it1", field: { name: "deadline" } }, 0, 8));
  assert.equal(item.tab, "roadmap");
  assert.equal(item.css, '[data-testid="item-row"][data-uid="it1"] [data-testid="item-deadline"]');
  const year = fieldTarget(programme, hit({ part: "item", item: "it1", field: { name: "year", year: 2026 } }, 0, 2));
  assert.equal(year.css, '[data-testid="item-row"][data-uid="it1"] [data-testid="item-year-2026"]');
  const block = fieldTarget(programme, hit({ part: "block_title", block: "b1" }, 0, 4));
  assert.equal(block.css, '[data-testid="block-row"][data-uid="b1"] [data-testid="block-title"]');
});

test("a list item's match counts the lines before it, and characters outside the BMP as two units", () => {
  // «один\n» is 5 units; in «два 😀 школа» the emoji is one character, two units.
  const target = fieldTarget(programme, hit({ part: "passport_text", row: "r2", block: 0, line: 1 }, 6, 11));
  assert.deepEqual(
    [target.tab, target.css, target.near, target.start, target.end],
    ["passport", '[data-testid="passport-2-block-1-text"]', '[data-testid="passport-row-2"]', 12, 17],
  );
  const value = "один\nдва 😀 школа";
  assert.equal(value.slice(target.start, target.end), "школа");
  assert.equal(unitsOf("😀a", 1), 2);
});

test("a place whose element is gone gives nothing to go to", () => {
  assert.equal(fieldTarget(programme, hit({ part: "task", task: "gone" }, 0, 1)), null);
  assert.equal(fieldTarget({ ...programme, act: null }, hit({ part: "act", field: { name: "title" } }, 0, 1)), null);
});

test("ё and е, and upper and lower case, compare equal", () => {
  assert.equal(fold("ЁЛКА"), fold("елка"));
  assert.notEqual(fold("ёлка"), fold("олка"));
});

test("the layout's texts and the typed participle are fields of the «Оформление» cards and the act", () => {
  const shaped = {
    ...programme,
    appendix: { ...programme.appendix, participle: "УТВЕРЖДЁН" },
    layout: {
      title_shown: true,
      passport_heading: "Паспорт",
      passport_numbered: false,
      indicators_heading: "Показатели",
      sections: { style: "roman", start: 1 },
      roadmap: {
        shape: "blocks",
        blocks: "dot",
        items: "nested",
        start: 1,
        heading: "План",
        columns: [{ kind: "deadline", header: "Сроки исполнения", width: null }],
        years_heading: "По годам",
      },
    },
  };
  const at = (field) => fieldTarget(shaped, hit({ part: "layout", field }, 0, 2));
  assert.deepEqual(
    [at({ name: "passport_heading" }).tab, at({ name: "passport_heading" }).css, at({ name: "passport_heading" }).near],
    ["sections", '[data-testid="shape-passport-heading"]', '[data-testid="shape-sections"]'],
  );
  assert.equal(at({ name: "indicators_heading" }).css, '[data-testid="shape-indicators-heading"]');
  assert.deepEqual([at({ name: "roadmap_heading" }).tab, at({ name: "roadmap_heading" }).css], ["roadmap", '[data-testid="shape-roadmap-heading"]']);
  assert.equal(at({ name: "years_heading" }).css, '[data-testid="shape-years-heading"]');
  const column = fieldTarget(shaped, hit({ part: "layout", field: { name: "column_header", column: "deadline" } }, 6, 16));
  assert.deepEqual([column.css, column.start, column.end], ['[data-testid="shape-column-deadline-header"]', 6, 16]);
  // A column the layout does not list has no header of hers to go to.
  assert.equal(at({ name: "column_header", column: "activity" }), null);
  assert.deepEqual(
    [fieldTarget(shaped, hit({ part: "appendix", field: "participle" }, 0, 3)).tab, fieldTarget(shaped, hit({ part: "appendix", field: "participle" }, 0, 3)).css],
    ["act", '[data-testid="mark-participle"]'],
  );
});

test("a default column header that prints is the empty header field, its default shown as the placeholder", () => {
  // The programme has no columns of its own: the default set prints, without
  // «Плановое значение» while no item has a planned value.
  const shaped = {
    ...programme,
    layout: {
      title_shown: true,
      passport_heading: "Паспорт программы",
      passport_numbered: false,
      indicators_heading: "Целевые показатели программы",
      sections: { style: "roman", start: 1 },
      roadmap: { shape: "blocks", blocks: "dot", items: "nested", start: 1, heading: "", columns: [], years_heading: "По годам реализации" },
    },
  };
  const at = (column, p = shaped) => fieldTarget(p, hit({ part: "layout", field: { name: "column_header", column } }, 0, 13));
  const responsible = at("responsible");
  assert.deepEqual(
    [responsible.tab, responsible.css, responsible.near, responsible.start, responsible.end, responsible.placeholder],
    ["roadmap", '[data-testid="shape-column-responsible-header"]', '[data-testid="shape-roadmap"]', 0, 0, "Ответственные"],
  );
  assert.equal(at("number").placeholder, "№ п/п");
  assert.equal(at("planned_value"), null);
  const planned = structuredClone(shaped);
  planned.roadmap.blocks[0].items[0].planned_value = "10 школ";
  assert.equal(at("planned_value", planned).placeholder, "Плановое значение");
  // A header she typed is the field's value, selected as any text.
  const typed = structuredClone(shaped);
  typed.layout.roadmap.columns = [{ kind: "responsible", header: "Ответственные исполнители", width: null }];
  const own = at("responsible", typed);
  assert.deepEqual([own.start, own.end, own.placeholder], [0, 13, null]);
  // A header of spaces prints the default too.
  typed.layout.roadmap.columns[0].header = "  ";
  assert.equal(at("responsible", typed).placeholder, "Ответственные");
});
