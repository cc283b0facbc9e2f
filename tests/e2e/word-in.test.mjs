// End-to-end test of «Импорт…» with a Word document (issue #16), in the real
// window:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/word-in.test.mjs
//
// Same environment as the other window tests (METODIST_APP_BIN,
// METODIST_CLI_BIN, TAURI_DRIVER). The open dialog is answered by
// METODIST_TEST_OPEN_FROM, as for every dialog the tests go through: the
// test copies a different file to that path before each «Импорт…», so one
// launch goes through refused files, a review cancelled, a file changed
// after its review and a review imported. The database is read back with
// the CLI while the window is open. Screenshots of the review at 800×600 and
// 1920×1080 go to tests/e2e/artifacts/word-in-review-*.png.

import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import {
  FIXTURE,
  activeElement,
  click,
  cliMissing,
  freshEnv,
  launch,
  repo,
  runCli,
  saveScreenshot,
  waitUntil,
} from "./harness.mjs";

const TEST_TIMEOUT_MS = 600_000;
const DOCX = join(repo, "tests", "fixtures", "docx");
const SHAPES = join(repo, "tests", "fixtures", "shapes");

const MARKUP = `<img src=x onerror="window.__wordInPwned=1"><b>жирный</b>`;

const KEY_ENTER = "\uE007";
const KEY_ESCAPE = "\uE00C";

/** Presses one key where the focus is, as the keyboard does (WebDriver actions). */
async function press(session, key) {
  await session.call("POST", "/actions", {
    actions: [{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: key }, { type: "keyUp", value: key }] }],
  });
  await session.call("DELETE", "/actions");
}

async function activeTestId(session) {
  const element = await activeElement(session);
  return session.script("return arguments[0].dataset.testid ?? '';", [{ "element-6066-11e4-a52e-4f735466cecf": element }]);
}

/** Resizes the window; on a smaller screen it gets as large as the screen allows. */
async function resize(session, width, height) {
  await session.call("POST", "/window/rect", { width, height });
  const target = Math.min(width, await session.script("return screen.availWidth;"));
  await waitUntil(`a ${width}×${height} window`, async () => {
    const w = await session.script("return window.innerWidth;");
    return Math.abs(w - target) < 60 ? w : false;
  }, 20_000);
}

/** The programmes in the database, as `metodist list` prints them: [id, title]. */
function programmesIn(env) {
  return runCli(env, "--db", env.METODIST_DB, "list")
    .split("\n")
    // An empty database prints «Программ нет.».
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => {
      const cells = line.split("\t");
      return [Number(cells[0]), cells.at(-1)];
    });
}

/** The list's message after «Импорт…», once it no longer says «Читаю файл…». */
async function listMessage(session) {
  return waitUntil("the list's message", async () => {
    const text = await session.script(
      `const el = document.querySelector('[data-testid="programmes-screen"] [data-testid="programmes-message"]');
       return el ? el.textContent : "";`,
    );
    return text !== "" && !text.startsWith("Читаю файл") ? text : false;
  }, 90_000);
}

/** «Импорт…» on the list with `file` behind the dialog; returns when the
 * review is shown or the list has its message. */
async function importThrough(session, chosen, file) {
  copyFileSync(file, chosen);
  await session.waitFor('[data-testid="programmes-screen"]', 60_000);
  const button = (await session.findAll('[data-testid="programmes-import"]')).length > 0 ? "programmes-import" : "empty-import";
  await click(session, `[data-testid="${button}"]`);
  await waitUntil("the review or the list's message", async () => {
    return session.script(
      `if (document.querySelector('[data-testid="review-screen"]')) return true;
       const el = document.querySelector('[data-testid="programmes-screen"] [data-testid="programmes-message"]');
       return el !== null && el.textContent !== "" && !el.textContent.startsWith("Читаю файл");`,
    );
  }, 90_000);
}

