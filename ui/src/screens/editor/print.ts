// Печать tab: what to print, the layout profile, a page preview drawn by the
// same layout code as the PDF (page-preview.ts), the readiness advice and
// «Сохранить PDF…».

import {
  AppError,
  deleteLayoutProfile,
  layoutProfiles,
  previewPages,
  printProgramme,
  readiness,
  renameLayoutProfile,
  saveDocx,
  saveLayoutProfile,
} from "../../api.js";
import { h } from "../../dom.js";
import type { LayoutProfile, PrintMode, Problem } from "../../api.js";
import { pagePreview } from "./page-preview.js";
import { profileEditor } from "./profile-editor.js";
import { placeOf, revealOnTab } from "./reveal.js";
import { revealOnOpen } from "./roadmap/index.js";
import type { EditorContext, EditorTab } from "./tab.js";

/** Names of the built-in profiles (crates/print/src/profile.rs builtin()): read-only. */
const BUILTIN_PROFILES = ["ГОСТ Р 7.0.97-2025", "ГОСТ Р 7.0.97-2016"];

/** "X (копия)", "X (копия 2)", ... — the first name not taken. */
function copyName(base: string, taken: string[]): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base} (копия)` : `${base} (копия ${n})`;
    if (!taken.includes(name)) return name;
  }
}

/** A readiness problem with its «Перейти»: the tab, then the field focused and in view (reveal.ts). */
function problemItem(ctx: EditorContext, problem: Problem): HTMLElement {
  const place = placeOf(ctx.programme(), problem.path);
  const text = h("span", { className: "print-problem-text" }, problem.message);
  if (place === null) return h("li", { testId: "print-problem", attrs: { "data-path": problem.path } }, text);
  const go = h(
    "a",
    {
      className: "print-problem-go",
      testId: "print-problem-go",
      attrs: { href: `#/programmes/${ctx.id}/${place.tab}`, title: "Открыть поле, которое нужно исправить" },
      onClick: () => {
        if ("uid" in place) revealOnOpen(ctx.id, place.uid, place.field);
        else revealOnTab(ctx.id, place.tab, place.testIds);
      },
    },
    "Перейти",
  );
  return h("li", { testId: "print-problem", attrs: { "data-path": problem.path } }, text, " ", go);
}

function message(error: unknown): string {
  return error instanceof AppError ? error.message : "Не удалось выполнить действие.";
}

