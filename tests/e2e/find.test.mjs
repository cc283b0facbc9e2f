// End-to-end tests of find and replace in the real window (Ctrl+F, Ctrl+H;
// ui/src/screens/editor/find.ts), and of the spell checker it sits beside:
//
//   xvfb-run -a -s "-screen 0 1920x1080x24" node --test tests/e2e/find.test.mjs
//
// Same environment as editor.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER); the sample programme is imported by the CLI. Screenshots of
// the panel at 800×600 and 1920×1080 go to tests/e2e/artifacts/ (the window
// is resized through WebDriver; the screen must be at least that large).

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { test } from "node:test";

import {
  ARTIFACTS,
  FIXTURE,
  repo,
  KEY,
  click,
  cliMissing,
  freshEnv,
  launch,
  runCli,
  saveScreenshot,
  waitSaved,
  waitUntil,
} from "./harness.mjs";
import { ctrl, focused, hitTexts, openProgramme, resize, typeInto } from "./find-helpers.mjs";

const TEST_TIMEOUT_MS = 300_000;

test("Ctrl+F on the act finds a word of the roadmap; its hit opens the roadmap on the field with the word selected", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { env } = freshEnv("find");
  runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
  await launch(t, "find", env, async (session) => {
    await openProgramme(session, "act");
    await click(session, '[data-testid="act-title"]');
    await ctrl(session, "f");
    await session.waitFor('[data-testid="find-panel"]');
    assert.equal((await focused(session)).testid, "find-input", "the search field has focus");
    assert.equal(await session.script(`return document.querySelector('[data-testid="replace-input"]').closest(".find-row").hidden;`), true, "Ctrl+F shows no replacement");
    // «СЕМИНАР» is written «семинар», once, in item 4.6 of the roadmap.
    await typeInto(session, '[data-testid="find-input"]', "СЕМИНАР");
    await waitUntil("one hit", async () => (await hitTexts(session)).length === 1, 20_000);
    assert.deepEqual(await hitTexts(session), [["Дорожная карта · мероприятие 4.6, мероприятие", "семинар"]]);
    assert.match(await session.textOf('[data-testid="find-count"]'), /^1 совпадение/);
    await saveScreenshot(session, "find-panel-1280");

    await click(session, '[data-testid="find-hit-1"]');
    const at = await waitUntil("the field of the hit, focused", async () => {
      const f = await focused(session);
      return f && f.tab === "roadmap" && f.testid === "item-activity" ? f : false;
    }, 30_000);
    assert.equal(at.selected, "семинар", "the match is selected in the field");
    assert.ok(await session.script(`return location.hash.endsWith("/roadmap");`));
    // The panel is still open on the new tab, the hit marked as the current one.
    assert.match(await session.textOf('[data-testid="find-count"]'), /^1 из 1 совпадение/);
    // The field is in view, above the panel.
    await waitUntil("the focused field in view, above the panel", () =>
      session.script(
        `const r = document.activeElement.getBoundingClientRect();
         const panel = document.querySelector('[data-testid="find-panel"]').getBoundingClientRect();
         return r.top >= 0 && r.bottom <= panel.top + 1;`,
      ), 5_000);

    // Placeholders: the sample has none; Escape closes the panel.
    await click(session, '[data-testid="find-placeholders"]');
    await waitUntil("no placeholders", async () => /Заполнителей нет/.test(await session.textOf('[data-testid="find-count"]')));
    await click(session, '[data-testid="find-input"]');
    await typeInto(session, '[data-testid="find-input"]', "школ");
    await waitUntil("hits on several tabs", async () => (await hitTexts(session)).length > 20, 20_000);
    const where = new Set((await hitTexts(session)).map(([w]) => w.split(" · ")[0]));
    for (const tab of ["Название программы", "Акт", "Паспорт", "Разделы", "Дорожная карта"]) assert.ok(where.has(tab), `a hit in ${tab}`);

    for (const [width, height] of [[800, 600], [1920, 1080]]) {
      await resize(session, width, height);
      await saveScreenshot(session, `find-panel-${width}x${height}`);
      // Every control of the panel is inside the window.
      const outside = await session.script(
        `return [...document.querySelectorAll('[data-testid="find-panel"] .find-row button, [data-testid="find-panel"] .find-row input')]
           .filter((el) => el.offsetParent !== null)
           .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1; })
           .map((el) => el.dataset.testid);`,
      );
      assert.deepEqual(outside, [], `at ${width}×${height}`);
    }
    await typeInto(session, '[data-testid="find-input"]', KEY.escape);
    await waitUntil("the panel closed", async () => (await session.findAll('[data-testid="find-panel"]')).length === 0);
  });
});

