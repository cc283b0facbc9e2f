// A minimal W3C WebDriver client over Node's built-in fetch, plus the
// tauri-driver process handling the notes in README "End-to-end tests"
// describe. No npm dependencies: the e2e tests need only Node and the driver.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
const REQUEST_TIMEOUT_MS = 30_000;

// Drivers still running. If the test process itself is stopped (the outer
// `timeout` of scripts/test, Ctrl+C), they get SIGTERM too instead of
// outliving it with their WebKitWebDriver child.
const liveDrivers = new Set();
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    for (const child of liveDrivers) child.kill("SIGTERM");
    process.exit(130);
  });
}

async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

async function request(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok) {
    const { error, message } = json.value ?? {};
    const failure = new Error(`${method} ${path}: ${error ?? response.status}: ${message ?? text}`);
    failure.webdriverError = error;
    throw failure;
  }
  return json.value;
}

/**
 * Starts tauri-driver on free ports with the given environment (which the
 * app inherits through WebKitWebDriver). Always pair with `stop()`.
 */
export async function startDriver({
  env,
  logFile,
  driverPath = process.env.TAURI_DRIVER ?? "tauri-driver",
  startTimeoutMs = 20_000,
}) {
  const port = await freePort();
  const nativePort = await freePort();
  // The driver's output goes to a file, not a pipe: WebKit processes started
  // under it inherit the descriptors, and an open pipe would keep this Node
  // process alive until the last of them exits.
  const log = openSync(logFile, "w");
  let child;
  try {
    child = spawn(driverPath, ["--port", String(port), "--native-port", String(nativePort)], {
      env,
      stdio: ["ignore", log, log],
    });
  } finally {
    closeSync(log);
  }
  const output = () => readFileSync(logFile, "utf8");
  const spawnError = new Promise((_, reject) => child.once("error", reject));
  liveDrivers.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  void exited.then(() => liveDrivers.delete(child));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`tauri-driver exited with ${child.exitCode}: ${output()}`);
      }
      try {
        await request(base, "GET", "/status");
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`tauri-driver did not answer on ${base} in ${startTimeoutMs} ms: ${error.message}\n${output()}`);
        }
        await sleep(150);
      }
    }
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }

  return {
    base,
    output,
    /**
     * SIGTERM only: tauri-driver then stops its WebKitWebDriver child. On
     * SIGKILL that child survives, keeps its port and hangs the next run.
     */
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`tauri-driver (pid ${child.pid}) did not exit ${timeoutMs} ms after SIGTERM`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Live (non-zombie) processes whose environment contains `NAME=value`, read
 * from /proc; empty where there is no /proc. The app and its WebKit helper
 * processes all inherit the test's METODIST_DB, which makes them findable
 * even after they have been re-parented.
 */
export function processesWithEnv(name, value) {
  if (!existsSync("/proc/self/environ")) return [];
  const needle = Buffer.from(`\0${name}=${value}\0`);
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "latin1");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      const environ = Buffer.concat([Buffer.from("\0"), readFileSync(`/proc/${entry}/environ`)]);
      if (environ.includes(needle)) found.push(Number(entry));
    } catch {
      // The process exited while we looked, or is not ours to read.
    }
  }
  return found;
}

/** Waits until no live process has `NAME=value` in its environment. */
export async function waitForProcessesToExit(name, value, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesWithEnv(name, value);
    if (left.length === 0 || Date.now() > deadline) return left;
    await sleep(100);
  }
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, application) {
    const value = await request(base, "POST", "/session", {
      capabilities: {
        alwaysMatch: { browserName: "wry", "tauri:options": { application } },
      },
    });
    return new Session(base, value.sessionId);
  }

  call(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async delete() {
    await this.call("DELETE", "");
  }

  async findAll(css) {
    const found = await this.call("POST", "/elements", { using: "css selector", value: css });
    return found.map((element) => element[ELEMENT_KEY]);
  }

  /** Polls until `css` matches, because the screen renders after an async call. */
  async waitFor(css, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [first] = await this.findAll(css);
      if (first !== undefined) return first;
      if (Date.now() > deadline) {
        const body = await this.findAll("body");
        const text = body[0] === undefined ? "" : await this.text(body[0]);
        throw new Error(`no element matches ${css} after ${timeoutMs} ms; page text: ${JSON.stringify(text)}`);
      }
      await sleep(100);
    }
  }

  async text(element) {
    return this.call("GET", `/element/${element}/text`);
  }

  /**
   * The rendered text of the first element matching `css`. Finding it and
   * reading it are two requests: a tab drawn again in between replaces the
   * element, and then it is found again (up to `timeoutMs`).
   */
  async textOf(css, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const element = await this.waitFor(css, timeoutMs);
      try {
        return await this.text(element);
      } catch (error) {
        if (error.webdriverError !== "stale element reference" || Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  async title() {
    return this.call("GET", "/title");
  }

  async script(source, args = []) {
    return this.call("POST", "/execute/sync", { script: source, args });
  }

  /** Runs `source` with a callback as its last argument; resolves with what it passes. */
  async asyncScript(source, args = []) {
    return this.call("POST", "/execute/async", { script: source, args });
  }

  /** PNG bytes of the window's viewport. */
  async screenshot() {
    return Buffer.from(await this.call("GET", "/screenshot"), "base64");
  }
}
