// End-to-end test of the document's own shape (issue #14, docs/design.md
// §2.7) in the real window: the «Оформление» controls on the roadmap,
// sections and act tabs, the numbers the editor shows after each, one undo
// step for a switch of the roadmap's shape, and the printed PDF:
//
//   xvfb-run -a -s "-screen 0 1280x800x24" node --test tests/e2e/shape.test.mjs
//
// Same environment as editor.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER). The save dialog is answered by METODIST_TEST_SAVE_TO.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ARTIFACTS, FIXTURE, choose, cliMissing, click, freshEnv, launch, retype, runCli, saveScreenshot, waitSaved, waitUntil } from "./harness.mjs";

const TEST_TIMEOUT_MS = 400_000;

async function openTab(session, tab) {
  await session.waitFor('[data-testid="programme-row"], [data-testid="editor"]');
  const id = await session.script(
    `const row = document.querySelector('[data-testid="programme-row"]');
     return row ? row.dataset.id : location.hash.split("/")[2];`,
  );
  await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/${tab}`]);
  await session.waitFor(`[data-testid="tab-${tab}"], [data-testid="${tab}"]`, 60_000);
}

/** Opens a collapsed «Оформление» card. */
async function openCard(session, testId) {
  await session.waitFor(`[data-testid="${testId}"]`);
  await session.script(`document.querySelector('[data-testid="${testId}"]').open = true;`);
}

/** An element's text read in one step (the tab may be drawn again between two steps). */
function textOf(session, css) {
  return session.script(`const el = document.querySelector(arguments[0]); return el ? el.textContent : "";`, [css]);
}

function itemNumbers(session) {
  return session.script(`return [...document.querySelectorAll('[data-testid="item-number"]')].map((el) => el.textContent);`);
}

/** Screenshots of the element at 800×600 and 1920×1080, scrolled into view. */
async function shoot(session, name, css) {
  for (const [width, height] of [[800, 600], [1920, 1080]]) {
    await session.call("POST", "/window/rect", { width, height });
    await session.script(`document.querySelector(arguments[0])?.scrollIntoView({ block: "start" });`, [css]);
    await saveScreenshot(session, `shape-${name}-${width}x${height}`);
  }
  await session.call("POST", "/window/rect", { width: 1280, height: 800 });
}

test("a flat roadmap numbered «1.», «Раздел N.» sections, an institution's order without a mark: editor and PDF", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("shape");
  try {
    runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
    await launch(t, "shape", env, async (session) => {
      // ---- roadmap: flat, «1.», own column headers ----
      await openTab(session, "roadmap");
      await session.waitFor('[data-testid="roadmap"][data-complete]', 60_000);
      assert.deepEqual((await itemNumbers(session)).slice(0, 3), ["1.1", "1.2", "1.3"]);
      await openCard(session, "shape-roadmap");
      await choose(session, '[data-testid="shape-roadmap-kind"]', "flat");
      await waitSaved(session);
      await waitUntil("flat numbers", async () => (await itemNumbers(session))[0] === "1");
      // The switch is one undo step, and the blocks come back whole.
      await click(session, '[data-testid="undo"]');
      await waitUntil("nested numbers again", async () => (await itemNumbers(session))[0] === "1.1");
      await click(session, '[data-testid="redo"]');
      await waitUntil("flat numbers again", async () => (await itemNumbers(session))[0] === "1");
      await openCard(session, "shape-roadmap");
      await choose(session, '[data-testid="shape-item-numbering"]', "flat_dot");
      await waitSaved(session);
      const numbers = await waitUntil("«1.» numbers", async () => {
        const n = await itemNumbers(session);
        return n[0] === "1." ? n : false;
      });
      assert.deepEqual(numbers.slice(0, 5), ["1.", "2.", "3.", "4.", "5."]);
      assert.equal(numbers.at(-1), `${numbers.length}.`);
      await openCard(session, "shape-roadmap");
      await retype(session, '[data-testid="shape-column-deadline-header"]', "Сроки исполнения");
      await waitSaved(session);
      await retype(session, '[data-testid="shape-column-responsible-header"]', "Ответственные исполнители");
      await waitSaved(session);
      await openCard(session, "shape-roadmap");
      await choose(session, '[data-testid="shape-roadmap-kind"]', "flat");
      await session.script(`document.querySelector('[data-testid="shape-column-expected_result-print"]').click();`);
      await waitSaved(session);
      await openCard(session, "shape-roadmap");
      await waitUntil("the column left out", async () =>
        /не печатается/.test(await textOf(session, '[data-testid="shape-column-expected_result-percent"]')));
      assert.equal(await session.script(`return document.querySelector('[data-testid="shape-column-deadline-header"]').value;`), "Сроки исполнения");
      // The live preview beside the options draws a page of the print.
      await session.waitFor('[data-testid="shape-preview-roadmap"] img', 120_000);
      await shoot(session, "roadmap", '[data-testid="shape-roadmap"]');

      // ---- sections: «Раздел N.» ----
      await openTab(session, "sections");
      await openCard(session, "shape-sections");
      await choose(session, '[data-testid="shape-section-style"]', "razdel");
      await waitSaved(session);
      await waitUntil("«Раздел 1.»", async () => (await textOf(session, '[data-testid="section-number-1"]')) === "Раздел 1.");
      assert.equal(await textOf(session, '[data-testid="section-number-3"]'), "Раздел 3.");
      // The second section without a number: the ones after it count on.
      await click(session, '[data-testid="section-2-unnumbered"]');
      await waitSaved(session);
      await waitUntil("an unnumbered section", async () => (await textOf(session, '[data-testid="section-number-3"]')) === "Раздел 2.");
      await openCard(session, "shape-sections");
      await session.waitFor('[data-testid="shape-preview-sections"] img', 120_000);
      await shoot(session, "sections", '[data-testid="shape-sections"]');

      // ---- act: an institution's order, «г.» after the date, no mark ----
      await openTab(session, "act");
      await choose(session, '[data-testid="act-kind"]', "order");
      await waitSaved(session);
      await choose(session, '[data-testid="act-heading"]', "institution");
      await waitSaved(session);
      await choose(session, '[data-testid="act-date-format"]', "numeric_g");
      await waitSaved(session);
      await choose(session, '[data-testid="mark-style"]', "none");
      await waitSaved(session);
      assert.match(await textOf(session, '[data-testid="mark-preview"]'), /Гриф не печатается/);
      await shoot(session, "act", '[data-testid="act-heading"]');
      await choose(session, '[data-testid="mark-style"]', "approved");
      await choose(session, '[data-testid="mark-approves"]', "plural");
      await waitUntil("the participle", async () => /УТВЕРЖДЕНЫ/.test(await textOf(session, '[data-testid="mark-preview"]')));
      await shoot(session, "mark", '[data-testid="mark-preview"]');
      await choose(session, '[data-testid="mark-style"]', "none");
      await waitSaved(session);

      // ---- passport: a second sub-row under one label ----
      await openTab(session, "passport");
      await click(session, '[data-testid="passport-2-add-subrow"]');
      await waitSaved(session);
      await retype(session, '[data-testid="passport-2-sub-2-block-1-text"]', "Второй документ-основание подстрокой");
      await waitSaved(session);
      await waitUntil("two sub-rows", async () =>
        /Подстрока 2 из 2/.test(await textOf(session, '[data-testid="passport-2-sub-2-subrow"]')));
      await shoot(session, "passport-subrows", '[data-testid="passport-row-2"]');

      // ---- print ----
      await openTab(session, "print");
      await click(session, '[data-testid="print-save"]');
      await waitUntil("the PDF saved", async () => /PDF сохранён/.test(await textOf(session, '[data-testid="print-saved"]')), 120_000);
    });

    const pdf = env.METODIST_TEST_SAVE_TO;
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-layout", pdf, "-"], { encoding: "utf8" });
    writeFileSync(join(ARTIFACTS, "shape.txt"), text);
    assert.match(text, /ПРИКАЗ № 412/);
    assert.match(text, /от 28\.08\.2024г\./);
    assert.match(text, /Раздел 1\. Характеристика/);
    assert.match(text, /Раздел 2\. Механизм/);
    assert.doesNotMatch(text, /Раздел 3\. Механизм/);
    // Column headers may be hyphenated in a narrow column («Сроки испол-/нения»):
    // read them from the text in reading order with the soft hyphens joined.
    const raw = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    const joined = raw.replace(/\u00ad\s*/g, "").replace(/\s+/g, " ");
    assert.match(joined, /Сроки исполнения/);
    assert.match(joined, /Ответственные исполнители/);
    assert.doesNotMatch(joined, /Ожидаемый результат/);
    assert.match(joined, /Второй документ-основание подстрокой/);
    // No mark: neither «Приложение № 1» at the top of the appendix nor a participle.
    assert.doesNotMatch(text, /^\s*Приложение № 1\s*$/m);
    assert.doesNotMatch(text, /УТВЕРЖДЕН/);
    // The flat roadmap: items «1.» … with no nested «1.1» and no block rows numbered.
    assert.match(text, /^\s*1\.\s+Создание муниципальной команды/m);
    assert.doesNotMatch(text, /^\s*1\.1\.?\s/m);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