test("Ctrl+H replaces every match on every tab in one step; one «Отменить» brings all of them back", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { env } = freshEnv("replace");
  runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
  const count = (text) => runCli(env, "--db", env.METODIST_DB, "find", "1", text).trim().split("\n").at(-1);
  const before = count("образовани");
  const otherBefore = count("просвещени");
  assert.match(before, /^Найдено: \d+/);
  await launch(t, "replace", env, async (session) => {
    await openProgramme(session, "passport");
    await click(session, '[data-testid="passport-label-1"]');
    await ctrl(session, "h");
    await session.waitFor('[data-testid="find-panel"]');
    await typeInto(session, '[data-testid="find-input"]', "Образовани");
    await typeInto(session, '[data-testid="replace-input"]', "просвещени");
    await waitUntil("the hits", async () => (await hitTexts(session)).length > 10, 20_000);
    await saveScreenshot(session, "replace-panel");
    await click(session, '[data-testid="replace-all"]');
    await waitUntil("«Заменено»", async () => /Заменено: \d+/.test(await session.textOf('[data-testid="find-status"]')), 30_000);
    await waitSaved(session);
    const total = Number(before.match(/\d+/)[0]);
    assert.match(await session.textOf('[data-testid="find-status"]'), new RegExp(`^Заменено: ${total} совпадени`));
    assert.equal(count("образовани"), "Ничего не найдено.");
    assert.equal(
      await session.script(`return document.querySelector('[data-testid="undo"]').textContent;`),
      "Отменить: замена «Образовани» на «просвещени»",
    );
    // The open tab shows the new text at once.
    const label = await session.script(`return [...document.querySelectorAll('[data-testid^="passport-"][data-testid$="-text"]')].map((el) => el.value).join("\\n");`);
    assert.ok(!/образовани/i.test(label) && /просвещени/.test(label), "the passport shows the replacement");

    assert.equal((await hitTexts(session)).length, 0, "nothing left to find");
    await click(session, '[data-testid="undo"]');
    await waitSaved(session);
    assert.equal(count("образовани"), before, "one undo restores every match");
    // The panel searches again after the undo.
    await waitUntil("the hits back in the panel", async () => (await hitTexts(session)).length === total, 20_000);
    assert.equal(count("просвещени"), otherBefore);
  });
});

test("the placeholders a template left are listed; one opens selected, «Заменить все такие» fills them all", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { env } = freshEnv("placeholders");
  runCli(env, "--db", env.METODIST_DB, "import", join(repo, "assets", "templates", "shnor.metodist.json"));
  const cliHits = (...args) => runCli(env, "--db", env.METODIST_DB, "find", "1", ...args).trim().split("\n");
  const listed = cliHits("--placeholders");
  await launch(t, "placeholders", env, async (session) => {
    await openProgramme(session, "passport");
    await click(session, '[data-testid="passport-label-1"]');
    await ctrl(session, "f");
    await click(session, '[data-testid="find-placeholders"]');
    await waitUntil("the placeholders", async () => (await hitTexts(session)).length === listed.length - 1, 20_000);
    const hits = await hitTexts(session);
    assert.ok(hits.every(([, m]) => m.startsWith("[") && m.endsWith("]")));
    // The same list as `metodist find --placeholders`, in the same order.
    assert.deepEqual(hits.map(([w]) => w), listed.slice(0, -1).map((l) => l.split("\t")[0]));
    const index = hits.findIndex(([w, m]) => w === "Акт · преамбула" && m === "[наименование]");
    assert.ok(index >= 0, "a placeholder in the act's preamble");
    await click(session, `[data-testid="find-hit-${index + 1}"]`);
    const at = await waitUntil("the act's preamble, focused", async () => {
      const f = await focused(session);
      return f && f.tab === "act" && f.testid === "act-preamble" ? f : false;
    }, 30_000);
    assert.equal(at.selected, "[наименование]");
    await saveScreenshot(session, "find-placeholders");

    // «Заменить…» shows the replacement and keeps the placeholders listed.
    await click(session, '[data-testid="find-replace-toggle"]');
    await typeInto(session, '[data-testid="replace-input"]', "Заречного");
    assert.equal(await session.textOf('[data-testid="replace-all"]'), "Заменить все такие");
    await click(session, '[data-testid="replace-all"]');
    await waitUntil("«Заменено»", async () => /Заменено: \d+/.test(await session.textOf('[data-testid="find-status"]')), 30_000);
    await waitSaved(session);
    assert.deepEqual(cliHits("[наименование]"), ["Ничего не найдено."]);
    const left = cliHits("--placeholders");
    assert.ok(left.length < listed.length, "fewer placeholders left");
    await waitUntil("the panel lists what is left", async () => (await hitTexts(session)).length === left.length - 1, 20_000);
  });
});

