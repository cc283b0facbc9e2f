// End-to-end tests of the real app window: tauri-driver + WebKitWebDriver,
// run under Xvfb by scripts/test. Each test gets its own temporary database
// and XDG folders; the user's data is never touched.
//
//   node --test tests/e2e/app.test.mjs
//
// Environment: METODIST_APP_BIN / METODIST_CLI_BIN override the binaries
// (default target/debug/...), TAURI_DRIVER the driver.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { waitUntil } from "./harness.mjs";
import { Session, startDriver, waitForProcessesToExit } from "./webdriver.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const targetDir = resolve(repo, process.env.CARGO_TARGET_DIR ?? "target");
const APP = process.env.METODIST_APP_BIN ?? join(targetDir, "debug", "metodist-app");
const CLI = process.env.METODIST_CLI_BIN ?? join(targetDir, "debug", "metodist");
const FIXTURE = join(repo, "tests", "fixtures", "sample-programme.metodist.json");
const ARTIFACTS = join(here, "artifacts");
const TEST_TIMEOUT_MS = 120_000;

mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Starts the app on a fresh temporary data folder, runs `body` against its
 * window, closes the app and stops the driver whatever happens.
 * `prepare` may create the database first; `afterExit` runs once the app has
 * exited (to inspect files it must not have changed).
 */
