// End-to-end tests of the roadmap's printed column headers in the real window:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/find-headers.test.mjs
//
// Find (Ctrl+F) reaches a default header that prints in place of an empty
// one (crates/core find.rs): its hit opens «Оформление дорожной карты» on the
// empty header field that shows the default greyed, and a replacement there
// stores the new header as hers; one «Отменить» gives the default back. The
// editor's narrow «№ п/п» header never breaks inside «п/п» at 800×600 and
// 1920×1080 (screenshots tests/e2e/artifacts/find-headers-roadmap-*.png), and
// the page does not scroll sideways. Same environment as the other e2e files
// (METODIST_APP_BIN, METODIST_CLI_BIN, TAURI_DRIVER).

import assert from "node:assert/strict";
import { test } from "node:test";

import { FIXTURE, KEY, click, cliMissing, freshEnv, launch, runCli, saveScreenshot, waitSaved, waitUntil } from "./harness.mjs";
import { ctrl, focused, hitTexts, openProgramme, resize, typeInto } from "./find-helpers.mjs";

const TEST_TIMEOUT_MS = 600_000;
/** Waits are generous: the machine running these may be loaded. */
const SLOW = 60_000;

test("a default column header is found as it prints; its hit opens the empty header field, and a replacement there is stored as her header", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { env } = freshEnv("find-headers");
  const id = runCli(env, "--db", env.METODIST_DB, "import", FIXTURE).trim();
  const cliFind = (text) => runCli(env, "--db", env.METODIST_DB, "find", id, text).trim().split("\n");
  const headers = () => JSON.parse(runCli(env, "--db", env.METODIST_DB, "export", id, "-o", "-")).programme.layout?.roadmap?.columns ?? [];
  assert.deepEqual(headers(), [], "the sample types no column headers");
  await launch(t, "find-headers", env, async (session) => {
    await openProgramme(session, "act");
    await click(session, '[data-testid="act-title"]');
    await ctrl(session, "h");
    await session.waitFor('[data-testid="find-panel"]', SLOW);
    await typeInto(session, '[data-testid="find-input"]', "ответственные");
    await waitUntil("the header's hit", async () => (await hitTexts(session)).length === 1, SLOW);
    assert.deepEqual(await hitTexts(session), [["Дорожная карта · оформление, заголовок столбца «Ответственные» (обычный)", "Ответственные"]]);

    await click(session, '[data-testid="find-hit-1"]');
    const at = await waitUntil("the header field, focused", async () => {
      const f = await focused(session);
      return f && f.tab === "roadmap" && f.testid === "shape-column-responsible-header" ? f : false;
    }, SLOW);
    // The default is not her text: the field is empty and shows it greyed,
    // in the «Оформление» card opened for it, and the panel says so.
    assert.deepEqual([at.value, at.placeholder, at.open], ["", "Ответственные", true]);
    assert.match(await session.textOf('[data-testid="find-status"]'), /Печатается обычный заголовок «Ответственные»/);
    await waitUntil("the field in view, above the panel", () =>
      session.script(
        `const r = document.activeElement.getBoundingClientRect();
         const panel = document.querySelector('[data-testid="find-panel"]').getBoundingClientRect();
         return r.top >= 0 && r.bottom <= panel.top + 1;`,
      ), SLOW);
    await saveScreenshot(session, "find-headers-default-hit");

    await typeInto(session, '[data-testid="replace-input"]', "Ответственные исполнители");
    await click(session, '[data-testid="replace-one"]');
    await waitUntil("«Заменено»", async () => /^Заменено\./.test(await session.textOf('[data-testid="find-status"]')), SLOW);
    await waitSaved(session);
    const stored = headers().find((c) => c.kind === "responsible");
    assert.equal(stored?.header, "Ответственные исполнители", "stored as her header");
    assert.ok(headers().filter((c) => c.kind !== "responsible").every((c) => c.header === ""), "the other headers stay default");
    // The roadmap's header and the field show it at once.
    await waitUntil("the new header on the tab", () =>
      session.script(
        `return document.querySelector('[data-testid="rm-head-responsible"]')?.textContent === "Ответственные исполнители"
           && document.querySelector('[data-testid="shape-column-responsible-header"]')?.value === "Ответственные исполнители";`,
      ), SLOW);
    assert.equal(cliFind("исполнители").at(-2), "Дорожная карта · оформление, заголовок столбца «Ответственные»\tОтветственные ⟦исполнители⟧");

    await click(session, '[data-testid="undo"]');
    await waitSaved(session);
    assert.deepEqual(headers(), [], "one undo gives the default set back");
    assert.deepEqual(cliFind("ответственные"), ["Дорожная карта · оформление, заголовок столбца «Ответственные» (обычный)\t⟦Ответственные⟧", "Найдено: 1 совпадение."]);
  });
});

/** The number column's header as laid out: its text, how many lines «п/п»
 * and the whole header take, and whether the header and the table stay in
 * the window. */
const MEASURE = `const th = document.querySelector('[data-testid="rm-head-number"]');
         // The lines «п/п» is laid out on: one rectangle per line it spans.
         const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
         let lines = null;
         for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
           const at = node.data.indexOf("п/п");
           if (at < 0) continue;
           const range = document.createRange();
           range.setStart(node, at);
           range.setEnd(node, at + 3);
           lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
         }
         const all = document.createRange();
         all.selectNodeContents(th);
         const cell = th.getBoundingClientRect();
         const box = document.querySelector(".roadmap-scroll").getBoundingClientRect();
         return { text: th.textContent, lines, headerLines: new Set([...all.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size,
           fits: th.scrollWidth <= th.clientWidth, cellRight: cell.right, boxRight: box.right,
           pageWidth: document.scrollingElement.scrollWidth, window: window.innerWidth };`;

test("«№ п/п» over the roadmap's number column never breaks inside «п/п», at 800×600 and 1920×1080", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { env } = freshEnv("number-header");
  runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
  await launch(t, "number-header", env, async (session) => {
    await openProgramme(session, "roadmap");
    await session.waitFor('[data-testid="roadmap"][data-complete]', SLOW);
    for (const [width, height] of [[800, 600], [1920, 1080]]) {
      await resize(session, width, height);
      await session.script("window.scrollTo(0, 0);");
      await saveScreenshot(session, `find-headers-roadmap-${width}x${height}`);
      const head = await session.script(MEASURE);
      const at = `at ${width}×${height}: ${JSON.stringify(head)}`;
      assert.equal(head.text, "№ п/п", `the text as stored, ${at}`);
      assert.equal(head.lines, 1, `«п/п» on one line, ${at}`);
      assert.ok(head.fits, `the header inside its cell, ${at}`);
      assert.ok(head.cellRight <= head.window && head.boxRight <= head.window, `the table's box inside the window, ${at}`);
      assert.ok(head.pageWidth <= head.window, `the page does not scroll sideways, ${at}`);
    }
    // Less room than «№ п/п» needs (a wider font elsewhere; here the
    // padding the header had, where «п/» went over «п»): «п/п» goes on the
    // next line whole.
    await session.script(`const th = document.querySelector('[data-testid="rm-head-number"]'); th.style.padding = "6px";`);
    const wide = await session.script(MEASURE);
    assert.deepEqual([wide.headerLines, wide.lines, wide.text], [2, 1, "№ п/п"], JSON.stringify(wide));
  });
});
