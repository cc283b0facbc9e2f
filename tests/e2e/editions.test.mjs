// End-to-end test of editions and amendments in the window (issue #17,
// docs/design.md §4a): the sample approved on the «Редакции» tab, changed
// as the methodologist would (a deadline moved, an item added, the goal
// rewritten, an indicator's plan changed), «Сравнить» showing exactly those
// changes with the words marked, the amendment act drafted, edited and
// saved as a PDF citing the approving act, and the approved edition still
// reading and printing the old deadline:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/editions.test.mjs
//
// Same environment as editor.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER). The save dialogs are answered by METODIST_TEST_SAVE_TO.
// Screenshots of the list, the comparison and the act at 800×600 and
// 1920×1080 go to tests/e2e/artifacts/editions-*.png.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ARTIFACTS, FIXTURE, KEY, click, cliMissing, freshEnv, launch, runCli, saveScreenshot, typeActive, waitSaved, waitUntil, retype } from "./harness.mjs";

const TEST_TIMEOUT_MS = 600_000;
const SLOW = 90_000;

const NEW_ACTIVITY = "Выездные консультации методистов в школах — участницах программы";
const NEW_GOAL_WORDS = "и повышения качества преподавания";
const EDITED_POINT = "Пункт, дописанный перед печатью.";

/** An element's text (or a field's value) read in one step. */
function textOf(session, css) {
  return session.script(
    `const el = document.querySelector(arguments[0]);
     return el ? ("value" in el && el.tagName !== "LI" ? el.value : el.textContent) : "";`,
    [css],
  );
}

