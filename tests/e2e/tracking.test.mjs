// End-to-end test of the tracking screens in the real window: the sample
// programme imported through the CLI, "today" pinned to 20.05.2025
// (METODIST_TODAY, read by the Rust side for tests only), a due date marked
// done on «Сегодня» with one click, undone with Ctrl+Z and redone, found
// done in «Месяц» (where bad dates are refused next to the field), on the
// «График», a fact typed on «Исполнение», and the progress report PDF.
//
//   xvfb-run -a node --test tests/e2e/tracking.test.mjs
//
// Same environment as editor.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER). The save dialog is answered by METODIST_TEST_SAVE_TO.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import {
  ARTIFACTS,
  CLI,
  FIXTURE,
  KEY,
  activeElement,
  choose,
  click,
  freshEnv as sharedEnv,
  launch,
  retype,
  saveScreenshot,
  waitSaved,
  waitUntil,
} from "./harness.mjs";

const TEST_TIMEOUT_MS = 300_000;
const TODAY = "2025-05-20";
const COMMENT = "Проведено на базе Сосновской ООШ";

async function openTab(session, key) {
  await click(session, `[data-testid="tab-link-${key}"]`);
  await session.waitFor(`[data-testid="editor"][data-tab="${key}"] [data-testid="tab-${key}"]`);
}

/** Types into a field as the user would: cleared, then keys (found again if the tab is drawn anew meanwhile). */
function typeInto(session, css, text) {
  return retype(session, css, text, { leave: "" });
}

/** The status of the row of one due date on screen, or null. */
function rowStatus(session, item, due) {
  return session.script(
    `const row = document.querySelector('[data-testid="due-row"][data-item="' + arguments[0] + '"][data-due="' + arguments[1] + '"]');
     return row ? row.dataset.status : null;`,
    [item, due],
  );
}

/** The shared temporary environment, with "today" pinned for the tracking
 * screens and the report saved as `report.pdf`. */
function freshEnv(name) {
  const shared = sharedEnv(name, { METODIST_TODAY: TODAY });
  shared.env.METODIST_TEST_SAVE_TO = join(shared.dir, "report.pdf");
  return shared;
}

const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