// ---- Spell checking: a misspelled Russian word gets WebKit's red underline ----

/** The pixels of a PNG (8-bit RGB or RGBA, not interlaced), as WebDriver returns it. */
function decodePng(png) {
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString();
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, "8 bits per channel");
      channels = { 2: 3, 6: 4 }[body[9]];
      assert.ok(channels, `colour type ${body[9]}`);
      assert.equal(body[12], 0, "not interlaced");
    } else if (type === "IDAT") {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      pixels[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** How many red pixels the image has: WebKit's spelling underline is a
 * dotted line, anti-aliased to (255, 127, 127) and (255, 64, 64). */
function redPixels(png, [left, top, right, bottom]) {
  const { width, height, channels, pixels } = decodePng(png);
  let red = 0;
  for (let y = Math.max(0, top); y < Math.min(height, bottom); y++) {
    for (let x = Math.max(0, left); x < Math.min(width, right); x++) {
      const i = (y * width + x) * channels;
      const [r, g, b] = pixels.subarray(i, i + 3);
      if (r >= 220 && r - g >= 100 && Math.abs(g - b) < 30) red++;
    }
  }
  return red;
}

const dictionary = ["/usr/share/hunspell/ru_RU.dic", "/usr/share/myspell/ru_RU.dic"].some((f) => existsSync(f));

test("a misspelled Russian word is underlined, a correct one is not", { timeout: TEST_TIMEOUT_MS, skip: cliMissing || (!dictionary && "no Russian hunspell dictionary (apt install hunspell-ru)") }, async (t) => {
  const { env } = freshEnv("spelling");
  runCli(env, "--db", env.METODIST_DB, "import", FIXTURE);
  await launch(t, "spelling", env, async (session) => {
    await openProgramme(session, "act");
    // The red pixels inside the field, on a screenshot of the window.
    const redInField = async (text) => {
      const field = await session.waitFor('[data-testid="act-place"]');
      await session.call("POST", `/element/${field}/clear`, {});
      await click(session, '[data-testid="act-place"]');
      // The checker marks a word once it is finished: a space after it.
      await session.call("POST", `/element/${field}/value`, { text: `${text} ` });
      await waitSaved(session);
      // The checker runs after typing; both texts are given the same time.
      await session.asyncScript(`const done = arguments[arguments.length - 1]; setTimeout(() => done(true), 3000);`);
      const rect = await session.script(
        `const r = document.querySelector('[data-testid="act-place"]').getBoundingClientRect();
         return [r.left, r.top, r.right, r.bottom].map((v) => Math.round(v * devicePixelRatio));`,
      );
      await saveScreenshot(session, "spelling-underlined");
      return redPixels(readFileSync(join(ARTIFACTS, "spelling-underlined.png")), rect);
    };
    const r = await redInField("Методическое объединение");
    const w = await redInField("Метадическое обьединение");
    t.diagnostic(`red pixels: correct ${r}, misspelled ${w}`);
    assert.equal(r, 0, "correct words are not underlined");
    assert.ok(w >= 20, `the misspelled words are underlined in red (${w} red pixels)`);
  });
});
