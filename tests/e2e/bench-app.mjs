// Speed of the release app in its real window (a benchmark, not a test;
// README «Benchmarks»): (a) from the start of the app's process to the
// programme list on screen, (b) from opening a 300-item programme's roadmap
// tab to its rows on screen. Drives the app through tauri-driver like the
// e2e tests; Linux only (the process start time is read from /proc).
//
//   cargo build --release -p metodist-app -p metodist-cli
//   xvfb-run -a -s "-screen 0 1280x800x24" node tests/e2e/bench-app.mjs [RUNS]
//
// METODIST_APP_BIN / METODIST_CLI_BIN override the binaries
// ($CARGO_TARGET_DIR/release/metodist-app, .../metodist).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { ARTIFACTS, freshEnv, repo } from "./harness.mjs";
import { Session, processesWithEnv, startDriver, waitForProcessesToExit } from "./webdriver.mjs";

const targetDir = resolve(repo, process.env.CARGO_TARGET_DIR ?? "target");
const APP = process.env.METODIST_APP_BIN ?? join(targetDir, "release", "metodist-app");
const CLI = process.env.METODIST_CLI_BIN ?? join(targetDir, "release", "metodist");
const RUNS = Number(process.argv[2] ?? 5);
const ITEMS = 300;

/**
 * Epoch ms at which process `pid` started: its start in clock ticks since
 * boot, against the current uptime (both 10 ms resolution; /proc/stat's
 * btime is whole seconds and would be up to a second off).
 */
function processStartMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[19]); // field 22 of stat: starttime
  const hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  const now = Date.now();
  const uptime = Number(readFileSync("/proc/uptime", "latin1").split(" ")[0]);
  return now - (uptime - ticks / hz) * 1000;
}

/** The app's own process among those with our METODIST_DB (WebKit helpers share it). */
function appPid(env) {
  const pids = processesWithEnv("METODIST_DB", env.METODIST_DB);
  const app = pids.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0")[0] === APP;
    } catch {
      return false;
    }
  });
  assert.ok(app !== undefined, `the app process was not found among ${pids}`);
  return app;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function waitFor(session, probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await session.script(probe);
    if (value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function oneRun(env, run) {
  const driver = await startDriver({ env, logFile: join(ARTIFACTS, `bench-app-driver.log`) });
  let session;
  try {
    const requested = Date.now();
    session = await Session.create(driver.base, APP);
    const pid = appPid(env);
    const started = processStartMs(pid);
    // The list marks when it was first on screen (ui/src/screens/programmes.ts).
    const [origin, shownMs] = await waitFor(
      session,
      `const el = document.querySelector('[data-testid="programme-list"][data-shown-ms]');
       return el ? [Date.now() - performance.now(), Number(el.dataset.shownMs)] : null;`,
      "the programme list",
    );
    const seenByDriver = Date.now();
    const launch = origin + shownMs - started;
    // Where the time goes: the process until the webview starts loading the
    // page, then the page until the list is on screen.
    const toPage = origin - started;
    const launchWall = seenByDriver - requested;

    // The roadmap tab: an observer in the page notes when the tab has shown
    // its first screen (data-render-ms) and all its rows (data-complete),
    // counted from the moment the tab is asked for.
    const id = await session.script(`return document.querySelector('[data-testid="programme-row"]').dataset.id;`);
    await session.script(
      `window.__bench = { start: performance.now() };
       const seen = () => {
         const root = document.querySelector('[data-testid="roadmap"]');
         if (root && root.dataset.renderMs !== undefined && window.__bench.shown === undefined) window.__bench.shown = performance.now() - window.__bench.start;
         if (root && root.dataset.complete !== undefined && window.__bench.complete === undefined) window.__bench.complete = performance.now() - window.__bench.start;
       };
       new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-render-ms", "data-complete"] });
       location.hash = arguments[0];`,
      [`#/programmes/${id}/roadmap`],
    );
    // A short table may be complete before its first frame: all rows are
    // on screen at the later of the two.
    const [shown, complete] = await waitFor(
      session,
      `const b = window.__bench; return b.shown !== undefined && b.complete !== undefined ? [b.shown, Math.max(b.shown, b.complete)] : null;`,
      "the roadmap tab",
    );
    const rows = await session.script(`return document.querySelectorAll('[data-testid="item-row"]').length;`);
    assert.equal(rows, ITEMS);
    console.log(
      `run ${run}: launch → list ${launch.toFixed(0)} ms (page load began at ${toPage.toFixed(0)} ms; ${launchWall} ms as WebDriver saw it) | ` +
        `roadmap tab: first screen ${shown.toFixed(0)} ms, all ${rows} rows ${complete.toFixed(0)} ms`,
    );
    return { launch, toPage, launchWall, shown, complete };
  } finally {
    if (session) await session.delete().catch(() => {});
    await driver.stop();
    for (const pid of await waitForProcessesToExit("METODIST_DB", env.METODIST_DB, 5_000)) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // Gone meanwhile.
      }
    }
    await waitForProcessesToExit("METODIST_DB", env.METODIST_DB, 15_000);
  }
}

async function main() {
  for (const bin of [APP, CLI]) assert.ok(existsSync(bin), `missing ${bin}: cargo build --release -p metodist-app -p metodist-cli`);
  // A temporary data folder of its own, as every e2e test has (harness.mjs).
  const { dir, env } = freshEnv("bench-app");
  try {
    const file = join(dir, `g${ITEMS}.metodist.json`);
    execFileSync(CLI, ["gen", "--items", String(ITEMS), "-o", file], { env });
    execFileSync(CLI, ["--db", env.METODIST_DB, "import", file], { env });
    console.log(`${APP}\n${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
    const results = [];
    // The first launch also warms the disk cache; it is reported, not counted.
    await oneRun(env, 0);
    for (let run = 1; run <= RUNS; run++) results.push(await oneRun(env, run));
    const m = (key) => median(results.map((r) => r[key])).toFixed(0);
    console.log(
      `median of ${RUNS}: launch → programme list ${m("launch")} ms (page load began at ${m("toPage")} ms; WebDriver: ${m("launchWall")} ms); ` +
        `${ITEMS}-item roadmap tab: first screen ${m("shown")} ms, all rows ${m("complete")} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
}

await main();