test("a due date marked done on «Сегодня» is done in «Месяц», on the timeline and in the report PDF", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("tracking");
  try {
    const id = execFileSync(CLI, ["--db", env.METODIST_DB, "import", FIXTURE], { env, encoding: "utf8", timeout: 60_000 }).trim();
    assert.match(id, /^\d+$/);
    let picked;
    await launch(t, "tracking", env, async (session) => {
      await session.waitFor('[data-testid="programme-list"]');
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}`]);

      // ---- «Сегодня» is the first tab, counted from the pinned date ----
      await session.waitFor('[data-testid="editor"][data-tab="today"] [data-testid="tab-today"]');
      assert.equal(await session.textOf('[data-testid="today-date"]'), "20.05.2025");
      const overdue = await session.findAll('[data-testid="today-overdue"] [data-testid="due-row"]');
      assert.ok(overdue.length > 8, "the sample has many overdue due dates on 20.05.2025");
      // Long lists show their first 8 rows until «Показать все».
      const visibleOverdue = () =>
        session.script(`return [...document.querySelectorAll('[data-testid="today-overdue"] [data-testid="due-row"]')].filter((r) => !r.hidden).length;`);
      await waitUntil("8 overdue rows in sight", async () => (await visibleOverdue()) === 8);
      assert.equal(await session.textOf('[data-testid="today-overdue-count"]'), String(overdue.length));
      await saveScreenshot(session, "tracking-today");
      await click(session, '[data-testid="today-overdue-more"]');
      await waitUntil("all overdue rows", async () => (await visibleOverdue()) === overdue.length);
      picked = await session.script(
        `const row = [...document.querySelectorAll('[data-testid="today-month"] [data-testid="due-row"]')]
           .find((r) => r.querySelector('[data-testid="due-done"]'));
         return row ? { item: row.dataset.item, due: row.dataset.due,
           number: row.querySelector('[data-testid="due-number"]').textContent,
           activity: row.querySelector('[data-testid="due-activity"]').textContent } : null;`,
      );
      assert.ok(picked, "a due date of May 2025 can be marked done");
      assert.match(picked.due, /^2025-05-(2\d|3[01])$/);

      // ---- one click; the row changes in place, the screen is not rebuilt ----
      await session.script(`document.querySelector('[data-testid="tab-today"]').dataset.marker = "kept";`);
      await click(
        session,
        `[data-testid="today-month"] [data-testid="due-row"][data-item="${picked.item}"][data-due="${picked.due}"] [data-testid="due-done"]`,
      );
      await waitUntil("the row shows done", async () => (await rowStatus(session, picked.item, picked.due)) === "done");
      const after = await session.script(
        `const row = document.querySelector('[data-testid="due-row"][data-item="' + arguments[0] + '"][data-due="' + arguments[1] + '"]');
         return { marker: document.querySelector('[data-testid="tab-today"]').dataset.marker,
                  badge: row.querySelector('[data-testid="due-status"]').textContent,
                  noted: row.querySelector('[data-testid="due-noted"]')?.textContent ?? "" };`,
        [picked.item, picked.due],
      );
      assert.equal(after.marker, "kept", "the Today screen was not re-rendered");
      assert.equal(after.badge, "выполнено");
      assert.match(after.noted, /выполнено 20\.05\.2025/);
      await waitUntil("«Сохранено»", async () => /Сохранено/.test(await session.textOf('[data-testid="save-indicator"]')));
      await saveScreenshot(session, "tracking-today-marked");

      // ---- Ctrl+Z undoes the mark, «Вернуть» brings it back ----
      await session.call("POST", "/actions", {
        actions: [
          {
            type: "key",
            id: "keyboard",
            actions: [
              { type: "keyDown", value: KEY.control },
              { type: "keyDown", value: "z" },
              { type: "keyUp", value: "z" },
              { type: "keyUp", value: KEY.control },
            ],
          },
        ],
      });
      await waitUntil("undo: planned again", async () => (await rowStatus(session, picked.item, picked.due)) === "planned");
      await click(session, '[data-testid="redo"]');
      await waitUntil("redo: done again", async () => (await rowStatus(session, picked.item, picked.due)) === "done");

      // ---- «с комментарием…»: another May due date, done with a comment ----
      const second = await session.script(
        `const row = [...document.querySelectorAll('[data-testid="today-month"] [data-testid="due-row"]')]
           .find((r) => r.querySelector('[data-testid="due-done"]') && r.dataset.item !== arguments[0]);
         return row ? { item: row.dataset.item, due: row.dataset.due } : null;`,
        [picked.item],
      );
      assert.ok(second, "a second May due date");
      const secondCss = `[data-testid="today-month"] [data-testid="due-row"][data-item="${second.item}"][data-due="${second.due}"]`;
      await click(session, `${secondCss} [data-testid="due-comment-toggle"]`);
      await typeInto(session, `${secondCss} [data-testid="due-comment"]`, "Семинар перенесли в актовый зал" + KEY.enter);
      await waitUntil("the second row done with its comment", async () => {
        const [status, noted] = await session.script(
          `const row = document.querySelector(arguments[0]);
           return [row.dataset.status, row.querySelector('[data-testid="due-noted"]')?.textContent ?? ""];`,
          [secondCss],
        );
        return status === "done" && noted.includes("Семинар перенесли в актовый зал");
      });

      // ---- an overdue date caught up on later: its own done date, and the
      // counts above and in «По блокам» follow at once, without a reload ----
      const summaryCount = async () => {
        const m = /Просрочено (\d+)/.exec(await session.textOf('[data-testid="today-summary"]'));
        return m === null ? 0 : Number(m[1]);
      };
      const before = await summaryCount();
      assert.ok(before > 0, "overdue dates on 20.05.2025");
      const late = await session.script(
        `const row = [...document.querySelectorAll('[data-testid="today-overdue"] [data-testid="due-row"]')]
           .find((r) => r.dataset.status === "overdue" && r.querySelector('[data-testid="due-comment-toggle"]'));
         return row ? { item: row.dataset.item, due: row.dataset.due,
           block: row.querySelector('[data-testid="due-number"]').textContent.split(".")[0] } : null;`,
      );
      assert.ok(late, "an overdue row to mark");
      const blockDone = () =>
        session.script(
          `return document.querySelector('[data-testid="today-block-' + arguments[0] + '"] td:last-child').textContent;`,
          [late.block],
        );
      const doneBefore = await blockDone();
      // Undo above rebuilt the tab; from here on it must stay as it is.
      await session.script(`document.querySelector('[data-testid="tab-today"]').dataset.marker = "kept";`);
      const lateCss = `[data-testid="today-overdue"] [data-testid="due-row"][data-item="${late.item}"][data-due="${late.due}"]`;
      await click(session, `${lateCss} [data-testid="due-comment-toggle"]`);
      assert.equal(await session.script(`return document.querySelector(arguments[0]).value;`, [`${lateCss} [data-testid="due-done-on"]`]), "20.05.2025");
      // A day that has not come yet is refused beside the row, nothing stored.
      await typeInto(session, `${lateCss} [data-testid="due-done-on"]`, "21.05.2025" + KEY.enter);
      await waitUntil("the future date refused", async () =>
        /ещё не наступила/.test(await session.textOf(`${lateCss} [data-testid="due-error"]`)));
      await saveScreenshot(session, "tracking-today-done-on");
      assert.equal(await rowStatus(session, late.item, late.due), "overdue");
      const lateDay = `${late.due.slice(8, 10)}.${late.due.slice(5, 7)}.${late.due.slice(0, 4)}`;
      await typeInto(session, `${lateCss} [data-testid="due-done-on"]`, lateDay + KEY.enter);
      await waitUntil("the overdue row done on its own day", async () => {
        const [status, noted] = await session.script(
          `const row = document.querySelector(arguments[0]);
           return [row.dataset.status, row.querySelector('[data-testid="due-noted"]')?.textContent ?? ""];`,
          [lateCss],
        );
        return status === "done" && noted.includes(`выполнено ${lateDay}`);
      });
      await waitUntil("the summary counts one overdue date less", async () => (await summaryCount()) === before - 1);
      await waitUntil("«По блокам» counts it done", async () => (await blockDone()) !== doneBefore);
      assert.equal(
        await session.script(`return document.querySelector('[data-testid="tab-today"]').dataset.marker;`),
        "kept",
        "the screen was not rebuilt",
      );

      // ---- a block's title in the counts filters the lists to it ----
      await click(session, '[data-testid="today-block-pick-2"]');
      await waitUntil("the block filter", async () =>
        (await session.script(`return document.querySelector('[data-testid="filter-block"]').value;`)) === "2");
      const found = await session.textOf('[data-testid="filter-count"]');
      assert.match(found, /^Найдено: \d+$/);
      await click(session, '[data-testid="filter-reset"]');

      // ---- «Месяц»: May 2025 by default, the row done; bad dates refused at the field ----
      await openTab(session, "month");
      await session.waitFor('[data-testid="tab-month"][data-month="2025-05"]');
      assert.equal(await rowStatus(session, picked.item, picked.due), "done");
      const rowCss = `[data-testid="due-row"][data-item="${picked.item}"][data-due="${picked.due}"]`;
      await click(session, `${rowCss} [data-testid="due-open"]`);
      await session.waitFor('[data-testid="track-form"]');
      assert.equal(await session.script(`return document.querySelector('[data-testid="track-status"]').value;`), "done");
      await typeInto(session, '[data-testid="track-done-on"]', "31.02.2025");
      await click(session, '[data-testid="track-save"]');
      // A date that does not exist is told why (#13, item 6).
      assert.match(await session.textOf('[data-testid="track-done-on-hint"]'), /«31\.02\.2025»: в феврале 28 дней\. Не сохранено/);
      await typeInto(session, '[data-testid="track-done-on"]', "01.01.2099");
      await click(session, '[data-testid="track-save"]');
      await waitUntil("the core's refusal next to the field", async () =>
        /ещё не наступила/.test(await session.textOf('[data-testid="track-done-on-hint"]')),
      );
      await session.script(`document.querySelector('[data-testid="track-form"]').scrollIntoView({ block: "center" });`);
      await saveScreenshot(session, "tracking-month-refused");
      await typeInto(session, '[data-testid="track-done-on"]', "20.05.2025");
      await typeInto(session, '[data-testid="track-comment"]', COMMENT);
      await typeInto(session, '[data-testid="track-evidence"]', "приказ от 20.05.2025 № 77");
      await click(session, '[data-testid="track-save"]');
      await waitUntil("the form closes and the row shows the comment", async () => {
        const text = await session.script(
          `const row = document.querySelector(arguments[0]); const n = row && row.querySelector('[data-testid="due-noted"]');
           return document.querySelector('[data-testid="track-form"]') ? "" : (n ? n.textContent : "");`,
          [rowCss],
        );
        return text.includes(COMMENT) && text.includes("№ 77");
      });
      assert.equal(await rowStatus(session, picked.item, picked.due), "done");
      await session.script(`document.querySelector(arguments[0]).scrollIntoView({ block: "center" });`, [rowCss]);
      await saveScreenshot(session, "tracking-month");
      await click(session, '[data-testid="month-prev"]');
      await session.waitFor('[data-testid="tab-month"][data-month="2025-04"]');
      await click(session, '[data-testid="month-next"]');
      await session.waitFor('[data-testid="tab-month"][data-month="2025-05"]');

      // ---- «График»: every item a row; the May cell of the item is done; search filters rows ----
      await openTab(session, "timeline");
      const rows = await session.findAll('[data-testid="timeline-row"]');
      assert.equal(rows.length, 46, "one row per item of the sample");
      const cell = await session.script(
        `const row = document.querySelector('[data-testid="timeline-row"][data-item="' + arguments[0] + '"]');
         const c = row && row.querySelector('[data-m="2025-05"]');
         return c ? c.dataset.status ?? "" : null;`,
        [picked.item],
      );
      assert.equal(cell, "done");
      await saveScreenshot(session, "tracking-timeline");
      // One year: twelve months, the item still done in May.
      await choose(session, '[data-testid="timeline-range"]', "2025");
      await waitUntil("the year 2025", async () =>
        (await session.script(`return document.querySelectorAll('.tl-head [data-m]').length;`)) === 12);
      assert.equal(
        await session.script(
          `return document.querySelector('[data-testid="timeline-row"][data-item="' + arguments[0] + '"] [data-m="2025-05"]').dataset.status;`,
          [picked.item],
        ),
        "done",
      );
      await saveScreenshot(session, "tracking-timeline-2025");
      await choose(session, '[data-testid="timeline-range"]', "");
      await waitUntil("the whole period", async () =>
        (await session.script(`return document.querySelectorAll('.tl-head [data-m]').length;`)) === 33);
      const word = picked.activity.split(/\s+/).find((w) => w.length > 6) ?? picked.activity;
      await typeInto(session, '[data-testid="filter-search"]', word);
      const visible = await waitUntil("the search filters", async () => {
        const n = await session.script(
          `return [...document.querySelectorAll('[data-testid="timeline-row"]')].filter((r) => !r.hidden).length;`,
        );
        return n > 0 && n < 46 ? n : false;
      });
      t.diagnostic(`search «${word}»: ${visible} of 46 rows`);
      await click(session, '[data-testid="filter-reset"]');
      await waitUntil("all rows again", async () =>
        (await session.script(`return [...document.querySelectorAll('[data-testid="timeline-row"]')].filter((r) => !r.hidden).length;`)) === 46);

      // ---- «Исполнение»: a fact with a comma, a word refused ----
      await openTab(session, "execution");
      await typeInto(session, '[data-testid="exec-fact-1-2025"]', "много" + KEY.enter);
      await waitUntil("the hint", async () => /не число/.test(await session.textOf('[data-testid="exec-fact-hint-1"]')));
      await typeInto(session, '[data-testid="exec-fact-1-2025"]', "14,5" + KEY.enter);
      await waitUntil("the degree of 2025", async () => /^\d,\d+$|^1$/.test(await session.textOf('[data-testid="exec-degree-1-2025"]')));
      assert.equal(await session.textOf('[data-testid="exec-fact-hint-1"]'), "");
      assert.match(await session.textOf('[data-testid="exec-overall"]'), /%$/);
      const bars = await session.findAll('[data-testid="exec-chart-1"] svg rect.exec-fact');
      assert.ok(bars.length >= 3, "fact bars for 2024, 2025 and the legend");
      await session.script(`document.querySelector('[data-testid="exec-indicator-1"]').scrollIntoView({ block: "start" });`);
      await saveScreenshot(session, "tracking-execution");

      // ---- «Отчёт»: the year 2025, saved as PDF ----
      await openTab(session, "report");
      // Two dates the wrong way round are refused before anything is asked.
      await choose(session, '[data-testid="report-kind"]', "dates");
      await typeInto(session, '[data-testid="report-from"]', "31.12.2025");
      await typeInto(session, '[data-testid="report-to"]', "01.01.2025");
      assert.equal(await session.textOf('[data-testid="report-range-hint"]'), "Начало периода позже его окончания.");
      assert.equal(await session.script(`return document.querySelector('[data-testid="report-save"]').disabled;`), true);
      // School years run September to August and are cut to the period (09.2024–05.2027).
      await choose(session, '[data-testid="report-kind"]', "school");
      assert.deepEqual(
        await session.script(`return [...document.querySelectorAll('[data-testid="report-period"] option')].map((o) => o.textContent);`),
        ["2024/2025 учебный год", "2025/2026 учебный год", "2026/2027 учебный год"],
      );
      assert.match(await session.textOf('[data-testid="report-preview"]'), /^С 01\.09\.2024 по 31\.08\.2025/);
      await choose(session, '[data-testid="report-period"]', "2");
      assert.match(await session.textOf('[data-testid="report-preview"]'), /^С 01\.09\.2026 по 31\.05\.2027/);
      await choose(session, '[data-testid="report-kind"]', "whole");
      assert.match(await session.textOf('[data-testid="report-preview"]'), /^С 01\.09\.2024 по 31\.05\.2027/);
      await choose(session, '[data-testid="report-kind"]', "year");
      assert.equal(
        await session.script(`return document.querySelector('[data-testid="report-period"] option').textContent;`),
        "2024 год",
      );
      assert.match(await session.textOf('[data-testid="report-preview"]'), /^С 01\.09\.2024 по 31\.12\.2024/);
      const index = await session.script(
        `return [...document.querySelectorAll('[data-testid="report-period"] option')].findIndex((o) => o.textContent === "2025 год");`,
      );
      assert.ok(index >= 0, "the year 2025 is offered");
      await choose(session, '[data-testid="report-period"]', String(index));
      assert.match(await session.textOf('[data-testid="report-preview"]'), /С 01\.01\.2025 по 31\.12\.2025/);
      await saveScreenshot(session, "tracking-report");
      await click(session, '[data-testid="report-save"]');
      await waitUntil("the report is saved", async () =>
        /Отчёт сохранён: .*report\.pdf/.test(await session.textOf('[data-testid="report-status"]')), 60_000);
    });

    const pdf = env.METODIST_TEST_SAVE_TO;
    assert.ok(existsSync(pdf), "the report PDF was written");
    copyFileSync(pdf, join(ARTIFACTS, "tracking-report.pdf"));
    const raw = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
    writeFileSync(join(ARTIFACTS, "tracking-report.txt"), raw);
    const text = raw.replace(/\u00ad\s*/g, "").replace(/-\s*\n\s*/g, "").replace(/\s+/g, " ");
    assert.ok(text.includes("Отчёт о ходе реализации"), "the report's title");
    // The picked item's row: its number, the activity (or «То же» under the
    // same item), the due date, the responsible, then «выполнено», the date
    // done and the comment.
    const at = text.indexOf(COMMENT);
    assert.ok(at > 0, "the comment is in the report");
    const row = text.slice(text.lastIndexOf(`${picked.number} `, at), at + COMMENT.length);
    const dueRu = picked.due.split("-").reverse().join(".");
    assert.ok(row.includes(dueRu), `the row «${row}» is the due date ${dueRu}`);
    assert.match(row, new RegExp(` выполнено 20\\.05\\.2025 ${COMMENT}$`), `the row «${row}» shows it done`);
    assert.doesNotMatch(row, /не выполнено|нарушением|запланировано/);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});

test("the timeline of a 300-item programme is built at once and filters quickly", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("tracking-large");
  try {
    const file = join(dir, "g300.metodist.json");
    execFileSync(CLI, ["gen", "--items", "300", "-o", file], { env, encoding: "utf8", timeout: 60_000 });
    const id = execFileSync(CLI, ["--db", env.METODIST_DB, "import", file], { env, encoding: "utf8", timeout: 60_000 }).trim();
    await launch(t, "tracking-large", env, async (session) => {
      await session.waitFor('[data-testid="programme-list"]');
      const started = Date.now();
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/timeline`]);
      await session.waitFor('[data-testid="tab-timeline"]', 30_000);
      const wall = Date.now() - started;
      const rows = (await session.findAll('[data-testid="timeline-row"]')).length;
      assert.equal(rows, 300);
      const info = await session.script(
        `const d = document.querySelector('[data-testid="tab-timeline"]').dataset;
         return [d.loadMs, d.buildMs, document.querySelectorAll('.tl-cell').length];`,
      );
      // A filter runs on the rows already built: time one keystroke's worth.
      const filterMs = await session.script(
        `const el = document.querySelector('[data-testid="filter-search"]');
         const t0 = performance.now();
         el.value = "1.1"; el.dispatchEvent(new Event("input"));
         const shown = [...document.querySelectorAll('[data-testid="timeline-row"]')].filter((r) => !r.hidden).length;
         el.value = ""; el.dispatchEvent(new Event("input"));
         return [Math.round(performance.now() - t0), shown];`,
      );
      assert.ok(filterMs[1] > 0 && filterMs[1] < 300, `the search «1.1» keeps some rows: ${filterMs[1]}`);
      // Reported, not asserted: a busy machine must not fail the test.
      t.diagnostic(`300 items, ${info[2]} cells: data ${info[0]} ms, built ${info[1]} ms, ${wall} ms from the hash change (WebDriver included); search and reset ${filterMs[0]} ms`);
      await saveScreenshot(session, "tracking-timeline-300");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});