async function withApp(t, { name, prepare, afterExit }, body) {
  assert.ok(existsSync(APP), `the app binary is missing: ${APP} (run cargo build first)`);
  const dir = mkdtempSync(join(tmpdir(), `metodist-e2e-${name}-`));
  const db = join(dir, "metodist.sqlite3");
  const env = {
    ...process.env,
    METODIST_DB: db,
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_CONFIG_HOME: join(dir, "xdg-config"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
  };
  try {
    const context = { dir, db, env };
    if (prepare) await prepare(context);
    const driver = await startDriver({ env, logFile: join(ARTIFACTS, `${name}-tauri-driver.log`) });
    let session;
    try {
      session = await Session.create(driver.base, APP);
      await body(session, context);
    } finally {
      if (session) {
        await session.delete().catch((error) => t.diagnostic(`closing the app: ${error.message}`));
      }
      await driver.stop();
    }
    // Deleting the session closes the app; WebKit's helper processes finish a
    // moment later. They must be gone before the files they used are
    // inspected or removed. WebKitWebDriver 2.50 sometimes releases the app
    // without stopping it (WebKit bug 321418: the web process closes first and
    // the driver takes that for the browser's own shutdown), so whatever still
    // runs with this test's METODIST_DB gets SIGTERM.
    let left = await waitForProcessesToExit("METODIST_DB", db, 5_000);
    if (left.length > 0) {
      t.diagnostic(`WebKitWebDriver left running, sending SIGTERM: ${left.map(describeProcess).join("; ")}`);
      for (const pid of left) {
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          // Exited in the meantime.
        }
      }
      left = await waitForProcessesToExit("METODIST_DB", db, 15_000);
    }
    assert.deepEqual(left.map(describeProcess), [], "app processes still running after SIGTERM");
    if (afterExit) await afterExit(context);
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

function describeProcess(pid) {
  try {
    return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim()}`;
  } catch {
    return String(pid);
  }
}

async function saveScreenshot(session, name) {
  // WebKit's screenshot shows the last painted frame, which may predate the
  // screen the test just found in the DOM; wait for two frames first.
  await session.asyncScript(`
    const done = arguments[arguments.length - 1];
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  `);
  const png = await session.screenshot();
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG", "the screenshot is a PNG");
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
}

function runCli(env, ...args) {
  return execFileSync(CLI, args, { env, encoding: "utf8", timeout: 60_000 });
}

const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

test("an empty database shows the empty state", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  await withApp(t, { name: "empty" }, async (session, { db }) => {
    const empty = await session.textOf('[data-testid="empty-state"]');
    assert.match(empty, /Программ пока нет\. Импортируйте файл программы/);
    assert.equal(await session.textOf('[data-testid="app-title"]'), "Методист");
    assert.equal(await session.title(), "Методист");
    assert.deepEqual(await session.findAll('[data-testid="error-panel"]'), []);
    assert.deepEqual(await session.findAll('[data-testid="programme-row"]'), []);
    const footer = await session.textOf('[data-testid="db-status"]');
    assert.equal(footer, `База данных: ${db}`);
    assert.ok(existsSync(db), "the app created the database at METODIST_DB");
    await saveScreenshot(session, "empty-state");
  });
});

test(
  "inline scripts are blocked and core plugin commands are denied",
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    await withApp(t, { name: "security" }, async (session) => {
      await session.waitFor('[data-testid="empty-state"]');
      // The WebDriver script itself is exempt from CSP; the <script> element it
      // adds is not, and must not run.
      const ran = await session.script(`
        const script = document.createElement("script");
        script.textContent = "window.__inlineScriptRan = true";
        document.head.append(script);
        return window.__inlineScriptRan === true;
      `);
      assert.equal(ran, false, "an injected inline script ran: the CSP is not applied");

      // The capability grants the app's own commands only, not even core:default.
      const denied = await session.asyncScript(`
        const done = arguments[arguments.length - 1];
        window.__TAURI__.core.invoke("plugin:app|version").then(
          (value) => done({ allowed: true, value }),
          (error) => done({ allowed: false, error: String(error) }),
        );
      `);
      assert.equal(denied.allowed, false, `plugin:app|version was allowed: ${JSON.stringify(denied)}`);
      assert.match(denied.error, /not allowed/);
    });
  },
);

test(
  "imported programmes are listed, their titles rendered as text",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const sample = JSON.parse(readFileSync(FIXTURE, "utf8"));
    const title = sample.programme.title;
    assert.equal(typeof title, "string", "the fixture has a programme title");
    // A second programme whose title looks like markup: it must be shown
    // literally, never parsed (README "The app", security).
    const markupTitle = '<img src="x" onerror="window.__titleInjected = true"><b>Программа</b> & план';
    const markup = structuredClone(sample);
    markup.programme.title = markupTitle;
    markup.programme.uid = "prog-e2e-markup-title";
    await withApp(
      t,
      {
        name: "imported",
        prepare: ({ dir, db, env }) => {
          runCli(env, "--db", db, "import", FIXTURE);
          const markupFile = join(dir, "markup.metodist.json");
          writeFileSync(markupFile, JSON.stringify(markup));
          runCli(env, "--db", db, "import", markupFile);
        },
      },
      async (session) => {
        await session.waitFor('[data-testid="programme-list"]');
        assert.equal((await session.findAll('[data-testid="programme-row"]')).length, 2);
        const titles = [];
        for (const cell of await session.findAll('[data-testid="programme-title"]')) {
          titles.push(await session.text(cell));
        }
        assert.deepEqual(titles.toSorted(), [markupTitle, title].toSorted());
        assert.deepEqual(await session.findAll('[data-testid="programme-list"] img, [data-testid="programme-list"] b'), []);
        assert.equal(await session.script("return window.__titleInjected === true"), false);
        assert.deepEqual(await session.findAll('[data-testid="empty-state"]'), []);
        await saveScreenshot(session, "programme-list");
      },
    );
  },
);

test(
  "a file that is not SQLite shows the Russian error and stays unchanged",
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    // Looks like a user's notes saved under the database's name by mistake.
    const bytes = Buffer.from(
      "Протокол заседания РМО учителей математики\n".repeat(300) + "\u0000\u0001binary tail",
      "utf8",
    );
    await withApp(
      t,
      {
        name: "not-sqlite",
        prepare: ({ db }) => writeFileSync(db, bytes),
        afterExit: ({ db }) => {
          assert.ok(readFileSync(db).equals(bytes), "the foreign file was modified");
        },
      },
      async (session, { db }) => {
        const message = await session.textOf('[data-testid="error-message"]');
        assert.equal(await session.textOf('[data-testid="error-heading"]'), "Не удалось открыть базу данных");
        assert.match(message, /не является базой данных Методиста/);
        assert.ok(message.includes(db), `the message names the file: ${message}`);
        assert.equal(await session.textOf('[data-testid="error-code"]'), "db_not_sqlite");
        assert.deepEqual(await session.findAll('[data-testid="empty-state"]'), []);
        assert.match(
          await session.textOf('[data-testid="db-status"]'),
          /^База данных не открыта: /,
        );
        await saveScreenshot(session, "not-sqlite-error");

        // "Повторить" asks the core again: the panel is rebuilt (the marked
        // old one disappears) and reports the same error.
        await session.script(
          'document.querySelector(\'[data-testid="error-panel"]\').dataset.stale = "yes"',
        );
        const retry = await session.waitFor('[data-testid="retry"]');
        await session.call("POST", `/element/${retry}/click`, {});
        const fresh = await session.waitFor('[data-testid="error-panel"]:not([data-stale])');
        assert.match(await session.text(fresh), /не является базой данных Методиста/);
      },
    );
  },
);

test(
  "«Копия для следующего периода» lists a draft for the period that follows",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    await withApp(
      t,
      { name: "next-period", prepare: ({ db, env }) => runCli(env, "--db", db, "import", FIXTURE) },
      async (session) => {
        await session.waitFor('[data-testid="programme-row"]');
        const button = await session.waitFor('[data-testid="programme-duplicate"]');
        await session.call("POST", `/element/${button}/click`, {});
        const rows = await waitUntil("the copy in the list", async () => {
          const now = await session.script(
            `return [...document.querySelectorAll('[data-testid="programme-row"]')].map((r) =>
               [r.querySelector('.col-period').textContent, r.querySelector('[data-testid="programme-status"]').textContent,
                r.querySelector('[data-testid="programme-title"]').textContent]);`,
          );
          return now.length === 2 ? now : false;
        });
        // The sample runs 09.2024 – 05.2027; its copy, a draft, the three years after.
        const copy = rows.find(([period]) => period === "сентябрь 2027 — май 2030");
        assert.ok(copy, JSON.stringify(rows));
        assert.equal(copy[1], "Проект");
        assert.match(copy[2], /на 2027–2030 годы$/);
        assert.match(
          await session.textOf('[data-testid="programmes-message"]'),
          /^Создана копия для следующего периода \(сентябрь 2027 — май 2030\): «.*на 2027–2030 годы»\.$/,
        );
      },
    );
  },
);

// Holds an exclusive lock on an SQLite file until its stdin is closed, the way
// another program (or a second copy of the app) would.
const LOCK_HOLDER = `
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA locking_mode=EXCLUSIVE")
connection.execute("BEGIN EXCLUSIVE")
connection.execute("CREATE TABLE lock_probe(x)")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
connection.close()
`;

test(
  "a locked database shows the Russian message and opens on «Повторить» once released",
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    let holder;
    // Whatever fails, the holder must not outlive the test.
    t.after(() => holder?.stdin.end());
    await withApp(
      t,
      {
        name: "locked",
        prepare: async ({ db }) => {
          holder = spawn(process.env.PYTHON ?? "python3", ["-c", LOCK_HOLDER, db], {
            stdio: ["pipe", "pipe", "inherit"],
          });
          const [line] = await Promise.race([
            once(holder.stdout, "data"),
            once(holder, "exit").then(([code]) => {
              throw new Error(`the lock holder exited with ${code}`);
            }),
          ]);
          assert.equal(String(line).trim(), "locked");
        },
      },
      async (session) => {
        try {
          const message = await session.textOf('[data-testid="error-message"]');
          assert.match(message, /занята другой программой/);
          assert.equal(await session.textOf('[data-testid="error-code"]'), "db_locked");
          await saveScreenshot(session, "locked-error");
        } finally {
          holder.stdin.end();
          await once(holder, "exit");
        }
        const retry = await session.waitFor('[data-testid="retry"]');
        await session.call("POST", `/element/${retry}/click`, {});
        await session.waitFor('[data-testid="empty-state"]');
        assert.match(await session.textOf('[data-testid="db-status"]'), /^База данных: /);
      },
    );
  },
);

test(
  "a database from a newer version shows the Russian message and stays unchanged",
  { timeout: TEST_TIMEOUT_MS },
  async (t) => {
    let bytes;
    await withApp(
      t,
      {
        name: "newer",
        prepare: ({ db }) => {
          // A schema version far beyond any migration this app ships.
          execFileSync(process.env.PYTHON ?? "python3", [
            "-c",
            `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("CREATE TABLE from_the_future(x)")
c.execute("INSERT INTO from_the_future VALUES ('данные будущей версии')")
c.execute("PRAGMA user_version = 9999")
c.commit()
c.close()`,
            db,
          ]);
          bytes = readFileSync(db);
        },
        afterExit: ({ db }) => {
          assert.ok(readFileSync(db).equals(bytes), "the newer database was modified");
        },
      },
      async (session) => {
        assert.equal(await session.textOf('[data-testid="error-code"]'), "db_newer_version");
        assert.match(
          await session.textOf('[data-testid="error-message"]'),
          /создана более новой версией Методиста/,
        );
        await saveScreenshot(session, "newer-version-error");
      },
    );
  },
);
