// Script-bearing HTML typed into every kind of text field of the editor, and
// imported into every free-text field of a programme: it must show as the
// text typed, run nothing and create no element.
//
//   xvfb-run -a node --test tests/e2e/security.test.mjs
//
// "Every kind": the test collects the text inputs and textareas of each tab
// and types into the first field of each kind (testid with its numbers
// dropped: passport-3-block-1-text and passport-5-block-2-text are one
// kind), after adding what a template lacks (the act, a table, risks, SWOT).
// Date and number fields are left out of the verbatim check: they refuse
// text by design; typing into them must still run nothing.
//
// The third test does the same for the tracking tabs (today pinned with
// METODIST_TODAY) and the backups screen, with the hostile sample imported
// so that responsible bodies, activities and indicator names hold markup.

import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { CLI, FIXTURE, KEY, choose, click, freshEnv, launch, runCli, saveScreenshot, waitSaved, waitUntil, typeOver } from "./harness.mjs";

const TEST_TIMEOUT_MS = 600_000;
const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  "<script>window.__pwned=1</script>",
  '<svg onload="window.__pwned=1"></svg>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<a href="javascript:window.__pwned=1">ссылка</a> &amp; «ж»',
];
const PAYLOAD = PAYLOADS.join(" ");

/** What user text must never become: elements that load or run something. */
const DANGER_CHECK = `
  const found = [];
  for (const el of document.querySelectorAll("img")) {
    if (!(el.getAttribute("src") ?? "").startsWith("data:image/png;base64,")) found.push("img " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("script")) {
    if (!el.src) found.push("inline script " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("svg, iframe, object, embed")) found.push(el.tagName + " " + el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll("[onerror], [onload], [onclick]")) found.push("handler " + el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll("a[href^='javascript:']")) found.push("js link " + el.outerHTML.slice(0, 80));
  return { pwned: window.__pwned !== undefined, found };
`;

async function assertNothingRan(session, where) {
  const result = await session.script(DANGER_CHECK);
  assert.equal(result.pwned, false, `${where}: window.__pwned was set`);
  assert.deepEqual(result.found, [], `${where}: elements made from user text`);
}

/** Fields that hold dates or numbers: they refuse text by design. */
const NOT_FREE_TEXT = /(date|period|base|plan|fact|year|number|-col-\d+-delete)/;

async function openTab(session, key) {
  await click(session, `[data-testid="tab-link-${key}"]`);
  await session.waitFor(`[data-testid="editor"][data-tab="${key}"]`);
  await sleep(200);
}

/** Testids of the first visible text field of each kind in `root`. */
function fieldKinds(session, root) {
  return session.script(
    `const seen = new Map();
     for (const el of document.querySelectorAll(arguments[0] + " input, " + arguments[0] + " textarea")) {
       const text = el.tagName === "TEXTAREA" || el.type === "text" || el.type === "search";
       const id = el.dataset.testid;
       if (!text || !id || el.disabled || el.readOnly || el.offsetParent === null) continue;
       const kind = id.replace(/\\d+/g, "N");
       if (!seen.has(kind)) seen.set(kind, id);
     }
     return [...seen.entries()];`,
    [root],
  );
}

function valueOf(session, testId) {
  return session.script(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"]'); return el ? el.value : null;`,
    [testId],
  );
}

/** Clicks `testId` when the tab has it (structure a template may lack). */
async function clickIfPresent(session, css) {
  const [element] = await session.findAll(css);
  if (element === undefined) return false;
  await click(session, css);
  await sleep(400);
  return true;
}

