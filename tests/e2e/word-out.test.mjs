// End-to-end test of «Сохранить в Word (.docx)» on the Печать tab, in the
// real window:
//
//   xvfb-run -a -s "-screen 0 1280x800x24" node --test tests/e2e/word-out.test.mjs
//
// Same environment as editor.test.mjs (METODIST_APP_BIN, METODIST_CLI_BIN,
// TAURI_DRIVER). The save dialog is answered by METODIST_TEST_SAVE_TO; the
// sample programme is imported with the CLI.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { ARTIFACTS, FIXTURE, click, cliMissing, freshEnv, launch, runCli, saveScreenshot, waitUntil } from "./harness.mjs";

const TEST_TIMEOUT_MS = 300_000;

test("the Печать tab saves the act and its appendix as a Word document", { timeout: TEST_TIMEOUT_MS, skip: cliMissing }, async (t) => {
  const { dir, env, db } = freshEnv("word-out");
  env.METODIST_TEST_SAVE_TO = join(dir, "saved.docx");
  try {
    const id = runCli(env, "--db", db, "import", FIXTURE).trim();
    assert.match(id, /^\d+$/);
    await launch(t, "word-out", env, async (session) => {
      await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/print`]);
      await session.waitFor('[data-testid="print-thumb"] img', 90_000);
      const button = await session.textOf('[data-testid="print-save-docx"]');
      assert.equal(button, "Сохранить в Word (.docx)…");
      await click(session, '[data-testid="print-save-docx"]');
      await waitUntil(
        "the Word document saved",
        async () => (await session.findAll('[data-testid="print-saved-docx"]')).length > 0,
        90_000,
      );
      assert.match(await session.textOf('[data-testid="print-saved-docx"]'), /Документ Word сохранён: .*saved\.docx\./);
      await saveScreenshot(session, "word-out-print");
    });

    const docx = env.METODIST_TEST_SAVE_TO;
    assert.ok(existsSync(docx), "the .docx was written");
    copyFileSync(docx, join(ARTIFACTS, "word-out.docx"));
    const bytes = readFileSync(docx);
    // A zip package with the Word document in it (part names are stored uncompressed).
    assert.equal(bytes.subarray(0, 4).toString("latin1"), "PK\u0003\u0004");
    assert.ok(bytes.includes(Buffer.from("word/document.xml")), "word/document.xml in the package");
    // The same bytes as the CLI writes for the same programme and profile.
    const cli = join(dir, "cli.docx");
    runCli(env, "--db", db, "render", id, "-o", cli);
    assert.ok(readFileSync(cli).equals(bytes), "the window and the CLI write the same .docx");

    // Read back as a reader would, when LibreOffice is here.
    const soffice = spawnSync("soffice", ["--version"], { encoding: "utf8" });
    if (soffice.status !== 0) {
      t.diagnostic("LibreOffice is not installed: the .docx is not converted back");
      return;
    }
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, docx],
      { timeout: 120_000 },
    );
    const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", join(dir, "saved.pdf"), "-"], { encoding: "utf8" });
    const flat = text.replace(/-\s*\n\s*/g, "").replace(/\s+/g, " ");
    const programme = JSON.parse(readFileSync(FIXTURE, "utf8")).programme;
    for (const expected of ["П О С Т А Н О В Л Е Н И Е", "Паспорт программы", programme.roadmap.blocks[0].items[0].activity]) {
      assert.ok(flat.includes(expected), `LibreOffice reads «${expected}» in the .docx`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
  }
});
