// Helpers shared by the end-to-end tests: one launch of the app on a
// temporary data folder, clicks, typing, waiting for saves, screenshots. Same
// environment variables as app.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER); the user's database is never touched.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

import { ELEMENT_KEY, Session, startDriver, waitForProcessesToExit } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "..", "..");
const targetDir = resolve(repo, process.env.CARGO_TARGET_DIR ?? "target");
export const APP = process.env.METODIST_APP_BIN ?? join(targetDir, "debug", "metodist-app");
export const CLI = process.env.METODIST_CLI_BIN ?? join(targetDir, "debug", "metodist");
export const FIXTURE = join(repo, "tests", "fixtures", "sample-programme.metodist.json");
export const ARTIFACTS = join(here, "artifacts");

// WebDriver key codes (W3C WebDriver, "keyboard actions").
export const KEY = {
  null: "\uE000",
  tab: "\uE004",
  enter: "\uE007",
  control: "\uE009",
  alt: "\uE00A",
  escape: "\uE00C",
  up: "\uE013",
  down: "\uE015",
};

mkdirSync(ARTIFACTS, { recursive: true });

/** A temporary folder with its own database and XDG folders; a save dialog
 * is answered with `saved.pdf` in it. */
export function freshEnv(name, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), `metodist-e2e-${name}-`));
  const env = {
    ...process.env,
    METODIST_DB: join(dir, "metodist.sqlite3"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_CONFIG_HOME: join(dir, "xdg-config"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
    METODIST_TEST_SAVE_TO: join(dir, "saved.pdf"),
    ...extra,
  };
  return { dir, env, db: env.METODIST_DB };
}

/** Runs `body` against one launch of the app; the app is closed and gone afterwards. */
export async function launch(t, name, env, body) {
  assert.ok(existsSync(APP), `the app binary is missing: ${APP} (run cargo build first)`);
  const driver = await startDriver({ env, logFile: join(ARTIFACTS, `${name}-tauri-driver.log`) });
  let session;
  try {
    session = await Session.create(driver.base, APP);
    await body(session);
  } finally {
    if (session) await session.delete().catch((error) => t.diagnostic(`closing the app: ${error.message}`));
    await driver.stop();
    await stopLeftovers(env);
  }
}

async function stopLeftovers(env) {
  // See app.test.mjs: WebKitWebDriver sometimes leaves the app running.
  // Processes are found by XDG_DATA_HOME, which every test's environment
  // has of its own (METODIST_DB is left out by tests of the default place).
  let left = await waitForProcessesToExit("XDG_DATA_HOME", env.XDG_DATA_HOME, 5_000);
  for (const pid of left) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Exited meanwhile.
    }
  }
  if (left.length > 0) left = await waitForProcessesToExit("XDG_DATA_HOME", env.XDG_DATA_HOME, 15_000);
  assert.deepEqual(left, [], "app processes still running after SIGTERM");
}

export function runCli(env, ...args) {
  return execFileSync(CLI, args, { env, encoding: "utf8", timeout: 60_000 });
}

/** Why a test that needs the CLI is skipped, or false when it is built. */
export const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

/** Imports a programme of `items` generated items (`metodist gen`) into the
 * database of `env`; returns the exchange file's path, in `dir`. */
export function importGenerated(dir, env, items) {
  const file = join(dir, `g${items}.metodist.json`);
  runCli(env, "gen", "--items", String(items), "-o", file);
  runCli(env, "--db", env.METODIST_DB, "import", file);
  return file;
}

// Resolves true once the element has kept its place for three frames, false
// when it left the page. Text areas fit their height a frame after they are
// laid out (ui/src/screens/editor/fields.ts), moving what is below them: a
// click aimed before that lands beside the button.
const STANDS_STILL = `
  const [element, done] = [arguments[0], arguments[arguments.length - 1]];
  const place = () => {
    const r = element.getBoundingClientRect();
    return [r.x, r.y, r.width, r.height].map(Math.round).join(",");
  };
  element.scrollIntoView({ block: "center" });
  let last = place();
  let still = 0;
  const until = Date.now() + 5000;
  const frame = () => {
    if (!element.isConnected) return done(false);
    const now = place();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 3 || Date.now() > until) return done(true);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
`;

