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

import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { CLI, FIXTURE, click, freshEnv, launch, runCli, saveScreenshot, waitUntil } from "./harness.mjs";

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

const KEY = { null: "\uE000", tab: "\uE004", control: "\uE009" };

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

async function typeInto(session, testId, text) {
  const element = await session.waitFor(`[data-testid="${testId}"]`);
  await session.call("POST", `/element/${element}/click`, {});
  await session.call("POST", `/element/${element}/value`, { text: KEY.control + "a" + KEY.null });
  await session.call("POST", `/element/${element}/value`, { text });
  // Leaving the field sends its edit (fields.ts: on blur or after 400 ms).
  await session.call("POST", `/element/${element}/value`, { text: KEY.tab });
}

async function waitSaved(session) {
  await sleep(700);
  await waitUntil("«Сохранено»", async () => {
    const text = await session.script(
      `const el = document.querySelector('[data-testid="save-indicator"]'); return el ? el.textContent : "";`,
    );
    return /Сохранено/.test(text) ? text : false;
  });
  await sleep(300);
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
  await session.call("POST", `/element/${element}/click`, {});
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
        await typeInto(session, "editor-title", PAYLOAD);
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
          const kinds = await fieldKinds(session, '[data-testid="tab-content"]');
          t.diagnostic(`${tab}: ${kinds.length} kinds of text field: ${kinds.map(([kind]) => kind).join(", ")}`);
          assert.ok(kinds.length > 0, `the ${tab} tab has text fields`);
          for (const [, testId] of kinds) {
            await typeInto(session, testId, PAYLOAD);
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
        await typeInto(session, "template-name-input", PAYLOAD);
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
