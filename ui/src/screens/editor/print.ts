// Печать tab. Owned by the other UI engineer: this first version prints the
// whole act with the first layout profile so that the shell has a working
// tab; replace it freely (keep the export name `printTab`).

import { AppError, layoutProfiles, printProgramme } from "../../api.js";
import { h } from "../../dom.js";
import type { EditorContext, EditorTab } from "./tab.js";

export const printTab: EditorTab = {
  key: "print",
  title: "Печать",
  render(ctx: EditorContext) {
    const status = h("p", { className: "print-status", testId: "print-status" });
    const print = async (): Promise<void> => {
      status.textContent = "Печать…";
      try {
        const profiles = await layoutProfiles();
        const printed = await printProgramme(ctx.id, "whole_act", profiles[0]?.name ?? "");
        status.textContent = printed === null ? "" : `Сохранено: ${printed.path} (страниц: ${printed.pages})`;
      } catch (error) {
        status.textContent = error instanceof AppError ? error.message : String(error);
      }
    };
    return h(
      "section",
      { className: "tab-print", testId: "tab-print" },
      h(
        "button",
        { className: "button", testId: "print-save", attrs: { type: "button" }, onClick: () => void print() },
        "Сохранить PDF…",
      ),
      status,
    );
  },
};
