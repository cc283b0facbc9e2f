// The way forward from a database that cannot be opened, or that opens but
// has a damaged page (the editor offers the same way forward), the backups
// screen, and a second launch on the same database.
//
//   xvfb-run -a node --test tests/e2e/recovery.test.mjs
//
// A damaged database is never overwritten: restoring a backup sets it aside
// byte for byte (the core's tests cover the details; this drives the window).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { APP, CLI, FIXTURE, KEY, click, freshEnv, launch, runCli, saveScreenshot, waitUntil } from "./harness.mjs";

const TEST_TIMEOUT_MS = 180_000;
const ARROW_LEFT = "\uE012"; // WebDriver's key code
const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

const NOT_SQLITE = Buffer.from("Протокол заседания РМО учителей математики\n".repeat(300), "utf8");

/** A database with the sample programme and a daily backup of it; then the
 * database file is replaced by text, as a user's mistake or a bad disk would. */
function damagedWithBackup(env, db, dir) {
  runCli(env, "--db", db, "import", FIXTURE);
  mkdirSync(join(dir, "backups"), { recursive: true });
  // SQLite's own copy, as the app makes it (VACUUM INTO).
  execFileSync(process.env.PYTHON ?? "python3", [
    "-c",
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('VACUUM INTO ?', (sys.argv[2],)); c.close()",
    db,
    join(dir, "backups", "metodist-2026-11-20.sqlite3"),
  ]);
  for (const suffix of ["-wal", "-shm"]) rmSync(db + suffix, { force: true });
  writeFileSync(db, NOT_SQLITE);
}

/** Overwrites the first page of `table` (its root page, at a page boundary)
 * with random bytes: the file still opens and the programme list still
 * reads, but the programme itself, and any copy SQLite makes of the file,
 * fail with «database disk image is malformed». */
function damagePage(db, table) {
  const seed = Date.now();
  execFileSync(process.env.PYTHON ?? "python3", [
    "-c",
    `import random, sqlite3, sys
db, table, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
c = sqlite3.connect(db)
size = c.execute("PRAGMA page_size").fetchone()[0]
root = c.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
c.close()
rng = random.Random(seed)
with open(db, "r+b") as f:
    f.seek((root - 1) * size)
    f.write(bytes(rng.randrange(256) for _ in range(size)))`,
    db,
    table,
    String(seed),
  ]);
  for (const suffix of ["-wal", "-shm"]) rmSync(db + suffix, { force: true });
  return seed;
}

/** Every empty `*.sqlite3` file under `dir`: a failed copy left behind. */
function emptyCopies(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith(".sqlite3") && statSync(path).isFile() && statSync(path).size === 0);
}

const BACKUP_LINE = /^\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}, \d{2}:\d{2} — \d+(,\d)? (байт|КБ|МБ)$/;

