// End-to-end test of the rest of issue #14 in the real window: the roadmap
// tab's header reads as the print does (the programme's own column
// headers, the title over the year columns, a column left out marked), the
// «Оформление» card's control for the title over the year columns, the
// printed PDF, and find reaching a text of the layout on its closed card:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/shape-extra.test.mjs
//
// Same environment as shape.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER). The save dialog is answered by METODIST_TEST_SAVE_TO.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ARTIFACTS, FIXTURE, KEY, click, cliMissing, freshEnv, launch, runCli, saveScreenshot, waitSaved, waitUntil, retype, typeOver } from "./harness.mjs";
import { ctrl } from "./find-helpers.mjs";

const TEST_TIMEOUT_MS = 400_000;

async function openTab(session, tab) {
  await session.waitFor('[data-testid="programme-row"], [data-testid="editor"]');
  const id = await session.script(
    `const row = document.querySelector('[data-testid="programme-row"]');
     return row ? row.dataset.id : location.hash.split("/")[2];`,
  );
  await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/${tab}`]);
  await session.waitFor(`[data-testid="editor"][data-tab="${tab}"]`, 60_000);
  return id;
}

async function openCard(session, testId) {
  await session.waitFor(`[data-testid="${testId}"]`);
  await session.script(`document.querySelector('[data-testid="${testId}"]').open = true;`);
}

/** The roadmap table's header cells by data-testid, read in one step. */
function header(session) {
  return session.script(
    `return Object.fromEntries([...document.querySelectorAll('[data-testid="roadmap-table"] thead th[data-testid]')]
       .map((th) => [th.dataset.testid, th.textContent]));`,
  );
}

async function shoot(session, name, css) {
  for (const [width, height] of [[800, 600], [1920, 1080]]) {
    await session.call("POST", "/window/rect", { width, height });
    await session.script(`document.querySelector(arguments[0])?.scrollIntoView({ block: "start" });`, [css]);
    await saveScreenshot(session, `shape-extra-${name}-${width}x${height}`);
  }
  await session.call("POST", "/window/rect", { width: 1280, height: 800 });
}

test("the roadmap's header in the programme's own words, the years' title set on its card, printed, and found", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("shape-extra");
  try {
    runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
    await launch(t, "shape-extra", env, async (session) => {
      await openTab(session, "roadmap");
      await session.waitFor('[data-testid="roadmap"][data-complete]', 60_000);
      const years = await session.script(
        `return [...document.querySelectorAll('[data-testid^="rm-head-year-"]')].map((th) => th.dataset.testid.slice(13));`,
      );
      assert.ok(years.length > 0, "the sample has year columns");
      // The defaults read as the print's: «№ п/п», «Плановое значение», the years under their title.
      const before = await header(session);
      assert.equal(before["rm-head-number"], "№ п/п");
      assert.equal(before["rm-head-deadline"], "Сроки");
      assert.equal(before["rm-head-planned_value"], "Плановое значение");
      assert.equal(before["rm-head-years"], "По годам реализации");
      assert.equal(before[`rm-head-year-${years[0]}`], `${years[0]} г.`);

      // Her own headers and the years' title, on the «Оформление» card.
      await openCard(session, "shape-roadmap");
      await retype(session, '[data-testid="shape-column-deadline-header"]', "Сроки исполнения");
      await waitSaved(session);
      await openCard(session, "shape-roadmap");
      await session.script(`document.querySelector('[data-testid="shape-column-expected_result-print"]').click();`);
      await waitSaved(session);
      // The tab is drawn again after the change: type into the new card.
      await waitUntil("the column marked as left out", async () =>
        (await header(session))["rm-head-expected_result"] === "Ожидаемый результат (не печатается)", 90_000);
      await openCard(session, "shape-roadmap");
      assert.match(await session.script(`return document.querySelector('[data-testid="shape-years-heading-hint"]').textContent;`), new RegExp(`${years[0]} г\\.`));
      await typeOver(session, '[data-testid="shape-years-heading"]', "Значения по годам реализации Программы");
      await waitSaved(session);
      const after = await waitUntil("the header in her words", async () => {
        const h = await header(session);
        return h["rm-head-years"] === "Значения по годам реализации Программы" ? h : false;
      }, 90_000);
      assert.equal(after["rm-head-deadline"], "Сроки исполнения");
      assert.equal(after["rm-head-expected_result"], "Ожидаемый результат (не печатается)");
      assert.equal(after["rm-head-activity"], "Мероприятие");
      // The years' title is one undo step, and comes back with redo.
      await click(session, '[data-testid="undo"]');
      await waitUntil("the years' title undone", async () => (await header(session))["rm-head-years"] === "По годам реализации", 90_000);
      await click(session, '[data-testid="redo"]');
      await waitUntil("the years' title redone", async () => (await header(session))["rm-head-years"] === "Значения по годам реализации Программы", 90_000);

      // The two-row head stays at the top of the table while it scrolls.
      const stuck = await session.script(
        `const box = document.querySelector('.roadmap-scroll') ?? document.scrollingElement;
         box.scrollTop = 600;
         const head = document.querySelector('[data-testid="rm-head-deadline"]').getBoundingClientRect();
         const year = document.querySelector('[data-testid^="rm-head-year-"]').getBoundingClientRect();
         const top = box === document.scrollingElement ? 0 : box.getBoundingClientRect().top;
         return { scrolled: box.scrollTop, head: head.top - top, year: year.top - top, yearBelowTitle: year.top > head.top };`,
      );
      t.diagnostic(`head after scrolling: ${JSON.stringify(stuck)}`);
      assert.ok(stuck.scrolled > 0, "the roadmap scrolls");
      assert.ok(Math.abs(stuck.head) < 4 && stuck.year >= 0 && stuck.yearBelowTitle, "the head stays in view");
      await session.script(`(document.querySelector('.roadmap-scroll') ?? document.scrollingElement).scrollTop = 0;`);
      await shoot(session, "roadmap-head", '[data-testid="roadmap-table"]');
      await openCard(session, "shape-roadmap");
      await shoot(session, "years-heading", '[data-testid="shape-years-heading"]');

      // Find, from another tab, reaches the years' title on its closed card.
      await openTab(session, "act");
      await session.script(`document.querySelector('[data-testid="shape-roadmap"]')?.removeAttribute("open");`);
      await click(session, '[data-testid="act-title"]');
      await ctrl(session, "f");
      await session.waitFor('[data-testid="find-panel"]');
      await session.call("POST", `/element/${await session.waitFor('[data-testid="find-input"]')}/value`, { text: "реализации программы" + KEY.enter });
      const hits = await waitUntil("the hits", async () => {
        const list = await session.script(
          `return [...document.querySelectorAll('[data-testid="find-hits"] .find-hit-where')].map((el) => el.textContent);`,
        );
        return list.length > 0 ? list : false;
      }, 90_000);
      const index = hits.indexOf("Дорожная карта · оформление, заголовок столбцов по годам");
      assert.ok(index >= 0, `the years' title among the hits: ${JSON.stringify(hits)}`);
      await click(session, `[data-testid="find-hit-${index + 1}"]`);
      const focused = await waitUntil("the field focused on its card", async () => {
        const f = await session.script(
          `const el = document.activeElement;
           return el && el.dataset.testid === "shape-years-heading"
             ? { open: el.closest("details").open, selected: el.value.slice(el.selectionStart, el.selectionEnd),
                 tab: document.querySelector('[data-testid="editor"]').dataset.tab }
             : false;`,
        );
        return f;
      }, 90_000);
      assert.deepEqual(focused, { open: true, selected: "реализации Программы", tab: "roadmap" });
      await saveScreenshot(session, "shape-extra-find-years-heading");
      await session.call("POST", `/element/${await session.waitFor('[data-testid="find-input"]')}/value`, { text: KEY.escape });

      // ---- print ----
      await openTab(session, "print");
      await click(session, '[data-testid="print-save"]');
      await waitUntil("the PDF saved", async () => /PDF сохранён/.test(await session.script(`return document.querySelector('[data-testid="print-saved"]')?.textContent ?? "";`)), 120_000);
    });

    const pdf = env.METODIST_TEST_SAVE_TO;
    const raw = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    writeFileSync(join(ARTIFACTS, "shape-extra.txt"), raw);
    // Headers may be hyphenated in a narrow column: soft hyphens joined.
    const joined = raw.replace(/\u00ad\s*/g, "").replace(/\s+/g, " ");
    assert.match(joined, /Значения по годам реализации Программы/);
    assert.match(joined, /Сроки исполнения/);
    assert.doesNotMatch(joined, /По годам реализации /);
    assert.doesNotMatch(joined, /Ожидаемый результат/);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
