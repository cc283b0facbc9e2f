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

const screen = document.getElementById("screen");
const footer = document.getElementById("db-status");
if (screen !== null && footer !== null) {
  startRouter(screen, "/programmes", () => void showDatabaseStatus(footer));
}
