import { databaseStatus } from "./api.js";
import { addRoute, startRouter } from "./router.js";
import { backupsScreen } from "./screens/backups.js";
import { editorScreen } from "./screens/editor/shell.js";
import { programmesScreen } from "./screens/programmes.js";

addRoute("/programmes", programmesScreen);
addRoute("/backups", backupsScreen);
addRoute("/programmes/:id", editorScreen);
addRoute("/programmes/:id/:tab", editorScreen);

async function showDatabaseStatus(footer: HTMLElement): Promise<void> {
  try {
    const status = await databaseStatus();
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
  startRouter(screen, "/programmes", () => void showDatabaseStatus(footer));
}
