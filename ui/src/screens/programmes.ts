// The start screen: every programme in the database, newest edits as the core
// orders them; creating one from a template, import and export of the
// exchange file, copies for the next period, user templates, deletion with a
// way back.
//
// data-testid: programmes-screen, programmes-create, programmes-import,
// programmes-message, template-chooser, template-option (data-key),
// template-delete (data-key), template-cancel, empty-state, programme-list,
// programme-row (data-id), programme-title, programme-status,
// programme-open, programme-duplicate, programme-export,
// programme-save-template, programme-delete, template-name-form,
// template-name-input, template-name-save, template-name-cancel,
// delete-confirm-form, delete-confirm, delete-cancel, deleted-section,
// deleted-row (data-id), deleted-restore; backup-problem (backups.ts).

import {
  AppError,
  DATABASE_ERRORS,
  chooseImportFile,
  commitImport,
  createFromTemplate,
  deleteProgramme,
  deleteTemplate,
  duplicateProgramme,
  exportProgramme,
  listDeleted,
  openImport,
  listProgrammes,
  listTemplates,
  loadProgramme,
  restoreProgramme,
  saveAsTemplate,
  type ProgrammeSummary,
} from "../api.js";
import { h } from "../dom.js";
import { formatDateTime, formatPeriod, formatStatus } from "../format.js";
import type { TemplateSummary } from "../api.js";
import { navigate, refresh, type Screen } from "../router.js";
import { fileName, reviewView } from "../review.js";
import { backupProblemLine, recoveryPanel } from "./backups.js";
import { settleEditor } from "./editor/shell.js";
import { forgetReview, showReview } from "./import-review.js";

/** A message that survives the re-render after an action («Программа восстановлена»). */
let flash: { text: string; error: boolean } | null = null;

function say(text: string, error = false): void {
  flash = { text, error };
}

/** Shows `text` on the next render of the list (after a restore elsewhere). */
export function announce(text: string): void {
  say(text);
}

function messageOf(raw: unknown): string {
  return raw instanceof AppError ? raw.message : "Непредвиденная ошибка интерфейса.";
}

/** Runs an action, keeps its message for the next render and re-renders. */
async function act(action: () => Promise<string | null>): Promise<void> {
  try {
    const text = await action();
    if (text !== null) say(text);
  } catch (raw) {
    say(messageOf(raw), true);
  }
  refresh();
}

function smallButton(text: string, testId: string, onClick: () => void, className = "link-button"): HTMLButtonElement {
  return h("button", { className, testId, attrs: { type: "button" }, onClick }, text);
}

/** `tab` absent: the editor's default, «Сегодня» (tracking an approved plan). */
function openEditor(id: number, tab?: string): void {
  navigate(tab === undefined ? `/programmes/${id}` : `/programmes/${id}/${tab}`);
}

// ---- Create from a template ----

function templateChooser(templates: TemplateSummary[], close: () => void): HTMLElement {
  const option = (template: TemplateSummary): HTMLElement =>
    h(
      "li",
      { className: "template-item" },
      h(
        "button",
        {
          className: "template-option",
          testId: "template-option",
          attrs: { type: "button", "data-key": template.key },
          onClick: () =>
            void (async () => {
              try {
                // A new draft is to be filled in, not tracked: its passport.
                openEditor(await createFromTemplate(template.key), "passport");
              } catch (raw) {
                say(messageOf(raw), true);
                refresh();
              }
            })(),
        },
        h("span", { className: "template-name" }, template.name),
        h("span", { className: "template-kind" }, template.builtin ? "встроенный шаблон" : "ваш шаблон"),
      ),
      template.builtin
        ? null
        : h(
            "button",
            {
              className: "link-button link-danger",
              testId: "template-delete",
              attrs: { type: "button", "data-key": template.key },
              onClick: () => void act(async () => {
                await deleteTemplate(template.key);
                return `Шаблон «${template.name}» удалён.`;
              }),
            },
            "Удалить шаблон",
          ),
    );
  const builtin = templates.filter((t) => t.builtin);
  const own = templates.filter((t) => !t.builtin);
  return h(
    "section",
    { className: "template-chooser", testId: "template-chooser" },
    h("h3", { className: "card-title" }, "Новая программа по шаблону"),
    h("p", { className: "field-hint" }, "Шаблон даёт строки паспорта, разделы с подсказками, типовые показатели и блоки дорожной карты; всё можно изменить."),
    h("ul", { className: "template-list" }, ...builtin.map(option)),
    own.length > 0 ? h("h4", { className: "template-group" }, "Ваши шаблоны") : null,
    own.length > 0 ? h("ul", { className: "template-list" }, ...own.map(option)) : null,
    smallButton("Отмена", "template-cancel", close, "button button-small"),
  );
}

