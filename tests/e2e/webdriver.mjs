// A minimal W3C WebDriver client over Node's built-in fetch, plus the
// tauri-driver process handling the notes in README "End-to-end tests"
// describe. No npm dependencies: the e2e tests need only Node and the driver.

import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
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
export async function startDriver({ env, driverPath = process.env.TAURI_DRIVER ?? "tauri-driver", startTimeoutMs = 20_000 }) {
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn(driverPath, ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const spawnError = new Promise((_, reject) => child.once("error", reject));
  liveDrivers.add(child);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  void exited.then(() => liveDrivers.delete(child));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  const ready = (async () => {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`tauri-driver exited with ${child.exitCode}: ${output}`);
      }
      try {
        await request(base, "GET", "/status");
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`tauri-driver did not answer on ${base} in ${startTimeoutMs} ms: ${error.message}\n${output}`);
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
    output: () => output,
    /**
     * SIGTERM only: tauri-driver then stops its WebKitWebDriver child. On
     * SIGKILL that child survives, keeps its port and hangs the next run.
     */
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = sleep(timeoutMs).then(() => {
        throw new Error(`tauri-driver (pid ${child.pid}) did not exit ${timeoutMs} ms after SIGTERM`);
      });
      await Promise.race([exited, timer]);
    },
  };
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

  async textOf(css) {
    return this.text(await this.waitFor(css));
  }

  async title() {
    return this.call("GET", "/title");
  }

  async script(source, args = []) {
    return this.call("POST", "/execute/sync", { script: source, args });
  }

  /** PNG bytes of the window's viewport. */
  async screenshot() {
    return Buffer.from(await this.call("GET", "/screenshot"), "base64");
  }
}