test(
  "markup typed into every kind of field is kept as text and runs nothing",
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    const { dir, env } = freshEnv("security-typed");
    const typed = new Map(); // testid -> tab
    try {
      await launch(t, "security-typed", env, async (session) => {
        await click(session, '[data-testid="empty-create"], [data-testid="programmes-create"]');
        await click(session, '[data-testid="template-option"]');
        await session.waitFor('[data-testid="editor"]');
        const id = await session.script(`return document.querySelector('[data-testid="editor"]').dataset.programmeId;`);

        // The programme's title in the editor's head (it is the list's title).
        await typeOver(session, '[data-testid="editor-title"]', PAYLOAD);
        await waitSaved(session);
        typed.set("editor-title", null);

        for (const tab of ["act", "passport", "sections", "indicators", "roadmap"]) {
          await openTab(session, tab);
          if (tab === "act") {
            await clickIfPresent(session, '[data-testid="act-add"]');
            await clickIfPresent(session, '[data-testid="act-point-add"]');
          }
          if (tab === "passport") {
            await clickIfPresent(session, '[data-testid="task-add"]');
          }
          if (tab === "sections") {
            for (const what of ["table", "risks", "swot", "list"]) {
              await clickIfPresent(session, `[data-testid="section-1-add-${what}"]`);
              await waitSaved(session);
            }
            await clickIfPresent(session, '[data-testid$="-add-risk"]');
            await waitSaved(session);
          }
          if (tab === "roadmap") {
            await session.waitFor('[data-testid="roadmap-table"]');
            if ((await session.findAll('[data-testid="item-activity"]')).length === 0) {
              await clickIfPresent(session, '[data-testid="add-item"]');
            }
          }
          // The «Оформление» cards start folded: open them so their fields
          // (headings, column headers) are typed into too.
          await session.script(`document.querySelectorAll("details.shape-card").forEach((d) => { d.open = true; });`);
          await sleep(300);
          const kinds = await fieldKinds(session, '[data-testid="tab-content"]');
          t.diagnostic(`${tab}: ${kinds.length} kinds of text field: ${kinds.map(([kind]) => kind).join(", ")}`);
          assert.ok(kinds.length > 0, `the ${tab} tab has text fields`);
          for (const [, testId] of kinds) {
            await typeOver(session, `[data-testid="${testId}"]`, PAYLOAD);
            await assertNothingRan(session, `${tab}, after typing into ${testId}`);
            typed.set(testId, tab);
          }
          await waitSaved(session);
          await assertNothingRan(session, `${tab} tab`);
          await saveScreenshot(session, `security-typed-${tab}`);
        }

        // Leave and reopen the programme: what is shown now comes from the
        // database, not from the fields as typed.
        await session.script('location.hash = "#/programmes"; return true;');
        await session.waitFor('[data-testid="programme-list"]');
        const titles = await session.findAll('[data-testid="programme-title"]');
        assert.equal(await session.text(titles[0]), PAYLOAD, "the list shows the title as typed");
        await assertNothingRan(session, "programme list");
        await saveScreenshot(session, "security-typed-list");

        // A template named with markup.
        await click(session, '[data-testid="programme-save-template"]');
        await typeOver(session, '[data-testid="template-name-input"]', PAYLOAD);
        await click(session, '[data-testid="template-name-save"]');
        // Saving re-renders the list: wait for its message, then open the chooser.
        await waitUntil("the template saved", async () =>
          /Сохранён шаблон/.test(await session.script(
            `const el = document.querySelector('[data-testid="programmes-message"]'); return el ? el.textContent : "";`,
          )));
        await click(session, '[data-testid="programmes-create"]');
        await session.waitFor('[data-testid="template-chooser"]');
        const names = await session.script(
          `return [...document.querySelectorAll('[data-testid="template-option"] .template-name')].map((el) => el.textContent);`,
        );
        assert.ok(names.includes(PAYLOAD), `the template's name is shown as typed: ${JSON.stringify(names)}`);
        await assertNothingRan(session, "template chooser");
        await saveScreenshot(session, "security-typed-templates");

        await session.script(`location.hash = "#/programmes/${id}"; return true;`);
        await session.waitFor('[data-testid="editor"]');
        const verbatim = [];
        const refused = [];
        assert.equal(await valueOf(session, "editor-title"), PAYLOAD);
        for (const tab of ["act", "passport", "sections", "indicators", "roadmap"]) {
          await openTab(session, tab);
          if (tab === "roadmap") await session.waitFor('[data-testid="roadmap-table"]');
          for (const [testId, where] of typed) {
            if (where !== tab) continue;
            const value = await valueOf(session, testId);
            (value === PAYLOAD ? verbatim : refused).push(testId);
          }
          await assertNothingRan(session, `${tab} tab, reopened`);
          // The printed forms (list previews, numbering) show the text too.
          const shown = await session.script(
            `return document.querySelector('[data-testid="tab-content"]').textContent.includes(arguments[0]);`,
            [PAYLOADS[0]],
          );
          t.diagnostic(`${tab}: payload in the tab's text nodes: ${shown}`);
        }
        await openTab(session, "print");
        await sleep(1500);
        await assertNothingRan(session, "print tab");
        await saveScreenshot(session, "security-typed-print");
        t.diagnostic(`stored verbatim (${verbatim.length}): ${verbatim.join(", ")}`);
        t.diagnostic(`not verbatim (${refused.length}): ${refused.join(", ")}`);
        const freeText = refused.filter((testId) => !NOT_FREE_TEXT.test(testId));
        assert.deepEqual(freeText, [], "free-text fields whose text changed on the way to the database and back");
        // The kinds the issue names must all be among those checked.
        for (const pattern of [
          /^act-title$/, /^act-point-\d+$/, /^passport-\d+-block-\d+-text$/, /^task-\d+$/, /^section-title-\d+$/,
          /^section-\d+-block-\d+-text$/, /-cell-\d+-\d+$/, /-risk-\d+$/, /-mitigation-\d+$/, /-strengths$/, /-threats$/,
          /^indicator-name-\d+$/, /^indicator-unit-\d+$/, /^block-title$/, /^item-activity$/, /^item-deadline$/,
          /^item-responsible$/,
        ]) {
          assert.ok(verbatim.some((testId) => pattern.test(testId)), `no field matching ${pattern} was checked: ${verbatim.join(", ")}`);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

/** The sample with every free-text string replaced by a payload (in turn). */
function hostileSample() {
  const sample = JSON.parse(readFileSync(FIXTURE, "utf8"));
  const FREE = new Set([
    "title", "text", "label", "executor", "formula", "place", "preamble", "signatory_name", "signatory_position",
    "issuer_genitive", "name", "unit", "activity", "expected_result", "responsible", "comment", "evidence",
    "risk", "mitigation", "stage", "items", "issuer", "points", "columns", "rows", "strengths", "weaknesses",
    "opportunities", "threats",
  ]);
  let n = 0;
  const next = () => PAYLOADS[n++ % PAYLOADS.length];
  const replace = (value, key, free) => {
    if (typeof value === "string") return free ? next() : value;
    if (Array.isArray(value)) return value.map((v) => replace(v, key, free));
    if (value !== null && typeof value === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = replace(v, k, FREE.has(k) || (free && Array.isArray(value)));
      return out;
    }
    return value;
  };
  const programme = replace(sample.programme, "programme", false);
  programme.uid = "prog-e2e-hostile";
  return { ...sample, programme };
}

test(
  "an imported programme with markup in every free-text field shows it as text",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const { dir, env, db } = freshEnv("security-imported");
    try {
      const file = join(dir, "hostile.metodist.json");
      writeFileSync(file, JSON.stringify(hostileSample()));
      const id = runCli(env, "--db", db, "import", file).trim();
      assert.match(id, /^\d+$/);
      await launch(t, "security-imported", env, async (session) => {
        await session.waitFor('[data-testid="programme-list"]');
        await assertNothingRan(session, "programme list");
        await session.script(`location.hash = "#/programmes/${id}"; return true;`);
        await session.waitFor('[data-testid="editor"]');
        for (const tab of ["act", "passport", "sections", "indicators", "roadmap", "print"]) {
          await openTab(session, tab);
          if (tab === "roadmap") await session.waitFor('[data-testid="roadmap-table"]');
          if (tab === "print") await sleep(1500);
          await assertNothingRan(session, `${tab} tab`);
          const shown = await session.script(
            `const root = document.querySelector('[data-testid="editor"]');
             const values = [...root.querySelectorAll("input, textarea")].map((el) => el.value);
             return arguments[0].map((p) => values.filter((v) => v === p).length + (root.textContent.split(p).length - 1));`,
            [PAYLOADS],
          );
          t.diagnostic(`${tab}: payloads shown verbatim (fields + text): ${shown.join(" / ")}`);
          if (tab !== "print") assert.ok(shown.reduce((a, b) => a + b, 0) > 0, `${tab}: the imported text is shown`);
          await saveScreenshot(session, `security-imported-${tab}`);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

/**
 * DANGER_CHECK for the tracking tabs: the «Исполнение» charts are inline SVG
 * by design, so an <svg> directly inside a chart box is allowed — but only
 * when it holds nothing but the SVG shapes the chart draws (createElementNS),
 * no handler attributes, and no element outside the SVG namespace.
 */
const CHART_CHECK = `
  const SVG = "http://www.w3.org/2000/svg";
  const SHAPES = new Set(["svg", "title", "line", "rect", "text"]);
  const charts = [...document.querySelectorAll('[data-testid^="exec-chart-"] > svg')];
  const bad = [];
  for (const root of charts) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      if (el.namespaceURI !== SVG || !SHAPES.has(el.localName)) bad.push("chart holds " + el.outerHTML.slice(0, 80));
      for (const a of el.attributes) if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) bad.push("chart attribute " + a.name);
    }
  }
  const found = [];
  for (const el of document.querySelectorAll("img")) {
    if (!(el.getAttribute("src") ?? "").startsWith("data:image/png;base64,")) found.push("img " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("script")) {
    if (!el.src) found.push("inline script " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("svg, iframe, object, embed, foreignObject")) {
    if (!charts.includes(el) && !charts.some((c) => c.contains(el))) found.push(el.tagName + " " + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll("[onerror], [onload], [onclick]")) found.push("handler " + el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll("a[href^='javascript:']")) found.push("js link " + el.outerHTML.slice(0, 80));
  return { pwned: window.__pwned !== undefined, found: [...bad, ...found], charts: charts.length };
`;

async function assertNothingRanHere(session, where) {
  const result = await session.script(CHART_CHECK);
  assert.equal(result.pwned, false, `${where}: window.__pwned was set`);
  assert.deepEqual(result.found, [], `${where}: elements made from user text`);
  return result.charts;
}

async function openTrackingTab(session, key) {
  await click(session, `[data-testid="tab-link-${key}"]`);
  await session.waitFor(`[data-testid="editor"][data-tab="${key}"] [data-testid="tab-${key}"]`);
  await sleep(200);
}

const textOf = (session, css) =>
  session.script(`const el = document.querySelector(arguments[0]); return el ? el.textContent : null;`, [css]);

/** The responsible-body dropdown shows every payload as an option, verbatim. */
async function assertBodiesAsText(session, where) {
  const options = await session.script(
    `return [...document.querySelectorAll('[data-testid="filter-body"] option')].map((o) => [o.value, o.textContent]);`,
  );
  // A responsible cell names several bodies split at «,» «;» and line
  // breaks (common.ts bodiesOf), so «&amp;» ends one body there, by design.
  const bodies = PAYLOADS.flatMap((p) => p.split(/[,;\n]/).map((b) => b.trim()).filter((b) => b !== ""));
  for (const b of bodies) {
    assert.ok(options.some(([v, text]) => v === b && text === b), `${where}: «${b}» is an option of the body filter: ${JSON.stringify(options)}`);
  }
}

test(
  "markup in the tracking tabs and on the backups screen is kept as text and runs nothing",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    // «Today» pinned as in tracking.test.mjs: the sample's due dates fall
    // into the lists of «Сегодня» and the month of May 2025.
    const { dir, env, db } = freshEnv("security-tracking", { METODIST_TODAY: "2025-05-20" });
    try {
      const file = join(dir, "hostile.metodist.json");
      writeFileSync(file, JSON.stringify(hostileSample()));
      const id = runCli(env, "--db", db, "import", file).trim();
      assert.match(id, /^\d+$/);
      await launch(t, "security-tracking", env, async (session) => {
        await session.waitFor('[data-testid="programme-list"]');
        await session.script(`location.hash = "#/programmes/${id}"; return true;`);

        // ---- «Сегодня»: bodies in the dropdown and rows, the filters, a comment ----
        await session.waitFor('[data-testid="editor"][data-tab="today"] [data-testid="tab-today"]');
        await sleep(300);
        await assertNothingRanHere(session, "«Сегодня»");
        await assertBodiesAsText(session, "«Сегодня»");
        const rowsWithBody = await session.script(
          `return [...document.querySelectorAll('[data-testid="due-row"]')].filter((r) => arguments[0].some((p) => r.textContent.includes(p))).length;`,
          [PAYLOADS],
        );
        assert.ok(rowsWithBody > 0, "rows show the imported markup as text");
        await choose(session, '[data-testid="filter-body"]', PAYLOADS[0]);
        const byBody = await waitUntil("the body filter", async () => {
          const text = await textOf(session, '[data-testid="filter-count"]');
          return /^Найдено: \d+$/.test(text ?? "") ? text : false;
        });
        const shownByBody = await session.script(
          `return [...document.querySelectorAll('[data-testid="tab-today"] [data-testid="due-row"]')].filter((r) => !r.hidden).map((r) => r.textContent);`,
        );
        assert.ok(shownByBody.length > 0, `rows of the body «${PAYLOADS[0]}»: ${byBody}`);
        assert.ok(shownByBody.every((text) => text.includes(PAYLOADS[0])), "each row kept shows the body as text");
        await assertNothingRanHere(session, "«Сегодня», filtered by a body with markup");
        await saveScreenshot(session, "security-tracking-today-body");
        await click(session, '[data-testid="filter-reset"]');

        // The search text is matched as plain text: markup finds the rows
        // that hold it, a regular-expression-looking text finds nothing.
        await typeOver(session, '[data-testid="filter-search"]', PAYLOADS[1], { leave: "" });
        const bySearch = await waitUntil("the search", async () => {
          const text = await textOf(session, '[data-testid="filter-count"]');
          return /^Найдено: [1-9]\d*$/.test(text ?? "") ? text : false;
        });
        t.diagnostic(`«Сегодня», search ${PAYLOADS[1]}: ${bySearch}`);
        assert.equal(
          await session.script(`return document.querySelector('[data-testid="filter-search"]').value;`),
          PAYLOADS[1],
        );
        await assertNothingRanHere(session, "«Сегодня», searched for markup");
        await typeOver(session, '[data-testid="filter-search"]', ".*", { leave: "" });
        await waitUntil("«.*» finds nothing", async () => (await textOf(session, '[data-testid="filter-count"]')) === "Найдено: 0");
        await click(session, '[data-testid="filter-reset"]');

        const picked = await session.script(
          `const row = [...document.querySelectorAll('[data-testid="today-month"] [data-testid="due-row"]')]
             .find((r) => !r.hidden && r.querySelector('[data-testid="due-comment-toggle"]'));
           return row ? { item: row.dataset.item, due: row.dataset.due } : null;`,
        );
        assert.ok(picked, "a due date of May 2025 to mark done with a comment");
        const rowCss = `[data-testid="today-month"] [data-testid="due-row"][data-item="${picked.item}"][data-due="${picked.due}"]`;
        await session.script(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, [rowCss]);
        await click(session, `${rowCss} [data-testid="due-comment-toggle"]`);
        await typeOver(session, `${rowCss} [data-testid="due-comment"]`, PAYLOAD + "\uE007", { leave: "" });
        await waitUntil("done with the comment as text", async () => {
          const [status, noted] = await session.script(
            `const row = document.querySelector(arguments[0]);
             return row ? [row.dataset.status, row.querySelector('[data-testid="due-noted"]')?.textContent ?? ""] : [null, ""];`,
            [rowCss],
          );
          return /done|late/.test(status ?? "") && noted.includes(PAYLOAD);
        });
        await assertNothingRanHere(session, "«Сегодня», a comment with markup");
        await saveScreenshot(session, "security-tracking-today-comment");

        // ---- «Месяц»: comment and evidence kept, markup in dates refused ----
        await openTrackingTab(session, "month");
        const monthRow = `[data-testid="tab-month"] [data-testid="due-row"][data-item="${picked.item}"][data-due="${picked.due}"]`;
        await session.waitFor(monthRow);
        await assertBodiesAsText(session, "«Месяц»");
        await click(session, `${monthRow} [data-testid="due-open"]`);
        await session.waitFor('[data-testid="track-form"]');
        await typeOver(session, '[data-testid="track-comment"]', PAYLOAD, { leave: "" });
        await typeOver(session, '[data-testid="track-evidence"]', PAYLOAD, { leave: "" });
        await typeOver(session, '[data-testid="track-done-on"]', PAYLOAD, { leave: "" });
        await click(session, '[data-testid="track-save"]');
        assert.equal(await textOf(session, '[data-testid="track-done-on-hint"]'), "Дата пишется так: 12.09.2024");
        await assertNothingRanHere(session, "«Месяц», markup in the date done");
        await choose(session, '[data-testid="track-status"]', "moved");
        await typeOver(session, '[data-testid="track-moved-to"]', PAYLOAD, { leave: "" });
        await click(session, '[data-testid="track-save"]');
        assert.equal(await textOf(session, '[data-testid="track-moved-to-hint"]'), "Дата пишется так: 12.09.2024");
        assert.ok(await session.findAll('[data-testid="track-form"]').then((f) => f.length === 1), "the form stays open");
        await assertNothingRanHere(session, "«Месяц», markup in the new date");
        await session.script(`document.querySelector('[data-testid="track-form"]').scrollIntoView({ block: "center" });`);
        await saveScreenshot(session, "security-tracking-month-refused");
        await choose(session, '[data-testid="track-status"]', "done");
        await typeOver(session, '[data-testid="track-done-on"]', "20.05.2025", { leave: "" });
        await click(session, '[data-testid="track-save"]');
        await waitUntil("the form closes, the row shows comment and evidence", async () => {
          const noted = await session.script(
            `if (document.querySelector('[data-testid="track-form"]')) return "";
             const row = document.querySelector(arguments[0]);
             return row ? row.querySelector('[data-testid="due-noted"]')?.textContent ?? "" : "";`,
            [monthRow],
          );
          return noted.split(PAYLOAD).length - 1 === 2;
        });
        await click(session, `${monthRow} [data-testid="due-open"]`);
        await session.waitFor('[data-testid="track-form"]');
        assert.equal(await valueOf(session, "track-comment"), PAYLOAD, "the comment comes back verbatim");
        assert.equal(await valueOf(session, "track-evidence"), PAYLOAD, "the evidence comes back verbatim");
        await click(session, '[data-testid="track-cancel"]');
        await assertNothingRanHere(session, "«Месяц»");
        await session.script(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, [monthRow]);
        await saveScreenshot(session, "security-tracking-month");

        // ---- «График»: the dropdown and the search ----
        await openTrackingTab(session, "timeline");
        await assertBodiesAsText(session, "«График»");
        await typeOver(session, '[data-testid="filter-search"]', PAYLOADS[1], { leave: "" });
        const timelineShown = await waitUntil("the timeline search", async () => {
          const n = await session.script(
            `return [...document.querySelectorAll('[data-testid="timeline-row"]')].filter((r) => !r.hidden).length;`,
          );
          return n > 0 ? n : false;
        });
        t.diagnostic(`«График», search ${PAYLOADS[1]}: ${timelineShown} of 46 rows`);
        await typeOver(session, '[data-testid="filter-search"]', ".*", { leave: "" });
        await waitUntil("«.*» hides every row", async () =>
          (await session.script(
            `return [...document.querySelectorAll('[data-testid="timeline-row"]')].filter((r) => !r.hidden).length;`,
          )) === 0);
        await typeOver(session, '[data-testid="filter-search"]', PAYLOADS[1], { leave: "" });
        await choose(session, '[data-testid="filter-body"]', PAYLOADS[2]);
        await assertNothingRanHere(session, "«График», filtered");
        await saveScreenshot(session, "security-tracking-timeline");
        await click(session, '[data-testid="filter-reset"]');

        // ---- «Исполнение»: markup as a fact is refused; the chart holds names as text ----
        await openTrackingTab(session, "execution");
        const factId = await session.script(
          `const el = document.querySelector('[data-testid^="exec-fact-1-"]'); return el ? el.dataset.testid : null;`,
        );
        assert.ok(factId, "a fact field of the first indicator");
        const before = await valueOf(session, factId);
        await typeOver(session, `[data-testid="${factId}"]`, PAYLOAD + "\uE007", { leave: "" });
        const hintText = await waitUntil("the not-a-number hint", async () => {
          const text = await textOf(session, '[data-testid="exec-fact-hint-1"]');
          return /не число/.test(text ?? "") ? text : false;
        });
        assert.ok(hintText.includes(PAYLOAD), `the hint quotes the markup as text: ${hintText}`);
        const charts = await assertNothingRanHere(session, "«Исполнение», markup as a fact");
        assert.ok(charts > 0, "the execution tab draws its charts");
        const chart = await session.script(
          `const svg = document.querySelector('[data-testid="exec-chart-1"] > svg');
           return { title: svg.querySelector("title").textContent, texts: [...svg.querySelectorAll("text")].map((el) => el.textContent) };`,
        );
        const indicator = hostileSample().programme.indicators?.[0] ?? null;
        t.diagnostic(`chart 1: title ${JSON.stringify(chart.title)}, texts ${JSON.stringify(chart.texts)}`);
        if (indicator) {
          assert.equal(chart.title, `План и факт: ${indicator.name}`, "the chart's title holds the indicator's name verbatim");
          // A unit longer than the room beside the legend is shortened with «…».
          const unit = indicator.unit?.trim();
          if (unit) {
            assert.ok(
              chart.texts.some((text) => text === unit || (text.endsWith("…") && unit.startsWith(text.slice(0, -1)))),
              "a <text> of the chart holds the unit verbatim",
            );
          }
        }
        assert.ok(PAYLOADS.some((p) => chart.title.includes(p)), "the chart's title holds a payload");
        assert.ok(chart.texts.some((text) => PAYLOADS.includes(text)), "a <text> of the chart holds a payload verbatim");
        await session.script(`document.querySelector('[data-testid="exec-indicator-1"]').scrollIntoView({ block: "start" });`);
        await saveScreenshot(session, "security-tracking-execution");
        // The refused value was not stored: the field shows the old fact after a reload.
        await openTrackingTab(session, "today");
        await openTrackingTab(session, "execution");
        assert.equal(await valueOf(session, factId), before, "the refused fact was not stored");

        // ---- «Отчёт»: markup in the two dates is refused before anything is asked ----
        await openTrackingTab(session, "report");
        await choose(session, '[data-testid="report-kind"]', "dates");
        await typeOver(session, '[data-testid="report-from"]', PAYLOAD, { leave: "" });
        await typeOver(session, '[data-testid="report-to"]', "31.12.2025", { leave: "" });
        await waitUntil("the date hint", async () =>
          (await textOf(session, '[data-testid="report-range-hint"]')) === "Дата пишется так: 12.09.2024");
        assert.equal(await session.script(`return document.querySelector('[data-testid="report-save"]').disabled;`), true);
        await assertNothingRanHere(session, "«Отчёт», markup in a date");
        await saveScreenshot(session, "security-tracking-report");

        // ---- the backups screen: a copy of the database with markup in it ----
        await session.script('location.hash = "#/backups"; return true;');
        await session.waitFor('[data-testid="backups-screen"]');
        await click(session, '[data-testid="backup-create"]');
        await session.waitFor('[data-testid="backup-row"]');
        const textFields = await session.script(
          `return document.querySelectorAll('[data-testid="backups-screen"] input, [data-testid="backups-screen"] textarea').length;`,
        );
        t.diagnostic(`backups screen: ${textFields} text fields`);
        await assertNothingRanHere(session, "backups screen");
        await saveScreenshot(session, "security-tracking-backups");
        // Restoring the copy brings the programme back: its title is text in the list.
        await click(session, '[data-testid="backup-restore"]');
        await click(session, '[data-testid="restore-confirm"]');
        await session.waitFor('[data-testid="programme-list"]');
        const titles = await session.script(
          `return [...document.querySelectorAll('[data-testid="programme-title"]')].map((el) => el.textContent);`,
        );
        assert.ok(titles.some((title) => PAYLOADS.includes(title)), `the restored list shows the title as text: ${JSON.stringify(titles)}`);
        await assertNothingRanHere(session, "programme list after a restore");
        await saveScreenshot(session, "security-tracking-restored");
      });
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);