// ---- The list ----

function emptyState(create: () => void): HTMLElement {
  return h(
    "section",
    { className: "empty-state", testId: "empty-state" },
    h("p", { className: "empty-lead" }, "Программ пока нет. Импортируйте файл программы или создайте новую по шаблону."),
    h(
      "p",
      { className: "empty-actions" },
      h("button", { className: "button button-primary", testId: "empty-create", attrs: { type: "button" }, onClick: create }, "Создать программу"),
      importButton("empty-import"),
    ),
  );
}

/** «Импорт…»: an exchange file is imported at once, as it always was; a
 * Word document is read and reviewed first (screens/import-review.ts). A
 * refused file leaves its message on the list and nothing else. */
async function importFile(button: HTMLButtonElement): Promise<void> {
  const status = document.querySelector<HTMLElement>('[data-testid="programmes-message"]');
  button.disabled = true;
  try {
    const path = await chooseImportFile();
    if (path === null) return;
    // Reading a long document takes a moment: say what is going on.
    if (status !== null) {
      status.className = "screen-message";
      status.textContent = `Читаю файл «${fileName(path)}»…`;
    }
    const step = await openImport(path);
    if (step.kind === "imported") {
      say("Программа импортирована.");
      refresh();
      return;
    }
    const review = step.review;
    showReview(reviewView(review), {
      confirm: () => commitImport(review.path, review.fingerprint),
      cancelled: () => {
        say("Импорт отменён: ничего не сохранено.");
        navigate("/programmes");
      },
    });
  } catch (raw) {
    say(messageOf(raw), true);
    refresh();
  } finally {
    if (button.isConnected) button.disabled = false;
  }
}

function importButton(testId: string): HTMLButtonElement {
  const button: HTMLButtonElement = h("button", { className: "button", testId, attrs: { type: "button" } }, "Импорт…");
  button.addEventListener("click", () => void importFile(button));
  return button;
}

function inlineRow(content: HTMLElement): HTMLElement {
  return h("tr", { className: "inline-form-row" }, h("td", { attrs: { colspan: "5" } }, content));
}

function templateNameForm(programme: ProgrammeSummary, close: () => void): HTMLElement {
  const input = h("input", {
    className: "field",
    testId: "template-name-input",
    attrs: { type: "text", "aria-label": "Название шаблона", placeholder: "Название шаблона" },
  });
  input.value = programme.title;
  const hint = h("span", { className: "field-hint field-hint-error" });
  const save = (): void => {
    const name = input.value.trim();
    if (name === "") {
      hint.textContent = "Введите название шаблона.";
      input.focus();
      return;
    }
    void act(async () => {
      await saveAsTemplate(programme.id, name);
      return `Сохранён шаблон «${name}». Он появится в списке при создании программы.`;
    });
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    }
    if (event.key === "Escape") close();
  });
  queueMicrotask(() => {
    input.focus();
    input.select();
  });
  return h(
    "div",
    { className: "inline-form", testId: "template-name-form" },
    h("span", { className: "inline-form-label" }, "Сохранить как шаблон:"),
    input,
    smallButton("Сохранить", "template-name-save", save, "button button-small button-primary"),
    smallButton("Отмена", "template-name-cancel", close, "button button-small"),
    hint,
  );
}

