// End-to-end test of the kind of an amendment act chosen at approval
// (docs/design.md §4a): the sample approved by its decree on the
// «Редакции» tab (the first approval has no choice of kind), a deadline
// moved, the amendment act drafted as an order («Вид акта» of «Акт о
// внесении изменений»: its formula and closing points follow, the decree
// is still cited as one), then approved as «Приказ» in the form's «Вид
// акта», which offers the drafted kind first; the
// list says so, and edition 2 printed to PDF carries «(в редакции приказа
// от … № …)» under its mark:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/approve-kind.test.mjs
//
// Same environment as editions.test.mjs. Screenshots of the amendment's
// approve form at 800×600 and 1920×1080 go to
// tests/e2e/artifacts/approve-kind-form-*.png.

import assert from "node:assert/strict";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { ARTIFACTS, FIXTURE, choose, click, cliMissing, freshEnv, launch, retype, runCli, saveScreenshot, waitSaved, waitUntil } from "./harness.mjs";

const TEST_TIMEOUT_MS = 600_000;
const SLOW = 90_000;

function textOf(session, css) {
  return session.script(
    `const el = document.querySelector(arguments[0]);
     return el ? ("value" in el ? el.value : el.textContent) : "";`,
    [css],
  );
}

async function openTab(session, id, tab) {
  await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/${tab}`]);
  await session.waitFor(`[data-testid="tab-${tab}"], [data-testid="${tab}"]`, SLOW);
}

function pdfText(file) {
  const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  return text.replace(/[-\u00ad]\s*\n\s*/g, "").replace(/\s+/g, " ");
}

test("an amendment approved as «Приказ» is listed and printed «в редакции приказа»", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env, db } = freshEnv("approve-kind");
  const saved = env.METODIST_TEST_SAVE_TO;
  // The sample as a draft (an approved version 2 file would import already
  // approved in one edition).
  const draft = JSON.parse(readFileSync(FIXTURE, "utf8"));
  draft.programme.status = "draft";
  const file = join(dir, "draft.metodist.json");
  writeFileSync(file, JSON.stringify(draft));
  const id = runCli(env, "--db", db, "import", file).trim();
  assert.match(id, /^\d+$/);
  await launch(t, "approve-kind", env, async (session) => {
    // ---- the first approval: the programme's own act, no kind to choose ----
    await openTab(session, id, "editions");
    await click(session, '[data-testid="editions-approve"]', SLOW);
    await session.waitFor('[data-testid="approve-form"]', SLOW);
    assert.equal((await session.findAll('[data-testid="approve-kind"]')).length, 0, "no «Вид акта» for the first approval");
    await click(session, '[data-testid="approve-ok"]');
    await session.waitFor('[data-testid="edition-1"][data-in-force="true"]', SLOW);
    assert.match(await textOf(session, '[data-testid="edition-1-act"]'), /утверждена постановлением от 28\.08\.2024 № 412/);

    // ---- a deadline moved ----
    await openTab(session, id, "roadmap");
    await session.waitFor('[data-testid="roadmap"][data-complete]', SLOW);
    const uid = await session.script(`return document.querySelector('[data-testid="item-row"]').dataset.uid;`);
    await retype(session, `[data-testid="item-row"][data-uid="${uid}"] [data-testid="item-deadline"]`, "Октябрь 2024", { timeoutMs: SLOW });
    await waitSaved(session);

    // ---- the amendment act drafted as an order ----
    await openTab(session, id, "editions");
    await click(session, '[data-testid="editions-view-act"]', SLOW);
    await session.waitFor('[data-testid="act-draft-formula"]', SLOW);
    assert.equal(await textOf(session, '[data-testid="act-kind"]'), "decree", "drafted as the approving act's kind");
    await choose(session, '[data-testid="act-kind"]', "order");
    await waitUntil("the act drafted as an order", async () => (await textOf(session, '[data-testid="act-draft-formula"]')) === "ПРИКАЗЫВАЮ:", SLOW);
    assert.match(await textOf(session, '[data-testid="act-draft-title"]'), /утверждённую постановлением .*от 28\.08\.2024 № 412/, "the decree is still cited as a decree");
    const closing = await session.script(`return [...document.querySelectorAll('[data-testid^="act-draft-point-"]')].filter((el) => el.tagName === "TEXTAREA").map((el) => el.value).join(" ");`);
    assert.match(closing, /Настоящий приказ вступает в силу/);
    await saveScreenshot(session, "approve-kind-act");

    // ---- the amendment, approved as an order ----
    await click(session, '[data-testid="editions-view-list"]', SLOW);
    await session.waitFor('[data-testid="editions-draft"]', SLOW);
    await click(session, '[data-testid="editions-approve"]', SLOW);
    await session.waitFor('[data-testid="approve-kind"]', SLOW);
    assert.equal(await textOf(session, '[data-testid="approve-kind"]'), "order", "the kind the act was drafted as");
    await choose(session, '[data-testid="approve-kind"]', "decree");
    assert.equal(await textOf(session, '[data-testid="approve-kind"]'), "decree");
    const labels = await session.script(`return [...document.querySelectorAll('[data-testid="approve-kind"] option')].map((o) => o.textContent);`);
    assert.deepEqual(labels, ["Постановление", "Приказ", "Распоряжение"]);
    await choose(session, '[data-testid="approve-kind"]', "order");
    await retype(session, '[data-testid="approve-date"]', "15.05.2025");
    await retype(session, '[data-testid="approve-number"]', "97-од");
    for (const [width, height] of [[800, 600], [1920, 1080]]) {
      await session.call("POST", "/window/rect", { width, height });
      await session.script(`document.querySelector('[data-testid="approve-form"]').scrollIntoView({ block: "center" });`);
      await saveScreenshot(session, `approve-kind-form-${width}x${height}`);
      const fit = await session.script(
        `const f = document.querySelector('[data-testid="approve-form"]').getBoundingClientRect();
         return { right: Math.round(f.right), window: innerWidth, page: document.documentElement.scrollWidth };`,
      );
      assert.ok(fit.right <= fit.window && fit.page <= fit.window, `the form fits at ${width}×${height}: ${JSON.stringify(fit)}`);
    }
    await session.call("POST", "/window/rect", { width: 1280, height: 800 });
    await click(session, '[data-testid="approve-ok"]');
    await session.waitFor('[data-testid="edition-2"][data-in-force="true"]', SLOW);
    assert.match(await textOf(session, '[data-testid="edition-2-act"]'), /изменения внесены приказом от 15\.05\.2025 № 97-од/);
    assert.match(await textOf(session, '[data-testid="edition-1-act"]'), /утверждена постановлением от 28\.08\.2024 № 412/);

    // ---- edition 2 printed: «в редакции приказа …» under its mark ----
    await click(session, '[data-testid="edition-2-print"]', SLOW);
    await waitUntil("the PDF saved", async () => existsSync(saved) && /PDF редакции № 2 сохранён/.test(await textOf(session, '[data-testid="edition-2-status"]')), SLOW);
    copyFileSync(saved, join(ARTIFACTS, "approve-kind-edition-2.pdf"));
    const printed = pdfText(saved);
    assert.match(printed, /от 28\.08\.2024 № 412 \(в редакции приказа от 15\.05\.2025 № 97-од\)/);
    assert.ok(!printed.includes("в редакции постановления"), "not cited as a decree");
  });
  // The CLI reads the same database: the kind is stored with the edition.
  const list = runCli(env, "--db", db, "editions", id);
  assert.match(list, /^2\tприказ\t15\.05\.2025\t№ 97-од\tдействующая$/m);
});
