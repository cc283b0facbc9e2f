// Unit tests of ui/src/shape.ts: the editor shows the numbers, participle,
// dates and columns the print will have (mirrors crates/core/src/model.rs;
// docs/design.md §2.7). Run with `cd ui && npm run build && npm test`.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  blockLabel,
  columnHeader,
  columnPercents,
  effectiveColumns,
  formatActDate,
  headingNumbers,
  itemLabels,
  itemRef,
  participle,
  sectionLabel,
  toggleColumn,
} from "../dist/shape.js";

const roadmap = (over = {}) => ({
  shape: "blocks",
  blocks: "dot",
  items: "nested",
  start: 1,
  heading: "",
  columns: [],
  years_heading: "",
  ...over,
});
const item = (uid) => ({ uid, activity: `Мероприятие ${uid}` });
const BLOCKS = [
  { uid: "b1", title: "Первый", items: [item("a"), item("b")] },
  { uid: "b2", title: "Второй", items: [item("c")] },
];

test("roadmap numbers: nested, nested with a dot, through, flat list, none, start", () => {
  assert.deepEqual([...itemLabels(roadmap(), BLOCKS).values()], ["1.1", "1.2", "2.1"]);
  assert.deepEqual([...itemLabels(roadmap({ items: "nested_dot" }), BLOCKS).values()], ["1.1.", "1.2.", "2.1."]);
  assert.deepEqual([...itemLabels(roadmap({ items: "flat_dot" }), BLOCKS).values()], ["1.", "2.", "3."]);
  // A flat roadmap counts on through every block, whatever the nested style said.
  assert.deepEqual([...itemLabels(roadmap({ shape: "flat", items: "nested" }), BLOCKS).values()], ["1", "2", "3"]);
  assert.deepEqual([...itemLabels(roadmap({ shape: "flat", items: "flat_dot", start: 5 }), BLOCKS).values()], ["5.", "6.", "7."]);
  assert.deepEqual([...itemLabels(roadmap({ items: "none" }), BLOCKS).values()], ["", "", ""]);
  assert.deepEqual([...itemLabels(roadmap({ start: 3 }), BLOCKS).values()], ["3.1", "3.2", "4.1"]);
  assert.equal(blockLabel(roadmap(), 1), "2.");
  assert.equal(blockLabel(roadmap({ blocks: "plain", start: 0 }), 1), "1");
  assert.equal(blockLabel(roadmap({ shape: "flat" }), 0), "");
  assert.equal(blockLabel(roadmap({ blocks: "none" }), 0), "");
  assert.equal(itemRef("3.", "Семинар"), "3");
  assert.equal(itemRef("", "Семинар"), "«Семинар»");
});

const layout = (over = {}) => ({
  title_shown: true,
  passport_heading: "Паспорт программы",
  passport_numbered: false,
  indicators_heading: "",
  sections: { style: "roman", start: 1 },
  roadmap: roadmap(),
  ...over,
});
const section = (over = {}) => ({ uid: "", title: "", body: [], unnumbered: false, renumber: null, ...over });

test("section numbers: styles, unnumbered headings skip, a restart, the passport first", () => {
  assert.equal(sectionLabel("roman", 4), "IV.");
  assert.equal(sectionLabel("arabic", 4), "4.");
  assert.equal(sectionLabel("razdel", 2), "Раздел 2.");
  assert.equal(sectionLabel("razdel_roman", 2), "Раздел II.");
  assert.equal(sectionLabel("none", 2), "");
  const sections = [section(), section({ unnumbered: true }), section(), section({ renumber: { style: "arabic", start: 1 } }), section()];
  assert.deepEqual(headingNumbers(layout(), sections), { passport: "", sections: ["I.", "", "II.", "1.", "2."] });
  assert.deepEqual(headingNumbers(layout({ passport_numbered: true, sections: { style: "razdel", start: 1 } }), sections.slice(0, 3)), {
    passport: "Раздел 1.",
    sections: ["Раздел 2.", "", "Раздел 3."],
  });
});

test("the participle follows what is approved unless typed", () => {
  assert.equal(participle("feminine", ""), "УТВЕРЖДЕНА");
  assert.equal(participle("masculine", ""), "УТВЕРЖДЁН");
  assert.equal(participle("neuter", "  "), "УТВЕРЖДЕНО");
  assert.equal(participle("plural", ""), "УТВЕРЖДЕНЫ");
  assert.equal(participle("feminine", "СОГЛАСОВАНО"), "СОГЛАСОВАНО");
});

test("act dates in the four ways", () => {
  assert.equal(formatActDate("2024-09-01", "numeric"), "01.09.2024");
  assert.equal(formatActDate("2024-09-01", "numeric_g"), "01.09.2024г.");
  assert.equal(formatActDate("2024-09-01", "numeric_space_g"), "01.09.2024 г.");
  assert.equal(formatActDate("2024-09-01", "words"), "1 сентября 2024 г.");
  assert.equal(formatActDate("2024-11-20", "words"), "20 ноября 2024 г.");
});

test("columns: the default set, own headers, shares, ticking in the usual order", () => {
  const defaults = effectiveColumns(roadmap(), false);
  assert.deepEqual(defaults.map((c) => c.kind), ["number", "activity", "deadline", "responsible", "expected_result"]);
  assert.equal(effectiveColumns(roadmap(), true).length, 6);
  assert.equal(columnHeader({ kind: "deadline", header: "", width: null }), "Сроки");
  assert.equal(columnHeader({ kind: "deadline", header: "Сроки исполнения", width: null }), "Сроки исполнения");
  assert.deepEqual(columnPercents([{ kind: "activity", header: "", width: 30 }, { kind: "deadline", header: "", width: 10 }]), [75, 25]);
  const without = toggleColumn(defaults, "expected_result", false);
  assert.deepEqual(without.map((c) => c.kind), ["number", "activity", "deadline", "responsible"]);
  const back = toggleColumn(toggleColumn(without, "number", false), "number", true);
  assert.deepEqual(back.map((c) => c.kind), ["number", "activity", "deadline", "responsible"]);
  // The caller's list is never changed in place.
  assert.equal(defaults.length, 5);
});