test(
  "a damaged database offers backups and other files; restoring one shows its programmes",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const { dir, env, db } = freshEnv("recovery");
    try {
      damagedWithBackup(env, db, dir);
      await launch(t, "recovery", env, async (session) => {
        await session.waitFor('[data-testid="recovery-panel"]');
        assert.equal(await session.textOf('[data-testid="error-code"]'), "db_not_sqlite");
        assert.match(await session.textOf('[data-testid="error-message"]'), /не является базой данных Методиста/);
        await session.waitFor('[data-testid="recovery-open-db"]');
        await session.waitFor('[data-testid="recovery-create-db"]');
        const rows = await session.findAll('[data-testid="recovery-backups"] [data-testid="backup-row"]');
        assert.equal(rows.length, 1, "the one backup is offered");
        assert.match(await session.textOf('[data-testid="backup-when"]'), BACKUP_LINE);
        await saveScreenshot(session, "recovery-damaged");

        await click(session, '[data-testid="backup-restore"]');
        const confirm = await session.textOf('[data-testid="restore-confirm-form"]');
        assert.match(confirm, /не будет перезаписан/);
        await saveScreenshot(session, "recovery-confirm");
        await click(session, '[data-testid="restore-confirm"]');

        await session.waitFor('[data-testid="programme-list"]');
        assert.equal((await session.findAll('[data-testid="programme-row"]')).length, 1);
        assert.match(await session.textOf('[data-testid="programmes-message"]'), /Повреждённый файл не изменён/);
        assert.match(await session.textOf('[data-testid="db-status"]'), /^База данных: /);
        await saveScreenshot(session, "recovery-restored");

        // The backups screen of the now sound database: a copy made now,
        // then a restore that first keeps the current state.
        await click(session, '[data-testid="backups-open"]');
        await session.waitFor('[data-testid="backups-screen"]');
        const before = (await session.findAll('[data-testid="backup-row"]')).length;
        await click(session, '[data-testid="backup-create"]');
        await waitUntil("the new copy", async () => (await session.findAll('[data-testid="backup-row"]')).length === before + 1);
        assert.match(await session.textOf('[data-testid="backups-message"]'), /^Копия создана: /);
        for (const line of await session.findAll('[data-testid="backup-when"]')) {
          assert.match(await session.text(line), BACKUP_LINE);
        }
        await saveScreenshot(session, "backups-screen");
        await click(session, '[data-testid="backup-restore"]');
        assert.match(await session.textOf('[data-testid="restore-confirm-form"]'), /сначала будет сохранено как отдельная резервная копия/);
        await click(session, '[data-testid="restore-confirm"]');
        await session.waitFor('[data-testid="programme-list"]');
        assert.match(await session.textOf('[data-testid="programmes-message"]'), /before-restore-/);
      });
      const aside = readdirSync(dir).filter((name) => name.startsWith("metodist.sqlite3.damaged-") && !/-(wal|shm|journal)$/.test(name));
      assert.equal(aside.length, 1, `the damaged file was set aside: ${readdirSync(dir)}`);
      assert.ok(readFileSync(join(dir, aside[0])).equals(NOT_SQLITE), "the damaged file was modified");
      // The restored database is a sound one for the command line too.
      assert.notEqual(runCli(env, "--db", db, "list").trim(), "");
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

test(
  "a damaged page: the failed daily backup is reported, the editor offers the backups, Alt+← goes back, a restore brings the programme back",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const { dir, env, db } = freshEnv("recovery-page");
    try {
      runCli(env, "--db", db, "import", FIXTURE);
      const backup = runCli(env, "--db", db, "backups", "create").trim();
      t.diagnostic(`damage seed ${damagePage(db, "passport_row")}`);
      const damaged = readFileSync(db);
      await launch(t, "recovery-page", env, async (session) => {
        // The list still reads; today's backup could not be made, and she is told.
        await session.waitFor('[data-testid="programme-list"]');
        assert.match(
          await session.textOf('[data-testid="backup-problem"]'),
          /^Сегодняшняя резервная копия не создана: база данных повреждена: нарушена внутренняя структура файла/,
        );
        await saveScreenshot(session, "recovery-page-list");

        // The editor cannot read the programme: the way forward, not a lone «Повторить».
        await click(session, '[data-testid="programme-open"]');
        await session.waitFor('[data-testid="editor-unavailable"]');
        assert.equal(await session.textOf('[data-testid="error-code"]'), "db_corrupt");
        await session.waitFor('[data-testid="recovery-open-db"]');
        const rows = await session.findAll('[data-testid="recovery-backups"] [data-testid="backup-row"]');
        assert.equal(rows.length, 1, "the one backup is offered");
        await saveScreenshot(session, "recovery-page-editor");

        // Alt+← and the way back both return to the list.
        await session.call("POST", "/actions", {
          actions: [
            {
              type: "key",
              id: "keyboard",
              actions: [
                { type: "keyDown", value: KEY.alt },
                { type: "keyDown", value: ARROW_LEFT },
                { type: "keyUp", value: ARROW_LEFT },
                { type: "keyUp", value: KEY.alt },
              ],
            },
          ],
        });
        await session.call("DELETE", "/actions");
        await session.waitFor('[data-testid="programme-list"]');
        await click(session, '[data-testid="programme-open"]');
        await click(session, '[data-testid="editor-back"]');
        await session.waitFor('[data-testid="programme-list"]');

        // Restoring from the editor's panel, with the damaged database open.
        await click(session, '[data-testid="programme-open"]');
        await session.waitFor('[data-testid="editor-unavailable"]');
        await click(session, '[data-testid="backup-restore"]');
        assert.match(await session.textOf('[data-testid="restore-confirm-form"]'), /не будет перезаписан/);
        await click(session, '[data-testid="restore-confirm"]');
        await session.waitFor('[data-testid="programme-list"]');
        assert.match(await session.textOf('[data-testid="programmes-message"]'), /Повреждённый файл не изменён/);
        assert.deepEqual(await session.findAll('[data-testid="backup-problem"]'), [], "the problem is gone with the damaged state");
        await click(session, '[data-testid="programme-open"]');
        await session.waitFor('[data-testid="editor"] [data-testid="tab-content"]');
        await saveScreenshot(session, "recovery-page-restored");
      });
      const aside = readdirSync(dir).filter((name) => name.startsWith("metodist.sqlite3.damaged-") && !/-(wal|shm|journal)$/.test(name));
      assert.equal(aside.length, 1, `the damaged file was set aside: ${readdirSync(dir)}`);
      assert.ok(readFileSync(join(dir, aside[0])).equals(damaged), "the damaged file was modified");
      assert.deepEqual(emptyCopies(dir), [], "no empty copy is left");
      assert.ok(existsSync(backup), "the backup is still there");
      const listed = runCli(env, "--db", db, "backups", "list").trim().split("\n");
      assert.equal(listed.length, 1, `only the one good copy is listed: ${listed}`);
      assert.notEqual(runCli(env, "--db", db, "list").trim(), "");
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

test(
  "from a damaged database to another file, or to a new one, leaving it untouched",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const other = freshEnv("recovery-open");
    const newDb = join(other.dir, "new", "новая база.sqlite3");
    const { dir, env, db } = freshEnv("recovery-switch", { METODIST_TEST_OPEN_FROM: other.db, METODIST_TEST_SAVE_TO: newDb });
    try {
      runCli(other.env, "--db", other.db, "import", FIXTURE);
      writeFileSync(db, NOT_SQLITE);
      await launch(t, "recovery-switch", env, async (session) => {
        await click(session, '[data-testid="recovery-open-db"]');
        await session.waitFor('[data-testid="programme-list"]');
        assert.equal((await session.findAll('[data-testid="programme-row"]')).length, 1);
        assert.equal(await session.textOf('[data-testid="db-status"]'), `База данных: ${other.db}`);
        assert.match(await session.textOf('[data-testid="programmes-message"]'), /Открыта база данных/);
      });
      assert.ok(readFileSync(db).equals(NOT_SQLITE), "the damaged file was modified");
      await launch(t, "recovery-create", env, async (session) => {
        await click(session, '[data-testid="recovery-create-db"]');
        await session.waitFor('[data-testid="empty-state"]');
        assert.equal(await session.textOf('[data-testid="db-status"]'), `База данных: ${newDb}`);
        await saveScreenshot(session, "recovery-new-database");
      });
      assert.ok(existsSync(newDb), "the new database exists");
      assert.ok(readFileSync(db).equals(NOT_SQLITE), "the damaged file was modified");
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      rmSync(other.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

test(
  "a database opened instead of a damaged one is the one the next launch opens",
  { timeout: TEST_TIMEOUT_MS, skip: cliMissing },
  async (t) => {
    const other = freshEnv("recovery-remember-other");
    const { dir, env } = freshEnv("recovery-remember", { METODIST_TEST_OPEN_FROM: other.db });
    // The app's own default location (no METODIST_DB override), inside this
    // test's XDG data folder, so the choice is remembered as it is for a user.
    delete env.METODIST_DB;
    const defaultDb = join(env.XDG_DATA_HOME, "Metodist", "metodist.sqlite3");
    try {
      runCli(other.env, "--db", other.db, "import", FIXTURE);
      mkdirSync(join(env.XDG_DATA_HOME, "Metodist"), { recursive: true });
      writeFileSync(defaultDb, NOT_SQLITE);
      await launch(t, "recovery-remember-1", env, async (session) => {
        await click(session, '[data-testid="recovery-open-db"]');
        await session.waitFor('[data-testid="programme-list"]');
        assert.equal(await session.textOf('[data-testid="db-status"]'), `База данных: ${other.db}`);
      });
      await launch(t, "recovery-remember-2", env, async (session) => {
        await session.waitFor('[data-testid="programme-list"]');
        assert.equal((await session.findAll('[data-testid="programme-row"]')).length, 1);
        assert.equal(await session.textOf('[data-testid="db-status"]'), `База данных: ${other.db}`);
      });
      assert.ok(readFileSync(defaultDb).equals(NOT_SQLITE), "the damaged file was modified");
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      rmSync(other.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  },
);

test("a second launch on the same database focuses the first and exits", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { dir, env, db } = freshEnv("second-launch");
  try {
    await launch(t, "second-launch", env, async (session) => {
      await session.waitFor('[data-testid="empty-state"]');
      assert.ok(existsSync(`${db}.instance`), "the first app advertises itself beside the database");
      const started = Date.now();
      const second = spawn(APP, [], { env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      second.stderr.on("data", (chunk) => (stderr += chunk));
      const timer = setTimeout(() => second.kill("SIGTERM"), 20_000);
      const [code] = await once(second, "exit");
      clearTimeout(timer);
      const took = Date.now() - started;
      t.diagnostic(`second launch exited with ${code} after ${took} ms`);
      assert.equal(code, 0, `the second launch exits cleanly: ${stderr}`);
      assert.match(stderr, /уже открыт/);
      assert.ok(took < 10_000, `the second launch took ${took} ms`);
      // The first keeps running and answering.
      await sleep(300);
      assert.equal(await session.textOf('[data-testid="app-title"]'), "Методист");
      await session.waitFor('[data-testid="empty-state"]');
    });
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
});