test("items without a date in the period are named on «Сегодня» and lead to their «Сроки» cell", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("tracking-untracked");
  try {
    const id = execFileSync(CLI, ["import", FIXTURE], { env, encoding: "utf8", timeout: 60_000 }).trim();
    const untracked = (s) =>
      s.script(
        `return [...document.querySelectorAll('[data-testid="untracked-row"]')].map((r) =>
           [r.querySelector('.tr-number').textContent, r.querySelector('[data-testid="untracked-reason"]').textContent]);`,
      );
    await launch(t, "tracking-untracked", env, async (session) => {
      await session.waitFor('[data-testid="programme-list"]');
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/today`]);
      await session.waitFor('[data-testid="today-untracked"]');
      // The sample's 1.9 «по итогам года» is not understood; 2.10 «Март, 2023»
      // lies before the period (09.2024–05.2027).
      assert.deepEqual(await untracked(session), [
        ["1.9", "срок не распознан — укажите месяцы вручную"],
        ["2.10", "все даты вне периода программы — проверьте год"],
      ]);
      await saveScreenshot(session, "tracking-untracked");
      const fix = await session.script(
        `return [...document.querySelectorAll('[data-testid="untracked-row"]')].findIndex((r) => r.querySelector('.tr-number').textContent === "2.10");`,
      );
      await session.script(`document.querySelectorAll('[data-testid="untracked-fix"]')[arguments[0]].click();`, [fix]);
      await session.waitFor('[data-testid="editor"][data-tab="roadmap"]');
      // The roadmap opens on 2.10 with its «Сроки» cell in focus: the year is fixed by typing.
      const focused = await waitUntil("the «Сроки» cell of 2.10 in focus", () =>
        session.script(
          `const a = document.activeElement;
           const row = a && a.closest('[data-testid="item-row"]');
           return row && row.querySelector('[data-testid="item-number"]').textContent === "2.10" ? a.value : false;`,
        ),
      );
      assert.equal(focused, "Март, 2023");
      // With the sample's four year columns at the default window size no text
      // column is squeezed (once the responsible column got 58 px, a letter a line)
      // and the table fits without scrolling sideways.
      const widths = await session.script(
        `return Object.fromEntries([...document.querySelectorAll('[data-testid="roadmap-table"] thead th')]
           .map((th) => [th.textContent, Math.round(th.getBoundingClientRect().width)]));`,
      );
      t.diagnostic(`roadmap column widths: ${JSON.stringify(widths)}`);
      for (const name of ["Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат", "Плановое значение"]) {
        assert.ok(widths[name] >= 90, `${name}: ${widths[name]} px`);
      }
      assert.ok(
        await session.script(`const s = document.querySelector('.roadmap-scroll'); return s.scrollWidth <= s.clientWidth + 1;`),
        "the roadmap fits the default window",
      );
      const element = await activeElement(session);
      await session.call("POST", `/element/${element}/clear`, {});
      await session.call("POST", `/element/${element}/value`, { text: "Март, 2025" });
      await waitSaved(session);
      const march = JSON.parse(execFileSync(CLI, ["due", id, "--month", "2025-03"], { env, encoding: "utf8" }));
      assert.ok(march.due.some((e) => e.number === "2.10"), "2.10 is due in March 2025");
      await openTab(session, "today");
      assert.deepEqual(await untracked(session), [["1.9", "срок не распознан — укажите месяцы вручную"]]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});

test("«Месяц» lists the work under way whose due date is in a later month", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("tracking-under-way");
  try {
    const id = execFileSync(CLI, ["import", FIXTURE], { env, encoding: "utf8", timeout: 60_000 }).trim();
    await launch(t, "tracking-under-way", env, async (session) => {
      await session.waitFor('[data-testid="programme-list"]');
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/month`]);
      await session.waitFor('[data-testid="tab-month"][data-month="2025-05"]');
      const underWay = await session.script(
        `return [...document.querySelectorAll('[data-testid="under-way-row"]')].map((r) =>
           [r.querySelector('.tr-number').textContent, r.querySelector('[data-testid="under-way-next"]').textContent]);`,
      );
      const due = await session.script(
        `return [...document.querySelectorAll('[data-testid="due-row"] [data-testid="due-number"]')].map((n) => n.textContent);`,
      );
      // 1.7 «2024-2026 гг.» is worked on in May and due on 31.12.2025; 3.8
      // «В течение учебного года» is due on 31.05.2025, so it is a due row.
      assert.ok(underWay.some(([n, next]) => n === "1.7" && next === "31.12.2025"), JSON.stringify(underWay));
      assert.ok(due.includes("3.8"), JSON.stringify(due));
      assert.ok(!underWay.some(([n]) => due.includes(n)), "an item due this month is not also under way");
      // The same lists as the core gives.
      const expected = JSON.parse(execFileSync(CLI, ["due", id, "--month", "2025-05"], { env, encoding: "utf8" }));
      assert.deepEqual([...new Set(due)].sort(), [...new Set(expected.due.map((e) => e.number))].sort());
      // A status filter hides the work under way (it has no status this month).
      await choose(session, '[data-testid="filter-status"]', "planned");
      assert.equal(await session.script(`return document.querySelector('[data-testid="month-under-way"]').hidden;`), true);
      await choose(session, '[data-testid="filter-status"]', "");
      assert.equal(await session.script(`return document.querySelector('[data-testid="month-under-way"]').hidden;`), false);
      await saveScreenshot(session, "tracking-under-way");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
