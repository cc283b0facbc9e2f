// Building blocks shared by screens.

import type { AppError } from "./api.js";
import { h } from "./dom.js";

export function loading(): HTMLElement {
  return h("p", { className: "loading", testId: "loading" }, "Загрузка…");
}

export function errorPanel(heading: string, error: AppError, onRetry: () => void): HTMLElement {
  return h(
    "section",
    { className: "error-panel", testId: "error-panel", attrs: { role: "alert" } },
    h("h2", { className: "error-heading", testId: "error-heading" }, heading),
    h("p", { className: "error-message", testId: "error-message" }, error.message),
    h(
      "p",
      { className: "error-code" },
      "Код ошибки: ",
      h("code", { testId: "error-code" }, error.code),
    ),
    h(
      "button",
      { className: "button", testId: "retry", attrs: { type: "button" }, onClick: onRetry },
      "Повторить",
    ),
  );
}
