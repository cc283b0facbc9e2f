// End-to-end test of «Сохранить в Excel (.xlsx)» (issue #15) in the real
// window: the sample programme imported through the CLI, "today" pinned to
// 20.05.2025, the workbook saved from «Исполнение» through the save dialog
// (answered by METODIST_TEST_SAVE_TO), and its package read back: both
// sheets, every item's activity, statuses as of the pinned day («просрочено»
// for a past date never marked), and the same rows the CLI writes.
//
//   xvfb-run -a -s "-screen 0 1280x800x24" node --test tests/e2e/excel-out.test.mjs

import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { inflateRawSync } from "node:zlib";

import { CLI, FIXTURE, click, freshEnv, launch, runCli, saveScreenshot, waitUntil } from "./harness.mjs";

const TEST_TIMEOUT_MS = 300_000;
const TODAY = "2025-05-20";

/** The parts of a zip package by name, from its central directory. */
function unzip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, "a zip package");
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const parts = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString("utf8"));
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** The texts of the shared-string table, XML entities decoded. */
function sharedStrings(xml) {
  return [...xml.matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)]
      .map((t) => t[1])
      .join("")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

/** The rows of the first sheet as text: shared strings resolved, numbers as written. */
function rows(parts) {
  const strings = sharedStrings(parts.get("xl/sharedStrings.xml"));
  const sheet = parts.get("xl/worksheets/sheet1.xml");
  return [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map((r) =>
    [...r[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((c) => {
      const value = /<v>(.*?)<\/v>/s.exec(c[3] ?? "")?.[1] ?? "";
      return { col: c[1], text: /t="s"/.test(c[2]) ? strings[Number(value)] : value };
    }),
  );
}

const cliMissing = existsSync(CLI) ? false : `the metodist CLI is not built (${CLI})`;

test("the plan with its execution is saved from «Исполнение» as .xlsx through the save dialog", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env } = freshEnv("excel-out", { METODIST_TODAY: TODAY });
  const out = join(dir, "исполнение.xlsx");
  env.METODIST_TEST_SAVE_TO = out;
  try {
    const id = runCli(env, "--db", env.METODIST_DB, "import", FIXTURE).trim();
    assert.match(id, /^\d+$/);
    let message;
    await launch(t, "excel-out", env, async (session) => {
      await session.waitFor('[data-testid="programme-list"]');
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/execution`]);
      await session.waitFor('[data-testid="editor"] [data-testid="tab-execution"]', 60_000);
      await click(session, '[data-testid="exec-xlsx"]');
      message = await waitUntil(
        "«Таблица сохранена»",
        async () => {
          const text = await session.textOf('[data-testid="exec-xlsx-status"]');
          return /Таблица сохранена|Не удалось/.test(text) ? text : false;
        },
        60_000,
      );
      await session.script(`document.querySelector('[data-testid="exec-xlsx"]').scrollIntoView({ block: "center" });`);
      for (const [width, height] of [[800, 600], [1920, 1080]]) {
        try {
          await session.call("POST", "/window/rect", { width, height });
          await saveScreenshot(session, `excel-out-execution-${width}x${height}`);
        } catch (error) {
          t.diagnostic(`window ${width}×${height}: ${error.message}`);
        }
      }
      // The same button on «Отчёт».
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/report`]);
      await session.waitFor('[data-testid="editor"] [data-testid="tab-report"] [data-testid="report-xlsx"]', 60_000);
      await saveScreenshot(session, "excel-out-report");
    });
    assert.match(message, /^Таблица сохранена: /, message);
    assert.ok(message.includes(out), message);
    assert.match(message, /со статусом на 20\.05\.2025/);

    const parts = unzip(readFileSync(out));
    const book = parts.get("xl/workbook.xml");
    assert.ok(book.includes('name="Дорожная карта"') && book.includes('name="Показатели"'), book);
    const table = rows(parts);
    const header = table[2].map((c) => c.text);
    assert.equal(header[0], "№ п/п");
    assert.equal(header[7], "Статус");
    const body = table.slice(3);
    const cell = (row, col) => row.find((c) => c.col === col)?.text ?? "";
    // Every item of the sample is on the sheet, under its number.
    const sample = JSON.parse(readFileSync(FIXTURE, "utf8")).programme;
    sample.roadmap.blocks.forEach((block, b) =>
      block.items.forEach((item, i) => {
        const number = `${b + 1}.${i + 1}`;
        assert.ok(
          body.some((r) => cell(r, "A") === number && cell(r, "C") === item.activity.trim()),
          `item ${number} «${item.activity}»`,
        );
      }),
    );
    // Item 1.1 was done on 12.09.2024 for 30.09.2024 (Excel's serial 45565
    // is 30.09.2024, 45547 is 12.09.2024); a past date never marked is overdue.
    const done = body.find((r) => cell(r, "A") === "1.1" && cell(r, "G") === "45565");
    assert.ok(done, "1.1 due 30.09.2024");
    assert.equal(cell(done, "H"), "выполнено");
    assert.equal(cell(done, "I"), "45547");
    const statuses = new Set(body.map((r) => cell(r, "H")));
    assert.ok(statuses.has("просрочено"), [...statuses].join(", "));
    assert.ok(statuses.has("срок не наступил"), [...statuses].join(", "));

    // The CLI writes the same rows for the same day.
    const cliOut = join(dir, "cli.xlsx");
    runCli(env, "--db", env.METODIST_DB, "export", id, "-o", cliOut, "--today", TODAY);
    assert.deepEqual(rows(unzip(readFileSync(cliOut))), table);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