export const printTab: EditorTab = {
  key: "print",
  title: "Печать",
  async render(ctx: EditorContext): Promise<HTMLElement> {
    let mode: PrintMode = ctx.programme().act === null ? "appendix_only" : "whole_act";
    let profiles: LayoutProfile[] = await layoutProfiles();
    let profile = profiles[0]?.name ?? "";

    const modeInput = (value: PrintMode, label: string): HTMLElement => {
      const input = h("input", {
        testId: `print-mode-${value}`,
        attrs: { type: "radio", name: "print-mode", value },
      });
      input.checked = mode === value;
      input.addEventListener("change", () => {
        if (input.checked) {
          mode = value;
          void loadPreview();
        }
      });
      return h("label", { className: "print-choice" }, input, ` ${label}`);
    };

    const select = h("select", { testId: "print-profile", attrs: { "aria-label": "Оформление" } });
    const profileStatus = h("p", { className: "print-status", testId: "profile-actions-status", attrs: { "aria-live": "polite" } });
    const editorBox = h("div", { className: "profile-editor-box", testId: "profile-editor-box" });
    const copyButton = h("button", { className: "button", testId: "profile-copy", attrs: { type: "button" } }, "Копировать…");
    const editButton = h("button", { className: "button", testId: "profile-edit", attrs: { type: "button", "aria-expanded": "false" } }, "Параметры");
    const renameButton = h("button", { className: "button", testId: "profile-rename", attrs: { type: "button" } }, "Переименовать");
    const deleteButton = h("button", { className: "button", testId: "profile-delete", attrs: { type: "button" } }, "Удалить");
    const nameForm = h("div", { className: "profile-name-form", testId: "profile-name-form", attrs: { hidden: "" } });
    let editorOpen = false;

    const isBuiltin = (name: string): boolean => BUILTIN_PROFILES.includes(name);
    const fillSelect = (): void => {
      select.replaceChildren(...profiles.map((p) => h("option", { attrs: { value: p.name } }, isBuiltin(p.name) ? p.name : `${p.name} (свой)`)));
      select.value = profile;
      renameButton.disabled = isBuiltin(profile);
      deleteButton.disabled = isBuiltin(profile);
    };
    const showEditor = (): void => {
      editButton.setAttribute("aria-expanded", String(editorOpen));
      editButton.textContent = editorOpen ? "Скрыть параметры" : "Параметры";
      const current = profiles.find((p) => p.name === profile);
      if (!editorOpen || current === undefined) {
        editorBox.replaceChildren();
        return;
      }
      editorBox.replaceChildren(
        profileEditor({
          profile: current,
          builtin: isBuiltin(current.name),
          onSaved: (saved) => {
            profiles = profiles.map((p) => (p.name === saved.name ? saved : p));
            void loadPreview();
          },
        }),
      );
    };
    const reloadProfiles = async (selected: string): Promise<void> => {
      profiles = await layoutProfiles();
      profile = profiles.some((p) => p.name === selected) ? selected : (profiles[0]?.name ?? "");
      fillSelect();
      showEditor();
      void loadPreview();
    };
    const actionFailed = (error: unknown): void => {
      profileStatus.classList.add("error");
      profileStatus.textContent = message(error);
    };
    /** A small inline form: a name field (or a question) with OK and Cancel. */
    const askName = (label: string, initial: string | null, okText: string, ok: (name: string) => Promise<void>): void => {
      profileStatus.textContent = "";
      profileStatus.classList.remove("error");
      const input = initial === null ? null : h("input", { testId: "profile-name-input", attrs: { type: "text", "aria-label": label } });
      if (input !== null) input.value = initial ?? "";
      const okButton = h("button", { className: "button primary", testId: "profile-name-ok", attrs: { type: "button" } }, okText);
      const cancel = h("button", { className: "button", testId: "profile-name-cancel", attrs: { type: "button" } }, "Отмена");
      const close = (): void => {
        nameForm.hidden = true;
        nameForm.replaceChildren();
      };
      const submit = (): void => {
        const name = input === null ? "" : input.value.trim();
        if (input !== null && name === "") {
          actionFailed(new AppError("invalid_edit", "Укажите название профиля."));
          input.focus();
          return;
        }
        okButton.disabled = true;
        void ok(name)
          .then(close)
          .catch((error: unknown) => {
            actionFailed(error);
            (input ?? okButton).focus();
          })
          .finally(() => {
            okButton.disabled = false;
          });
      };
      okButton.addEventListener("click", submit);
      cancel.addEventListener("click", close);
      input?.addEventListener("keydown", (event) => {
        if (event.key === "Enter") submit();
        if (event.key === "Escape") close();
      });
      nameForm.replaceChildren(h("label", { className: "profile-name-label" }, label, input), h("div", { className: "profile-name-actions" }, okButton, cancel));
      nameForm.hidden = false;
      (input ?? okButton).focus();
    };

    fillSelect();
    select.addEventListener("change", () => {
      profile = select.value;
      nameForm.hidden = true;
      fillSelect();
      showEditor();
      void loadPreview();
    });
    editButton.addEventListener("click", () => {
      editorOpen = !editorOpen;
      showEditor();
    });
    copyButton.addEventListener("click", () => {
      const source = profiles.find((p) => p.name === profile);
      if (source === undefined) return;
      askName("Название копии", copyName(source.name, profiles.map((p) => p.name)), "Создать копию", async (name) => {
        if (profiles.some((p) => p.name === name)) throw new AppError("invalid_edit", `Профиль «${name}» уже есть — выберите другое название.`);
        await saveLayoutProfile({ ...structuredClone(source), name });
        editorOpen = true;
        await reloadProfiles(name);
        profileStatus.classList.remove("error");
        profileStatus.textContent = `Создан профиль «${name}»: измените его параметры ниже.`;
      });
    });
    renameButton.addEventListener("click", () => {
      const from = profile;
      askName("Новое название", from, "Переименовать", async (to) => {
        await renameLayoutProfile(from, to);
        await reloadProfiles(to);
      });
    });
    deleteButton.addEventListener("click", () => {
      const name = profile;
      askName(`Удалить профиль «${name}»?`, null, "Удалить", async () => {
        await deleteLayoutProfile(name);
        await reloadProfiles(BUILTIN_PROFILES[0] ?? "");
        profileStatus.classList.remove("error");
        profileStatus.textContent = `Профиль «${name}» удалён.`;
      });
    });

    const status = h("p", { className: "print-status", testId: "print-status", attrs: { "aria-live": "polite" } });
    const saveButton = h("button", { className: "button primary", testId: "print-save", attrs: { type: "button" } }, "Сохранить PDF…");
    // The same document as the PDF, for the legal department to edit in Word.
    const wordButton = h("button", { className: "button", testId: "print-save-docx", attrs: { type: "button" } }, "Сохранить в Word (.docx)…");
    const readinessBox = h("div", { className: "print-readiness", testId: "print-readiness" });

    saveButton.addEventListener("click", () => {
      void (async () => {
        saveButton.disabled = true;
        status.classList.remove("error");
        status.textContent = "Сохранение PDF…";
        try {
          const printed = await printProgramme(ctx.id, mode, profile);
          if (printed === null) {
            status.textContent = "";
          } else {
            status.replaceChildren(
              h("span", { testId: "print-saved" }, `PDF сохранён: ${printed.path} (страниц: ${printed.pages}).`),
              ...printed.warnings.map((w) => h("span", { className: "print-warning", testId: "print-warning" }, w)),
            );
          }
        } catch (error) {
          status.classList.add("error");
          status.textContent = message(error);
        } finally {
          saveButton.disabled = false;
        }
      })();
    });

    wordButton.addEventListener("click", () => {
      void (async () => {
        wordButton.disabled = true;
        status.classList.remove("error");
        status.textContent = "Сохранение документа Word…";
        try {
          const saved = await saveDocx(ctx.id, mode, profile);
          status.textContent = "";
          if (saved !== null) {
            status.append(h("span", { testId: "print-saved-docx" }, `Документ Word сохранён: ${saved.path}.`));
          }
        } catch (error) {
          status.classList.add("error");
          status.textContent = message(error);
        } finally {
          wordButton.disabled = false;
        }
      })();
    });

    // ---- preview ----
    const preview = pagePreview();
    // Reads mode and profile when called: a change of either draws the preview again.
    const loadPreview = (): Promise<void> =>
      preview.load((dpi, first, count) => previewPages(ctx.id, mode, profile, dpi, first, count, null));

    // ---- readiness ----
    const loadReadiness = async (): Promise<void> => {
      try {
        const problems = await readiness(ctx.id);
        if (problems.length === 0) {
          readinessBox.replaceChildren(h("p", { className: "print-ready", testId: "print-ready" }, "Всё обязательное заполнено: можно печатать окончательный вариант."));
          return;
        }
        const list = h("ul", { className: "print-problems" });
        for (const problem of problems) list.append(problemItem(ctx, problem));
        readinessBox.replaceChildren(
          h("p", { className: "print-readiness-title" }, "Перед печатью окончательного варианта:"),
          list,
          h("p", { className: "print-note" }, "Это только подсказка: PDF можно сохранить и сейчас."),
        );
      } catch (error) {
        readinessBox.replaceChildren(h("p", { className: "print-status error" }, message(error)));
      }
    };

    ctx.onReload(() => {
      if (!root.isConnected) return;
      void loadReadiness();
      void loadPreview();
    });

    const root = h(
      "section",
      { className: "print-tab", testId: "tab-print" },
      h(
        "div",
        { className: "print-controls" },
        h(
          "fieldset",
          { className: "print-modes" },
          h("legend", {}, "Что печатать"),
          modeInput("whole_act", "Постановление с приложением"),
          modeInput("appendix_only", "Только приложение (утверждённая программа)"),
        ),
        h(
          "div",
          { className: "print-profile-box" },
          h("label", { className: "print-profile" }, "Оформление: ", select),
          h("div", { className: "print-profile-actions" }, copyButton, editButton, renameButton, deleteButton),
          nameForm,
          profileStatus,
          editorBox,
        ),
        h("div", { className: "print-save-buttons" }, saveButton, wordButton),
        status,
        readinessBox,
      ),
      preview.element,
    );
    void loadPreview();
    void loadReadiness();
    return root;
  },
};