/** What the review shows: the counts by key, the act's facts by key, warnings and the rest. */
function reviewed(session) {
  return session.script(`
    const all = (css) => [...document.querySelectorAll(css)];
    const byKey = (css) => Object.fromEntries(all(css).map((el) => [el.dataset.key, el.querySelector("dd") ? el.querySelector("dd").textContent : el.textContent]));
    const rows = (css) => all(css).map((li) => [li.querySelector('[data-testid="review-place"]').textContent, li.textContent]);
    return {
      lead: document.querySelector('[data-testid="review-lead"]').textContent,
      counts: byKey('[data-testid="review-count"]'),
      act: byKey('[data-testid="review-act-fact"]'),
      noAct: document.querySelector('[data-testid="review-no-act"]') !== null,
      title: document.querySelector('[data-testid="review-title"]').textContent,
      passport: all('[data-testid="review-passport-row"]').map((tr) => [...tr.cells].map((td) => td.textContent)),
      sections: all('[data-testid="review-section"]').map((li) => li.textContent),
      blocks: all('[data-testid="review-block"]').map((li) => li.textContent),
      items: all('[data-testid="review-item"]').map((li) => li.textContent),
      itemNumbers: all('[data-testid="review-item"]').map((li) => li.querySelector(".review-number")?.textContent ?? ""),
      warnings: rows('[data-testid="review-warning"]'),
      unplaced: rows('[data-testid="review-unplaced-part"]'),
      deadlines: rows('[data-testid="review-deadline"]'),
      scripts: document.querySelectorAll('[data-testid="review-screen"] script, [data-testid="review-screen"] img, [data-testid="review-screen"] b').length,
    };`);
}