async function openTab(session, id, tab) {
  await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/${tab}`]);
  await session.waitFor(`[data-testid="tab-${tab}"], [data-testid="${tab}"]`, SLOW);
}

async function openView(session, view) {
  await click(session, `[data-testid="editions-view-${view}"]`);
  await session.waitFor(`[data-testid="tab-editions"][data-view="${view}"]`, SLOW);
}

/** Screenshots at 800×600 and 1920×1080 of what `css` holds, scrolled to its top. */
async function shoot(session, name, css) {
  for (const [width, height] of [[800, 600], [1920, 1080]]) {
    await session.call("POST", "/window/rect", { width, height });
    await session.script(`document.querySelector(arguments[0])?.scrollIntoView({ block: "start" });`, [css]);
    await saveScreenshot(session, `editions-${name}-${width}x${height}`);
    const page = await session.script(`return { width: document.documentElement.scrollWidth, window: innerWidth };`);
    assert.ok(page.width <= page.window, `${name} at ${width}×${height}: the page is ${page.width} px wide in a ${page.window} px window`);
  }
  await session.call("POST", "/window/rect", { width: 1280, height: 800 });
}

function pdfText(file) {
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  // Words broken at a line end (a hyphen or the soft hyphen of the typesetter) read whole.
  return text.replace(/[-\u00ad]\s*\n\s*/g, "").replace(/\s+/g, " ");
}

test("approve, change, compare with the words marked, print the amendment act; the approved edition keeps the old deadline", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env, db } = freshEnv("editions");
  const saved = env.METODIST_TEST_SAVE_TO;
  try {
    // The sample as a draft: a version 2 file of an approved programme
    // would import already approved in one edition (exchange.rs).
    const draft = JSON.parse(readFileSync(FIXTURE, "utf8"));
    draft.programme.status = "draft";
    const file = join(dir, "draft.metodist.json");
    writeFileSync(file, JSON.stringify(draft));
    const id = runCli(env, "--db", db, "import", file).trim();
    assert.match(id, /^\d+$/);
    await launch(t, "editions", env, async (session) => {
      // ---- approval: the date checked beside the field, then approved ----
      await openTab(session, id, "editions");
      await session.waitFor('[data-testid="editions-draft"]', SLOW);
      assert.match(await textOf(session, '[data-testid="editions-draft"]'), /ещё не утверждена/);
      await click(session, '[data-testid="editions-approve"]');
      await session.waitFor('[data-testid="approve-form"]');
      // The form offers the act's own date and number.
      assert.equal(await textOf(session, '[data-testid="approve-date"]'), "28.08.2024");
      assert.equal(await textOf(session, '[data-testid="approve-number"]'), "412");
      const date = await session.waitFor('[data-testid="approve-date"]');
      await session.call("POST", `/element/${date}/clear`, {});
      await session.call("POST", `/element/${date}/value`, { text: "31.11.2024" });
      await click(session, '[data-testid="approve-ok"]');
      await waitUntil("the date refused beside it", async () => /в ноябре 30 дней/.test(await textOf(session, '[data-testid="approve-date-hint"]')));
      assert.equal((await session.findAll('[data-testid="edition-1"]')).length, 0, "nothing approved with an impossible date");
      // A date still to come: the core's refusal, beside the form.
      await session.call("POST", `/element/${date}/clear`, {});
      await session.call("POST", `/element/${date}/value`, { text: "01.01.2199" });
      await click(session, '[data-testid="approve-ok"]');
      await waitUntil("the future date refused", async () => /ещё не наступила/.test(await textOf(session, '[data-testid="approve-refusal-text"]')), SLOW);
      await shoot(session, "approve-refused", '[data-testid="tab-editions"]');
      await session.call("POST", `/element/${date}/clear`, {});
      await session.call("POST", `/element/${date}/value`, { text: "28.08.2024" });
      await click(session, '[data-testid="approve-ok"]');
      await session.waitFor('[data-testid="edition-1"][data-in-force="true"]', SLOW);
      assert.equal((await session.findAll('[data-testid="editions-draft"]')).length, 0, "no draft while nothing changed");
      assert.match(await textOf(session, '[data-testid="edition-1-act"]'), /утверждена постановлением от 28\.08\.2024 № 412/);
      assert.equal(await textOf(session, '[data-testid="editor-status"]'), "approved");

      // ---- the changes, as she makes them ----
      await openTab(session, id, "roadmap");
      await session.waitFor('[data-testid="roadmap"][data-complete]', SLOW);
      const firstUid = await session.script(`return document.querySelector('[data-testid="item-row"]').dataset.uid;`);
      await retype(session, `[data-testid="item-row"][data-uid="${firstUid}"] [data-testid="item-deadline"]`, "Октябрь 2024", { timeoutMs: SLOW });
      await waitSaved(session);
      const before = (await session.findAll('[data-testid="item-row"]')).length;
      await click(session, '[data-testid="add-item"]');
      await waitUntil("the new item", async () => (await session.findAll('[data-testid="item-row"]')).length === before + 1, SLOW);
      await typeActive(session, NEW_ACTIVITY);
      await typeActive(session, KEY.tab);
      await typeActive(session, "Ноябрь 2024");
      await typeActive(session, KEY.tab);
      await waitSaved(session);

      await openTab(session, id, "passport");
      const goal = '[data-testid^="passport-row-"][data-key="goal"] .passport-content textarea';
      await session.waitFor(goal, SLOW);
      const oldGoal = await textOf(session, goal);
      const newGoal = oldGoal.replace(/\.\s*$/, "") + ` ${NEW_GOAL_WORDS}.`;
      await retype(session, goal, newGoal, { timeoutMs: SLOW });
      await waitSaved(session);

      await openTab(session, id, "indicators");
      await retype(session, '[data-testid="indicator-plan-1-2026"]', "10", { timeoutMs: SLOW });
      await waitSaved(session);

      // ---- the draft on top, the comparison ----
      await openTab(session, id, "editions");
      await session.waitFor('[data-testid="editions-draft"]', SLOW);
      assert.match(await textOf(session, '[data-testid="editions-draft"]'), /Изменения после редакции № 1/);
      await shoot(session, "list", '[data-testid="tab-editions"]');

      await openView(session, "compare");
      await session.waitFor('[data-testid="compare-result"][data-complete]', SLOW);
      assert.equal(await textOf(session, '[data-testid="compare-from"]'), "edition:1");
      assert.equal(await textOf(session, '[data-testid="compare-to"]'), "draft");
      const entries = await session.script(
        `return [...document.querySelectorAll('[data-testid="diff-entry"]')].map((li) => ({
           group: li.closest('[data-testid^="compare-group-"]').dataset.testid,
           kind: li.dataset.kind,
           what: li.querySelector('[data-testid="diff-what"]').textContent,
           fields: [...li.querySelectorAll('[data-testid="diff-field"]')].map((f) => ({
             name: f.dataset.name,
             added: [...f.querySelectorAll('[data-testid="seg-added"]')].map((s) => s.textContent),
             removed: [...f.querySelectorAll('[data-testid="seg-removed"]')].map((s) => s.textContent),
           })),
           contents: [...li.querySelectorAll('[data-testid="diff-content"]')].map((f) => f.textContent),
         }));`,
      );
      t.diagnostic(`comparison: ${JSON.stringify(entries)}`);
      assert.equal(entries.length, 4, "exactly the four changes");
      assert.equal(await textOf(session, '[data-testid="compare-count"]'), "Изменено элементов: 4.");
      const [goalEntry, planEntry, deadlineEntry, addedEntry] = [
        entries.find((e) => e.group === "compare-group-passport"),
        entries.find((e) => e.group === "compare-group-indicators"),
        entries.find((e) => e.group === "compare-group-roadmap" && e.kind === "modified"),
        entries.find((e) => e.group === "compare-group-roadmap" && e.kind === "added"),
      ];
      assert.ok(goalEntry && planEntry && deadlineEntry && addedEntry, "passport, indicator, moved deadline, added item");
      assert.match(goalEntry.what, /Позиция паспорта «Цель программы»/);
      assert.deepEqual(goalEntry.fields.map((f) => f.name), ["Содержание"]);
      // The words marked are hidden-labelled for a screen reader: «[добавлено: …]».
      assert.ok(goalEntry.fields[0].added.some((s) => s.includes(NEW_GOAL_WORDS)), "the goal's new words are marked added");
      assert.match(planEntry.what, /^Показатель 1 /);
      assert.deepEqual(planEntry.fields.map((f) => f.name), ["План на 2026 г."]);
      assert.ok(planEntry.fields[0].removed.some((s) => s.includes("7,14") || s.includes("7.14")), `old plan struck: ${JSON.stringify(planEntry.fields[0])}`);
      assert.ok(planEntry.fields[0].added.some((s) => s.includes("10")));
      assert.match(deadlineEntry.what, /^Пункт 1\.1 /);
      assert.deepEqual(deadlineEntry.fields.map((f) => f.name), ["Срок"]);
      assert.ok(deadlineEntry.fields[0].removed.some((s) => s.includes("Сентябрь")));
      assert.ok(deadlineEntry.fields[0].added.some((s) => s.includes("Октябрь")));
      assert.ok(addedEntry.what.includes(NEW_ACTIVITY.slice(0, 40)), addedEntry.what);
      assert.ok(addedEntry.contents.some((c) => c.includes("Ноябрь 2024")), "the added item's deadline");
      // Told apart without colour: underline and strike-through.
      const decorations = await session.script(
        `const a = document.querySelector('[data-testid="seg-added"]'), r = document.querySelector('[data-testid="seg-removed"]');
         return [getComputedStyle(a).textDecorationLine, getComputedStyle(r).textDecorationLine, a.tagName, r.tagName];`,
      );
      assert.deepEqual(decorations, ["underline", "line-through", "INS", "DEL"]);
      await shoot(session, "compare", '[data-testid="tab-editions"]');
      // The comparison table printed with the same two sides.
      await click(session, '[data-testid="compare-print"]', SLOW);
      await session.waitFor('[data-testid="compare-print-saved"]', SLOW);
      const table = pdfText(saved);
      for (const expected of ["Действующая редакция", "Новая редакция", "Сентябрь 2024", "Октябрь 2024"]) {
        assert.ok(table.includes(expected), `the comparison table's PDF reads «${expected}»`);
      }
      copyFileSync(saved, join(ARTIFACTS, "editions-comparison.pdf"));
      rmSync(saved);

      // ---- the amendment act: drafted, edited, printed ----
      await openView(session, "act");
      await session.waitFor('[data-testid="act-draft-title"]', SLOW);
      const title = await textOf(session, '[data-testid="act-draft-title"]');
      assert.match(title, /^О внесении изменений/);
      assert.match(title, /28\.08\.2024 № 412/, "the title cites the approving act");
      const points = await session.script(`return [...document.querySelectorAll('[data-testid^="act-draft-point-"]')].filter((el) => el.tagName === "TEXTAREA").map((el) => el.value);`);
      t.diagnostic(`points: ${JSON.stringify(points)}`);
      const all = points.join("\n");
      assert.match(all, /Цель программы/, "a point for the passport's goal");
      assert.match(all, /Октябрь 2024/, "a point for the moved deadline");
      assert.ok(all.includes(NEW_ACTIVITY.slice(0, 40)), "a point for the added item");
      await click(session, '[data-testid="act-draft-point-add"]', SLOW);
      const last = `[data-testid="act-draft-point-${points.length + 1}"]`;
      const added = await session.waitFor(last);
      await session.call("POST", `/element/${added}/value`, { text: EDITED_POINT });
      await shoot(session, "act", '[data-testid="tab-editions"]');
      await click(session, '[data-testid="act-print"]', SLOW);
      await session.waitFor('[data-testid="act-saved"]', SLOW);
      assert.match(await textOf(session, '[data-testid="act-saved"]'), /PDF сохранён: .*saved\.pdf/);
      assert.ok(existsSync(saved));
      copyFileSync(saved, join(ARTIFACTS, "editions-act.pdf"));
      const act = pdfText(saved);
      for (const expected of ["О внесении изменений", "от 28.08.2024 № 412", "Октябрь 2024", NEW_ACTIVITY.slice(0, 30), EDITED_POINT]) {
        assert.ok(act.includes(expected), `the act's PDF reads «${expected}»`);
      }
      rmSync(saved);

      // ---- the approved edition, as it was ----
      await openView(session, "list");
      await click(session, '[data-testid="edition-1-open"]', SLOW);
      await session.waitFor('[data-testid="edition-view"]', SLOW);
      const deadline = await session.script(
        `return document.querySelector('[data-testid="edition-item"][data-uid="${firstUid}"] [data-testid="edition-item-deadline"]').textContent;`,
      );
      assert.equal(deadline, "Сентябрь 2024", "the approved edition keeps the old deadline");
      const inEdition = await session.script(`return document.querySelector('[data-testid="edition-roadmap"]').textContent;`);
      assert.ok(!inEdition.includes(NEW_ACTIVITY), "the added item is not in the approved edition");
      await click(session, '[data-testid="edition-view-print"]', SLOW);
      await session.waitFor('[data-testid="edition-print-saved"]', SLOW);
      const edition = pdfText(saved);
      assert.ok(edition.includes("Сентябрь 2024"), "the edition's PDF has the old deadline");
      assert.ok(!edition.includes(NEW_ACTIVITY.slice(0, 30)), "and not the added item");
      copyFileSync(saved, join(ARTIFACTS, "editions-edition-1.pdf"));
      rmSync(saved);
      // Every kind of section block is shown: the sample's two tables, its SWOT and its risks.
      const tables = await session.script(`return document.querySelectorAll('[data-testid="edition-view"] [data-testid="edition-section-table"]').length;`);
      assert.equal(tables, 4, "the sections' tables, SWOT and risks in the read-only edition");
      await saveScreenshot(session, "editions-edition-view");
      await session.script(`[...document.querySelectorAll('[data-testid="edition-section-table"]')].at(-2).scrollIntoView({ block: "start" });`);
      await saveScreenshot(session, "editions-edition-view-swot");
      // Its pages previewed as they print: as many as its PDF has.
      const editionPages = Number(/страниц: (\d+)/.exec(await textOf(session, '[data-testid="edition-print-saved"]'))?.[1]);
      await click(session, '[data-testid="edition-view-preview"]', SLOW);
      await session.waitFor('[data-testid="edition-view"] [data-testid="print-thumb"][data-loaded] img', SLOW);
      assert.equal(await textOf(session, '[data-testid="edition-view"] [data-testid="print-page-count"]'), `Страниц: ${editionPages}`);
      await click(session, '[data-testid="edition-view"] [data-testid="print-thumb"][data-index="0"]', SLOW);
      await session.waitFor('[data-testid="edition-view"] [data-testid="print-large"] img', SLOW);
      await saveScreenshot(session, "editions-edition-preview");
      // The same edition as a Word document, read back by our own reader.
      await click(session, '[data-testid="edition-view-docx"]', SLOW);
      await session.waitFor('[data-testid="edition-docx-saved"]', SLOW);
      const found = runCli(env, "--db", db, "import", saved, "--dry-run");
      assert.ok(found.includes("Сентябрь 2024"), "the edition's .docx has the old deadline");
      assert.ok(!found.includes(NEW_ACTIVITY.slice(0, 30)), "and not the added item");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