const RETRYABLE = ["stale element reference", "element not interactable"];

/**
 * Clicks `css` once it stands still. An element replaced while the tab is
 * drawn again is found again, for up to `timeoutMs`.
 */
export async function click(session, css, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await session.waitFor(css, timeoutMs);
    try {
      if (await session.asyncScript(STANDS_STILL, [{ [ELEMENT_KEY]: element }])) {
        await session.call("POST", `/element/${element}/click`, {});
        return element;
      }
    } catch (error) {
      if (!RETRYABLE.includes(error.webdriverError)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`${css} never stood still to be clicked in ${timeoutMs} ms`);
    await sleep(100);
  }
}

export async function waitUntil(what, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

export async function saveScreenshot(session, name) {
  // WebKit's screenshot shows the last painted frame: wait for two first.
  await session.asyncScript(`
    const done = arguments[arguments.length - 1];
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  `);
  writeFileSync(join(ARTIFACTS, `${name}.png`), await session.screenshot());
}

export async function clickElement(session, element) {
  await session.call("POST", `/element/${element}/click`, {});
}

export async function activeElement(session) {
  const value = await session.call("GET", "/element/active");
  return Object.values(value)[0];
}

/**
 * Replaces the value of a field by typing `text` (then `leave`, Tab by
 * default, so the field is sent). A field found while its tab is being drawn
 * again may be replaced or not yet laid out: the whole replacement is then
 * made again on the field as it is now, for up to `timeoutMs`.
 */
export async function retype(session, css, text, { leave = KEY.tab, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await session.waitFor(css, timeoutMs);
    try {
      await session.call("POST", `/element/${element}/clear`, {});
      await session.call("POST", `/element/${element}/value`, { text: text + leave });
      return element;
    } catch (error) {
      if (!RETRYABLE.includes(error.webdriverError) || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/**
 * Types `text` over the field's whole text, selected first, as she does
 * (then `leave`, Tab by default). Not WebDriver's clear: that blurs the
 * emptied field, which would send "" and store it. A field replaced while
 * its tab is drawn again is found again, as in `retype`.
 */
export async function typeOver(session, css, text, { leave = KEY.tab, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const element = await session.waitFor(css, timeoutMs);
    try {
      await session.script(`arguments[0].focus(); arguments[0].select();`, [{ [ELEMENT_KEY]: element }]);
      await session.call("POST", `/element/${element}/value`, { text: text + leave });
      return element;
    } catch (error) {
      if (!RETRYABLE.includes(error.webdriverError) || Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
}

/** Types into whatever has focus, as the user would (keys, not values set by script). */
export async function typeActive(session, text) {
  const element = await activeElement(session);
  await session.call("POST", `/element/${element}/value`, { text });
}

/** Waits until every edit is stored: the shell's indicator reads «Сохранено» and the tab's reloads are done. */
export async function waitSaved(session) {
  await sleep(600); // past the 400 ms typing pause
  let text = "";
  try {
    await waitUntil("«Сохранено»", async () => {
      text = await session.script(
        `const el = document.querySelector('[data-testid="save-indicator"]'); return el ? el.textContent : "";`,
      );
      return /Сохранено/.test(text);
    });
  } catch {
    // An empty indicator: nothing was sent since the tab opened.
    throw new Error(`timed out waiting for «Сохранено»; the indicator reads ${JSON.stringify(text)}`);
  }
  await sleep(300);
}

/** Chooses an option of a <select> by its value, as a click on it would. */
export async function choose(session, css, value) {
  await session.waitFor(css);
  await session.script(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event("change", { bubbles: true }));`,
    [css, value],
  );
}