test("a Word document is reviewed before it is stored: refused files, cancel, a changed file, import into the editor", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("word-in");
  const chosen = join(dir, "Программа района.docx");
  env.METODIST_TEST_OPEN_FROM = chosen;
  // Our own Word export of a shape fixture: a whole programme to look at.
  const exported = join(dir, "flat-plan.docx");
  const other = { ...env, METODIST_DB: join(dir, "other.sqlite3") };
  // Its first item holds markup: the review must show it as text.
  const flatPlan = JSON.parse(readFileSync(join(SHAPES, "flat-plan.metodist.json"), "utf8"));
  flatPlan.programme.roadmap.blocks[0].items[0].activity = `${MARKUP} ${flatPlan.programme.roadmap.blocks[0].items[0].activity}`;
  const source = join(dir, "flat-plan.metodist.json");
  writeFileSync(source, JSON.stringify(flatPlan));
  const sourceId = runCli(other, "--db", other.METODIST_DB, "import", source).trim();
  runCli(other, "--db", other.METODIST_DB, "render", sourceId, "-o", exported);
  try {
    await launch(t, "word-in", env, async (session) => {
      await session.waitFor('[data-testid="empty-state"]', 60_000);

      // Refused files: the reader's Russian message on the list, nothing else.
      for (const [name, words] of [
        ["old-word.docx", "Это документ старого формата Word (.doc)"],
        ["xlsx-renamed.docx", "Это таблица Excel, а не документ Word"],
      ]) {
        await importThrough(session, chosen, join(DOCX, "hostile", name));
        assert.equal((await session.findAll('[data-testid="review-screen"]')).length, 0, `${name}: no review`);
        const message = await listMessage(session);
        assert.ok(message.startsWith(words), `${name}: ${message}`);
        assert.equal(
          await session.script(`return document.querySelector('[data-testid="programmes-message"]').className;`),
          "screen-message message-error",
        );
        assert.ok((await session.findAll('[data-testid="empty-state"]')).length > 0, `${name}: the list is still empty`);
      }
      assert.deepEqual(programmesIn(env), []);

      // A whole programme (a district decree with its appendix, python-docx):
      // the act as the document has it, the counts, a deadline not understood
      // with its place; Escape cancels.
      await importThrough(session, chosen, join(DOCX, "programme-district.docx"));
      await session.waitFor('[data-testid="review-screen"]');
      let seen = await reviewed(session);
      assert.match(seen.lead, /^Файл «Программа района\.docx»\. Ничего ещё не сохранено\./);
      assert.equal(seen.act.kind, "Постановление");
      assert.equal(seen.act.number, "118");
      assert.equal(seen.act.date, "14.03.2025");
      assert.equal(seen.act.title, "Об утверждении муниципальной программы\n«Сельская школа: равные шансы» на 2025–2027 годы");
      assert.equal(seen.title, "Муниципальная программа «Сельская школа: равные шансы» на 2025–2027 годы");
      assert.deepEqual(
        { ...seen.counts },
        {
          act: "постановление",
          mark: "есть",
          passport: "7 строк, заполнено 7",
          sections: "5",
          indicators: "2",
          roadmap: "2 блока, 4 мероприятия",
          deadlines: "1",
          unplaced: "0",
          warnings: "1",
        },
      );
      assert.equal(seen.noAct, false);
      assert.deepEqual(seen.deadlines, [["2.2 (таблица 6, строка 8)", "2.2 (таблица 6, строка 8)по итогам года"]]);
      assert.ok(
        seen.warnings.some(([place, text]) => place === "таблица 6, строка 8" && text.includes("срок «по итогам года» мероприятия 2.2 не понят")),
        JSON.stringify(seen.warnings),
      );
      assert.deepEqual(seen.itemNumbers, ["1.1", "1.2", "2.1", "2.2"]);
      await waitUntil("focus on «Импортировать»", async () => (await activeTestId(session)) === "review-import");
      for (const [width, height] of [[800, 600], [1920, 1080]]) {
        await resize(session, width, height);
        await saveScreenshot(session, `word-in-review-district-${width}x${height}`);
      }
      await press(session, KEY_ESCAPE);
      await session.waitFor('[data-testid="empty-state"]', 60_000);
      assert.equal(await session.textOf('[data-testid="programmes-message"]'), "Импорт отменён: ничего не сохранено.");
      assert.deepEqual(programmesIn(env), [], "a cancelled review stores nothing");

      // The whole programme of our own export: screenshots of its review.
      await importThrough(session, chosen, exported);
      await session.waitFor('[data-testid="review-screen"]');
      seen = await reviewed(session);
      assert.equal(seen.act.kind, "Приказ");
      assert.equal(seen.act.title, "Об утверждении муниципальной программы поддержки школ");
      assert.equal(seen.counts.roadmap, "5 мероприятий, без блоков");
      assert.equal(seen.counts.indicators, "2");
      assert.equal(seen.passport.length, 4);
      assert.ok(seen.passport.some(([label]) => label.startsWith("Цель Программы")), JSON.stringify(seen.passport));
      assert.deepEqual(seen.itemNumbers, ["1.", "2.", "3."], "the first three items, numbered through as in the document");
      assert.equal(seen.unplaced.length, Number(seen.counts.unplaced));
      assert.equal(seen.scripts, 0, "no element made from the document's text");
      assert.ok(seen.items[0].includes(MARKUP), `the markup shown as typed: ${seen.items[0]}`);
      assert.equal(await session.script("return window.__wordInPwned === undefined;"), true);
      for (const [width, height] of [[800, 600], [1920, 1080]]) {
        await resize(session, width, height);
        await saveScreenshot(session, `word-in-review-${width}x${height}`);
      }
      // The buttons stay in view at the foot of a small window, below the
      // last cards (what was not placed, the warnings).
      await resize(session, 800, 600);
      await session.script(`document.querySelector('[data-testid="review-warnings"]').scrollIntoView({ block: "end" });`);
      const inView = await session.script(
        `const r = document.querySelector('[data-testid="review-import"]').getBoundingClientRect();
         return r.top >= 0 && r.bottom <= window.innerHeight;`,
      );
      assert.equal(inView, true, "«Импортировать» is visible without scrolling at 800×600");
      await saveScreenshot(session, "word-in-review-800x600-end");
      await resize(session, 1920, 1080);
      await session.script(`document.querySelector('[data-testid="review-roadmap"]').scrollIntoView({ block: "start" });`);
      await saveScreenshot(session, "word-in-review-1920x1080-end");
      await click(session, '[data-testid="review-cancel"]');
      await session.waitFor('[data-testid="empty-state"]', 60_000);

      // An institution's order with a flat plan: text outside the sections is
      // not placed, and listed with its place.
      await importThrough(session, chosen, join(DOCX, "programme-institution.docx"));
      await session.waitFor('[data-testid="review-screen"]');
      seen = await reviewed(session);
      assert.equal(seen.act.kind, "Приказ");
      assert.equal(seen.act.number, "12-о");
      assert.equal(seen.counts.roadmap, "3 мероприятия, без блоков");
      assert.equal(seen.counts.unplaced, "1");
      assert.equal(seen.unplaced.length, 1);
      assert.equal(seen.unplaced[0][0], "абзац 14");
      assert.ok(seen.unplaced[0][1].includes("«Ответственный за план — заместитель директора.»"), seen.unplaced[0][1]);
      await saveScreenshot(session, "word-in-review-institution");
      await click(session, '[data-testid="review-cancel"]');
      await session.waitFor('[data-testid="empty-state"]', 60_000);

      // A file changed between its review and «Импортировать» is refused;
      // the roadmap document shows its blocks and items, a warning at its table.
      await importThrough(session, chosen, join(DOCX, "roadmap.docx"));
      await session.waitFor('[data-testid="review-screen"]');
      seen = await reviewed(session);
      assert.equal(seen.counts.roadmap, "2 блока, 3 мероприятия");
      assert.equal(seen.noAct, true);
      assert.deepEqual(seen.blocks.map((text) => text.split(" — ")[0]), ["1.Кадровое обеспечение", "2.Материальная база"]);
      assert.ok(
        seen.warnings.some(([place, text]) => place === "таблица 2" && text.includes("вторая таблица мероприятий")),
        JSON.stringify(seen.warnings),
      );
      copyFileSync(join(DOCX, "passport.docx"), chosen);
      await click(session, '[data-testid="review-import"]');
      const refusal = await waitUntil("the refusal on the review", async () => {
        const text = await session.script(`return document.querySelector('[data-testid="review-message"]').textContent;`);
        return text !== "" ? text : false;
      }, 60_000);
      assert.match(refusal, /изменился после просмотра/);
      assert.deepEqual(programmesIn(env), []);
      await click(session, '[data-testid="review-cancel"]');
      await session.waitFor('[data-testid="empty-state"]', 60_000);

      // The district programme again; Enter imports it and opens it in the editor.
      await importThrough(session, chosen, join(DOCX, "programme-district.docx"));
      await session.waitFor('[data-testid="review-screen"]');
      await waitUntil("focus on «Импортировать»", async () => (await activeTestId(session)) === "review-import");
      await press(session, KEY_ENTER);
      await session.waitFor('[data-testid="editor"][data-tab="passport"]', 90_000);
      const hash = await session.script("return location.hash;");
      const id = Number(/^#\/programmes\/(\d+)\/passport$/.exec(hash)?.[1]);
      assert.ok(id > 0, hash);
      const stored = programmesIn(env);
      assert.deepEqual(stored, [[id, "Муниципальная программа «Сельская школа: равные шансы» на 2025–2027 годы"]], "one programme stored, the one opened");
      const labels = await waitUntil("the passport's rows", async () => {
        const values = await session.script(
          `return [...document.querySelectorAll('[data-testid^="passport-label-"]')].map((el) => el.value);`,
        );
        return values.length > 0 ? values : false;
      }, 60_000);
      assert.deepEqual(labels.slice(0, 3), ["Наименование программы", "Ответственный исполнитель Программы", "Цель программы"]);
      assert.equal(labels.length, 7);
      await click(session, '[data-testid="tab-link-roadmap"]');
      await session.waitFor('[data-testid="editor"][data-tab="roadmap"]', 60_000);
      const activities = await waitUntil("the roadmap's items", async () => {
        const values = await session.script(
          `return [...document.querySelectorAll('[data-testid="item-activity"]')].map((a) => a.value);`,
        );
        return values.length > 0 ? values : false;
      }, 60_000);
      assert.deepEqual(activities, [
        "Закупка оборудования для кабинетов физики",
        "Ремонт лабораторий",
        "Наставничество для молодых учителей",
        "Встречи с выпускниками педвузов",
      ]);
      await click(session, '[data-testid="editor-back"]');
      await session.waitFor(`[data-testid="programme-row"][data-id="${id}"]`, 60_000);
      assert.equal(await session.textOf(`[data-testid="programme-row"][data-id="${id}"] [data-testid="programme-title"]`), stored[0][1]);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});

test("an exchange file chosen in the same dialog imports at once, as before", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("word-in-json");
  env.METODIST_TEST_OPEN_FROM = FIXTURE;
  try {
    await launch(t, "word-in-json", env, async (session) => {
      await session.waitFor('[data-testid="empty-state"]', 60_000);
      await click(session, '[data-testid="empty-import"]');
      assert.equal(await listMessage(session), "Программа импортирована.");
      await session.waitFor('[data-testid="programme-row"]', 60_000);
      assert.equal((await session.findAll('[data-testid="review-screen"]')).length, 0);
      assert.equal(programmesIn(env).length, 1);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
