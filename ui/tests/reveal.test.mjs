// Unit tests of where «Перейти» goes from a readiness problem
// (screens/editor/reveal.ts): the core's paths (crates/core/src/readiness.rs)
// become the tab and the field's data-testid. See format.test.mjs for how to
// run them.

import assert from "node:assert/strict";
import { test } from "node:test";

import { placeOf } from "../dist/screens/editor/reveal.js";

const programme = {
  passport: [
    { uid: "r0", key: "name", label: "Наименование", content: [] },
    { uid: "r1", key: "tasks", label: "Задачи", content: [] },
  ],
  roadmap: {
    year_columns: [],
    blocks: [{ uid: "b0", title: "Блок", items: [{ uid: "i0" }, { uid: "i1" }] }],
  },
};

test("each path names its tab and field", () => {
  const cases = [
    ["title", { tab: "act", testIds: ["editor-title"] }],
    ["act.signatory_name", { tab: "act", testIds: ["act-signatory-name"] }],
    ["act.issuer[1]", { tab: "act", testIds: ["act-issuer"] }],
    ["act.points[2]", { tab: "act", testIds: ["act-point-3", "act-point-add"] }],
    ["appendix.issuer_genitive", { tab: "act", testIds: ["mark-issuer"] }],
    ["passport[0].label", { tab: "passport", testIds: ["passport-label-1"] }],
    ["passport", { tab: "passport", testIds: ["passport-add-row"] }],
    ["tasks[3]", { tab: "passport", testIds: ["task-4", "task-add"] }],
    ["sections[1].title", { tab: "sections", testIds: ["section-title-2"] }],
    ["sections[1].body[4]", { tab: "sections", testIds: ["section-2-block-5-text", "section-2-block-5", "section-title-2"] }],
    ["indicators[0].plan[2026]", { tab: "indicators", testIds: ["indicator-plan-1-2026", "indicator-name-1"] }],
    ["indicators[2].base_value", { tab: "indicators", testIds: ["indicator-base-3", "indicator-name-3"] }],
    ["indicators[2].name", { tab: "indicators", testIds: ["indicator-name-3"] }],
    ["roadmap", { tab: "roadmap", testIds: ["roadmap-add-block"] }],
    ["roadmap.blocks[0].title", { tab: "roadmap", uid: "b0", field: "title", testIds: [] }],
    ["roadmap.blocks[0].items[1].deadline", { tab: "roadmap", uid: "i1", field: "deadline", testIds: [] }],
    ["roadmap.blocks[0].items[0].responsible", { tab: "roadmap", uid: "i0", field: "responsible", testIds: [] }],
    ["roadmap.blocks[0].items[1].per_year[2027]", { tab: "roadmap", uid: "i1", field: 2027, testIds: [] }],
  ];
  for (const [path, expected] of cases) assert.deepEqual(placeOf(programme, path), expected, path);
});

test("a passport row's text, and for the tasks row the tasks", () => {
  assert.deepEqual(placeOf(programme, "passport[0].content[1]").testIds.slice(0, 2), ["passport-1-block-2-text", "passport-1-block-1-text"]);
  const tasks = placeOf(programme, "passport[1]").testIds;
  assert.ok(tasks.indexOf("task-add") < tasks.indexOf("passport-2-manual"), tasks.join());
});

test("a path the editor does not show goes nowhere", () => {
  assert.equal(placeOf(programme, ""), null);
  assert.equal(placeOf(programme, "uid"), null);
});
