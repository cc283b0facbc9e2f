import { databaseStatus, listProgrammes } from "./api.js";
import { addRoute, startRouter } from "./router.js";
import { backupsScreen } from "./screens/backups.js";
import { editorScreen } from "./screens/editor/shell.js";
import { importReviewScreen } from "./screens/import-review.js";
import { programmesScreen } from "./screens/programmes.js";

addRoute("/programmes", programmesScreen);
addRoute("/backups", backupsScreen);
addRoute("/import", importReviewScreen);
addRoute("/programmes/:id", editorScreen);
addRoute("/programmes/:id/:tab", editorScreen);

/** Where she was, per database: a relaunch reopens that programme and tab. */
let lastPlaceKey: string | null = null;
const EDITOR_PATH = /^#\/programmes\/(\d+)(\/[a-z-]+)?$/;

function rememberPlace(): void {
  if (lastPlaceKey === null) return;
  try {
    localStorage.setItem(lastPlaceKey, window.location.hash);
  } catch {
    // Storage full or disabled: reopening is a convenience, never a failure.
  }
}

/** At launch, with no screen asked for: the programme and tab she left, if
 * that programme is still in this database; else the programme list. */
async function reopenLastPlace(): Promise<void> {
  try {
    const status = await databaseStatus();
    if (status.path === null || !status.open) return;
    lastPlaceKey = `metodist.last-place:${status.path}`;
    if (window.location.hash !== "") return;
    const last = localStorage.getItem(lastPlaceKey) ?? "";
    const found = EDITOR_PATH.exec(last);
    if (found === null) return;
    const programmes = await listProgrammes();
    if (programmes.some((p) => String(p.id) === found[1])) window.location.hash = last;
  } catch (error) {
    console.error("the last place was not reopened:", error);
  }
}

async function showDatabaseStatus(footer: HTMLElement): Promise<void> {
  try {
    const status = await databaseStatus();
    // Another database may have been opened from the window.
    if (status.path !== null) lastPlaceKey = `metodist.last-place:${status.path}`;
    rememberPlace();
    const where = status.path ?? "расположение неизвестно";
    footer.textContent = status.open
      ? `База данных: ${where}`
      : `База данных не открыта: ${where}`;
  } catch (error) {
    // The footer is informational; the screen itself reports real failures.
    console.error("database_status failed:", error);
    footer.textContent = "";
  }
}

/** Alt+← and Alt+→ step back and forward through the screens, as in a
 * browser (the webview has no such keys of its own); text fields keep them. */
function installHistoryKeys(): void {
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
    if (target instanceof HTMLElement && target.isContentEditable) return;
    event.preventDefault();
    if (event.key === "ArrowLeft") window.history.back();
    else window.history.forward();
  });
}

const screen = document.getElementById("screen");
const footer = document.getElementById("db-status");
if (screen !== null && footer !== null) {
  installHistoryKeys();
  void reopenLastPlace().then(() => startRouter(screen, "/programmes", () => void showDatabaseStatus(footer)));
}
