// The backups screen («Резервные копии») and the way forward from a database
// that cannot be opened: restore a copy, open another database file, or
// create a new one elsewhere. The damaged file itself is never overwritten
// (the core sets it aside under a new name before restoring over it).
//
// data-testid: backups-screen, backups-back, backup-create, backups-message,
// backups-empty, backup-list, backup-row (data-file), backup-when,
// backup-kind, backup-restore, restore-confirm-form, restore-confirm,
// restore-cancel, backup-problem, recovery-panel, recovery-backups,
// recovery-open-db, recovery-create-db, recovery-message.

import {
  AppError,
  DATABASE_ERRORS,
  ErrorCode,
  backupProblem,
  createBackup,
  createDatabase,
  listBackups,
  openDatabase,
  restoreBackup,
} from "../api.js";
import { errorPanel } from "../components.js";
import { h } from "../dom.js";
import { formatDayTime, formatSize } from "../format.js";
import type { BackupInfo, BackupKind, Restored } from "../api.js";
import { navigate, refresh, type Screen } from "../router.js";
import { announce } from "./programmes.js";

const KIND: Record<BackupKind, string> = {
  daily: "ежедневная, при запуске",
  manual: "создана вручную",
  before_restore: "состояние перед восстановлением",
  other: "файл в папке копий",
};

function messageOf(raw: unknown): string {
  return raw instanceof AppError ? raw.message : "Непредвиденная ошибка интерфейса.";
}

function restoredMessage(restored: Restored): string {
  switch (restored.kept) {
    case "safety_copy":
      return `Резервная копия восстановлена. Состояние до восстановления сохранено как копия «${restored.file_name}» — её можно восстановить так же.`;
    case "damaged_set_aside":
      return `Резервная копия восстановлена. Повреждённый файл не изменён: он сохранён рядом под именем «${restored.file_name}».`;
    case "nothing":
      return "Резервная копия восстановлена.";
  }
}

/** Restores `backup`, then shows the programme list of the restored database. */
async function restore(backup: BackupInfo, say: (text: string, error: boolean) => void): Promise<void> {
  try {
    const restored = await restoreBackup(backup.file_name);
    announce(restoredMessage(restored));
    navigate("/programmes");
  } catch (raw) {
    say(messageOf(raw), true);
  }
}

function confirmForm(
  backup: BackupInfo,
  damaged: boolean,
  close: () => void,
  say: (text: string, error: boolean) => void,
): HTMLElement {
  const when = formatDayTime(backup.created);
  const consequence = damaged
    ? "Повреждённый файл базы данных не будет перезаписан: он останется рядом под новым именем (или будет сохранён отдельной копией, если его ещё можно скопировать), а на его месте появится база из этой копии."
    : "Текущее состояние базы сначала будет сохранено как отдельная резервная копия — к нему можно будет вернуться.";
  const confirm = h(
    "button",
    {
      className: "button button-small button-primary",
      testId: "restore-confirm",
      attrs: { type: "button" },
      onClick: () => void restore(backup, say),
    },
    "Восстановить",
  );
  queueMicrotask(() => confirm.focus());
  return h(
    "div",
    { className: "inline-form", testId: "restore-confirm-form", attrs: { role: "alertdialog" } },
    h("span", { className: "inline-form-label" }, `Восстановить копию от ${when}? ${consequence}`),
    confirm,
    h("button", { className: "button button-small", testId: "restore-cancel", attrs: { type: "button" }, onClick: close }, "Отмена"),
  );
}

/** The list of copies with a restore (after confirmation) on each. */
function backupList(
  backups: BackupInfo[],
  damaged: boolean,
  say: (text: string, error: boolean) => void,
): HTMLElement {
  if (backups.length === 0) {
    return h(
      "p",
      { className: "empty-lead", testId: "backups-empty" },
      "Резервных копий пока нет. Копия создаётся автоматически раз в день при запуске программы.",
    );
  }
  const rows = backups.map((backup) => {
    const confirmSlot = h("div", { className: "backup-confirm" });
    const close = (): void => confirmSlot.replaceChildren();
    return h(
      "li",
      { className: "backup-row", testId: "backup-row", attrs: { "data-file": backup.file_name } },
      h(
        "div",
        { className: "backup-line" },
        h("span", { className: "backup-when", testId: "backup-when" }, `${formatDayTime(backup.created)} — ${formatSize(backup.size)}`),
        h("span", { className: "backup-kind", testId: "backup-kind" }, KIND[backup.kind] ?? backup.kind),
        h(
          "button",
          {
            className: "button button-small",
            testId: "backup-restore",
            attrs: { type: "button" },
            onClick: () => confirmSlot.replaceChildren(confirmForm(backup, damaged, close, say)),
          },
          "Восстановить…",
        ),
      ),
      confirmSlot,
    );
  });
  return h("ul", { className: "backup-list", testId: "backup-list" }, ...rows);
}

function messageLine(testId: string): { element: HTMLElement; say: (text: string, error: boolean) => void } {
  const element = h("p", { className: "screen-message", testId, attrs: { role: "status" } });
  return {
    element,
    say: (text, error) => {
      element.className = error ? "screen-message message-error" : "screen-message message-ok";
      element.textContent = text;
    },
  };
}

