// ui/src/shape.ts against the core on shared cases: the editor's numbers,
// participle, dates and columns are computed here for speed (no call into
// Rust on every keystroke), so they must be the core's. The cases are
// computed by the core's own functions in crates/core/tests/shape_cases.rs,
// which rewrites ui/tests/shape-cases.json (and fails once) whenever the
// core's rules change; this test fails when shape.ts answers any case
// otherwise (docs/design.md §2, «The document's own shape»).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  DEFAULT_WIDTHS,
  blockLabel,
  columnHeader,
  effectiveColumns,
  formatActDate,
  headingNumbers,
  itemLabels,
  itemRef,
  participle,
} from "../dist/shape.js";

const cases = JSON.parse(readFileSync(new URL("./shape-cases.json", import.meta.url), "utf8"));

test("the cases cover every style the core knows", () => {
  assert.ok(cases.headings.length >= 60 && cases.roadmap.length >= 90, "the file holds the cases");
  const styles = new Set(cases.headings.map((c) => c.layout.sections.style));
  assert.deepEqual([...styles].sort(), ["arabic", "none", "razdel", "razdel_roman", "roman"]);
  const items = new Set(cases.roadmap.map((c) => c.layout.items));
  assert.equal(items.size, 5);
});

test("section numbers: headingNumbers gives the core's heading_numbers", () => {
  for (const c of cases.headings) {
    const got = headingNumbers(c.layout, c.sections);
    assert.deepEqual(got, { passport: c.passport, sections: c.numbers }, JSON.stringify(c.layout) + " " + JSON.stringify(c.sections.map((s) => [s.unnumbered, s.renumber])));
  }
});

test("roadmap numbers: itemLabels, blockLabel and itemRef give the core's", () => {
  const blocks = cases.roadmap_blocks[0];
  for (const c of cases.roadmap) {
    const why = JSON.stringify(c.layout);
    const labels = [...itemLabels(c.layout, blocks).values()];
    assert.deepEqual(labels, c.item_labels, why);
    assert.deepEqual(blocks.map((_, b) => blockLabel(c.layout, b)), c.block_labels, why);
    const activities = blocks.flatMap((b) => b.items.map((i) => i.activity));
    assert.deepEqual(labels.map((l, k) => itemRef(l, activities[k])), c.item_refs, why);
  }
});

test("the participle, the act's date and the printed columns are the core's", () => {
  for (const c of cases.participles) assert.equal(participle(c.approves, c.typed), c.participle, JSON.stringify(c));
  for (const c of cases.dates) assert.equal(formatActDate(c.iso, c.format), c.text, JSON.stringify(c));
  for (const c of cases.columns) {
    const got = effectiveColumns(c.layout, c.planned).map((col) => ({
      kind: col.kind,
      header: columnHeader(col),
      width: col.width ?? DEFAULT_WIDTHS[col.kind],
    }));
    assert.deepEqual(got, c.columns, JSON.stringify(c.layout.columns));
  }
});