function deleteForm(programme: ProgrammeSummary, close: () => void): HTMLElement {
  const confirm = smallButton("Удалить", "delete-confirm", () =>
    void act(async () => {
      await deleteProgramme(programme.id);
      return `Программа «${programme.title}» удалена. Её можно восстановить в разделе «Удалённые».`;
    }), "button button-small button-danger");
  queueMicrotask(() => confirm.focus());
  return h(
    "div",
    { className: "inline-form inline-danger", testId: "delete-confirm-form", attrs: { role: "alertdialog" } },
    h("span", { className: "inline-form-label" }, `Удалить программу «${programme.title}»? Её можно будет восстановить в течение 30 дней.`),
    confirm,
    smallButton("Отмена", "delete-cancel", close, "button button-small"),
  );
}

function row(programme: ProgrammeSummary): HTMLElement[] {
  const tr = h(
    "tr",
    { className: "programme-row", testId: "programme-row", attrs: { "data-id": String(programme.id) } },
  );
  let inline: HTMLElement | null = null;
  const closeInline = (): void => {
    inline?.remove();
    inline = null;
  };
  const showInline = (content: HTMLElement): void => {
    closeInline();
    inline = inlineRow(content);
    tr.after(inline);
  };
  const actions = h(
    "div",
    { className: "programme-actions" },
    smallButton("Открыть", "programme-open", () => openEditor(programme.id)),
    smallButton("Копия для следующего периода", "programme-duplicate", () =>
      void act(async () => {
        const copy = await loadProgramme(await duplicateProgramme(programme.id));
        return `Создана копия для следующего периода (${formatPeriod(copy.period)}): «${copy.title}».`;
      }),
    ),
    smallButton("Экспорт…", "programme-export", () =>
      void act(async () => {
        const path = await exportProgramme(programme.id);
        return path === null ? null : `Файл сохранён: ${path}`;
      }),
    ),
    smallButton("Сохранить как шаблон…", "programme-save-template", () => showInline(templateNameForm(programme, closeInline))),
    smallButton("Удалить", "programme-delete", () => showInline(deleteForm(programme, closeInline)), "link-button link-danger"),
  );
  tr.append(
    h(
      "td",
      { className: "col-title" },
      h("a", { className: "programme-title", testId: "programme-title", attrs: { href: `#/programmes/${programme.id}` } }, programme.title),
      actions,
    ),
    h("td", { className: "col-period" }, formatPeriod(programme.period)),
    h(
      "td",
      { className: "col-status" },
      h("span", { className: `badge badge-${programme.status}`, testId: "programme-status" }, formatStatus(programme.status)),
    ),
    h("td", { className: "col-number" }, String(programme.items)),
    h("td", { className: "col-date" }, formatDateTime(programme.updated_at)),
  );
  // A click anywhere on the row opens the programme, except on its controls.
  tr.addEventListener("click", (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest("button, a, input, form") !== null) return;
    openEditor(programme.id);
  });
  return [tr];
}

function table(programmes: ProgrammeSummary[]): HTMLElement {
  const list = h(
    "table",
    { className: "programmes", testId: "programme-list" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { className: "col-title", attrs: { scope: "col" } }, "Название"),
        h("th", { className: "col-period", attrs: { scope: "col" } }, "Период"),
        h("th", { className: "col-status", attrs: { scope: "col" } }, "Статус"),
        h("th", { className: "col-number", attrs: { scope: "col" } }, "Мероприятий"),
        h("th", { className: "col-date", attrs: { scope: "col" } }, "Изменена"),
      ),
    ),
    h("tbody", {}, ...programmes.flatMap(row)),
  );
  // When the list was first on screen, in ms since the window started
  // loading: read by the launch benchmark (tests/e2e/bench-app.mjs).
  const whenShown = (): void => {
    if (list.isConnected) list.dataset["shownMs"] = String(Math.round(performance.now()));
    else if (performance.now() < 60_000) requestAnimationFrame(whenShown);
  };
  requestAnimationFrame(whenShown);
  return list;
}