/** «Сегодняшняя резервная копия не создана: …» when today's automatic copy
 * failed at start (a full disk, a damaged database), else nothing: the
 * failure must not stay in a log she never sees. */
export async function backupProblemLine(): Promise<HTMLElement | null> {
  let problem;
  try {
    problem = await backupProblem();
  } catch (raw) {
    console.error("backup_problem failed:", raw);
    return null;
  }
  if (problem === null) return null;
  return h(
    "p",
    { className: "screen-message message-error", testId: "backup-problem", attrs: { role: "alert", "data-code": problem.code } },
    problem.message,
  );
}

export const backupsScreen: Screen = {
  errorHeading(error: AppError) {
    return DATABASE_ERRORS.includes(error.code) ? "Не удалось открыть базу данных" : "Не удалось получить список резервных копий";
  },
  async render() {
    const [backups, problem] = await Promise.all([listBackups(), backupProblemLine()]);
    const message = messageLine("backups-message");
    const create = h(
      "button",
      {
        className: "button button-primary",
        testId: "backup-create",
        attrs: { type: "button" },
        onClick: () =>
          void (async () => {
            create.disabled = true;
            try {
              const made = await createBackup();
              const list = await listBackups();
              listSlot.replaceChildren(backupList(list, false, message.say));
              // Today has a copy now.
              problem?.remove();
              message.say(`Копия создана: ${formatDayTime(made.created)} — ${formatSize(made.size)}.`, false);
            } catch (raw) {
              message.say(messageOf(raw), true);
            } finally {
              create.disabled = false;
            }
          })(),
      },
      "Создать копию сейчас",
    );
    const listSlot = h("div", { className: "backup-list-slot" }, backupList(backups, false, message.say));
    return h(
      "div",
      { className: "backups-screen", testId: "backups-screen" },
      h(
        "div",
        { className: "screen-head" },
        h("a", { className: "link-button", testId: "backups-back", attrs: { href: "#/programmes" } }, "← Все программы"),
        h("h2", { className: "screen-title" }, "Резервные копии"),
        h("span", { className: "editor-spacer" }),
        create,
      ),
      h(
        "p",
        { className: "field-hint" },
        "Копия базы данных создаётся автоматически раз в день при запуске; хранятся последние 14 ежедневных копий. Копии, созданные вручную, и копии перед восстановлением не удаляются автоматически. Копии лежат в папке «backups» рядом с файлом базы данных.",
      ),
      problem,
      message.element,
      listSlot,
    );
  },
};

/** Codes for which the database file itself is unusable, so restoring a
 * copy in its place (after setting it aside) is the way forward. A locked
 * or read-only file is left alone: another program may be using it. */
const DAMAGED = new Set<string>([
  ErrorCode.DB_NOT_SQLITE,
  ErrorCode.DB_CORRUPT,
  ErrorCode.DB_NEWER_VERSION,
  ErrorCode.DB_MIGRATION_FAILED,
]);

async function switchDatabase(action: () => Promise<string | null>, say: (text: string, error: boolean) => void): Promise<void> {
  try {
    const path = await action();
    if (path === null) return;
    announce(`Открыта база данных: ${path}`);
    navigate("/programmes");
  } catch (raw) {
    say(messageOf(raw), true);
  }
}

/** What the window shows when the database cannot be opened: the error
 * (with «Повторить»), then every way forward that fits it. */
export async function recoveryPanel(error: AppError): Promise<HTMLElement> {
  const message = messageLine("recovery-message");
  const damaged = DAMAGED.has(error.code);
  let backups: BackupInfo[] = [];
  if (damaged) {
    try {
      backups = await listBackups();
    } catch (raw) {
      message.say(`Список резервных копий недоступен: ${messageOf(raw)}`, true);
    }
  }
  return h(
    "div",
    { className: "recovery", testId: "recovery-panel" },
    errorPanel("Не удалось открыть базу данных", error, refresh),
    h(
      "section",
      { className: "recovery-ways" },
      h("h3", { className: "card-title" }, "Что можно сделать"),
      message.element,
      damaged
        ? h(
            "div",
            { className: "recovery-backups", testId: "recovery-backups" },
            h("h4", { className: "template-group" }, "Восстановить резервную копию"),
            backupList(backups, true, message.say),
          )
        : null,
      h(
        "p",
        { className: "empty-actions" },
        h(
          "button",
          { className: "button", testId: "recovery-open-db", attrs: { type: "button" }, onClick: () => void switchDatabase(openDatabase, message.say) },
          "Открыть другую базу…",
        ),
        h(
          "button",
          { className: "button", testId: "recovery-create-db", attrs: { type: "button" }, onClick: () => void switchDatabase(createDatabase, message.say) },
          "Создать новую базу…",
        ),
      ),
      h(
        "p",
        { className: "field-hint" },
        "Повреждённый файл базы данных не изменяется и не удаляется ни при каком выборе.",
      ),
    ),
  );
}