function deletedSection(deleted: ProgrammeSummary[]): HTMLElement | null {
  if (deleted.length === 0) return null;
  return h(
    "details",
    { className: "deleted-section", testId: "deleted-section" },
    h("summary", { className: "deleted-summary" }, `Удалённые (${deleted.length})`),
    h("p", { className: "field-hint" }, "Удалённые программы хранятся 30 дней, затем удаляются окончательно."),
    h(
      "ul",
      { className: "deleted-list" },
      ...deleted.map((programme) =>
        h(
          "li",
          { className: "deleted-row", testId: "deleted-row", attrs: { "data-id": String(programme.id) } },
          h("span", { className: "deleted-title" }, programme.title),
          h("span", { className: "deleted-period" }, formatPeriod(programme.period)),
          smallButton("Восстановить", "deleted-restore", () =>
            void act(async () => {
              await restoreProgramme(programme.id);
              return `Программа «${programme.title}» восстановлена.`;
            }), "button button-small"),
        ),
      ),
    ),
  );
}

export const programmesScreen: Screen = {
  errorHeading(error: AppError) {
    return DATABASE_ERRORS.includes(error.code)
      ? "Не удалось открыть базу данных"
      : "Не удалось загрузить список программ";
  },
  async render() {
    forgetReview();
    await settleEditor();
    let programmes: ProgrammeSummary[];
    try {
      programmes = await listProgrammes();
    } catch (raw) {
      // A database that cannot be opened gets the way forward (backups,
      // another file), not just the message.
      if (raw instanceof AppError && DATABASE_ERRORS.includes(raw.code)) return recoveryPanel(raw);
      throw raw;
    }
    // The list must show even if the secondary lists fail.
    const [deleted, templates, backupProblem] = await Promise.all([
      listDeleted().catch(() => [] as ProgrammeSummary[]),
      listTemplates().catch((raw: unknown) => {
        console.error("list_templates failed:", raw);
        return [] as TemplateSummary[];
      }),
      backupProblemLine(),
    ]);
    const chooserSlot = h("div", { className: "chooser-slot" });
    // With no programmes the empty state offers the same choice: while the
    // chooser is open it steps aside instead of repeating it underneath.
    let empty: HTMLElement | null = null;
    const closeChooser = (): void => {
      chooserSlot.replaceChildren();
      if (empty !== null) empty.hidden = false;
    };
    const toggleChooser = (): void => {
      if (chooserSlot.firstChild !== null) {
        closeChooser();
        return;
      }
      chooserSlot.replaceChildren(templateChooser(templates, closeChooser));
      if (empty !== null) empty.hidden = true;
      chooserSlot.querySelector<HTMLElement>('[data-testid="template-option"]')?.focus();
    };
    if (programmes.length === 0) empty = emptyState(toggleChooser);
    const message = h("p", {
      className: flash === null ? "screen-message" : flash.error ? "screen-message message-error" : "screen-message message-ok",
      testId: "programmes-message",
      attrs: { role: "status" },
    }, flash?.text ?? "");
    flash = null;
    return h(
      "div",
      { className: "programmes-screen", testId: "programmes-screen" },
      h(
        "div",
        { className: "screen-head" },
        h("h2", { className: "screen-title" }, "Программы"),
        h("span", { className: "editor-spacer" }),
        h("button", { className: "button button-primary", testId: "programmes-create", attrs: { type: "button" }, onClick: toggleChooser }, "Создать программу"),
        importButton("programmes-import"),
        h("button", { className: "button", testId: "backups-open", attrs: { type: "button" }, onClick: () => navigate("/backups") }, "Резервные копии"),
      ),
      backupProblem,
      message,
      chooserSlot,
      empty ?? table(programmes),
      deletedSection(deleted),
    );
  },
};
