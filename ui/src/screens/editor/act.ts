// Акт tab: the approving act and the appendix mark, with a live preview of
// how the mark will read in print (the wording of crates/print compose.rs).
//
// data-testid: tab-act, act-none, act-add, act-remove, act-kind,
// act-issuer, act-date, act-date-hint, act-number, act-place, act-title,
// act-preamble, act-formula, act-point-<n> (n from 1), act-point-<n>-up /
// -down / -delete, act-point-add, act-signatory-position,
// act-signatory-name, act-executor, mark-style, mark-number,
// mark-issuer, mark-preview.

import { h } from "../../dom.js";
import { checkDate, formatDate, parseDate } from "../../format.js";
import type { ActKind, AppendixMark, ApprovingAct, MarkStyle } from "../../api.js";
import { cleanParagraph } from "../../pasted.js";
import { altArrows, button, commit, focusTestId, forgetUnsaved, labelled, quietly, rememberUnsaved, rowTools, textField, unsavedText } from "./fields.js";
import type { EditorContext, EditorTab } from "./tab.js";

const KINDS: [ActKind, string][] = [
  ["decree", "Постановление"],
  ["order", "Приказ"],
  ["directive", "Распоряжение"],
];

const DATIVE: Record<ActKind, string> = { decree: "постановлению", order: "приказу", directive: "распоряжению" };
const INSTRUMENTAL: Record<ActKind, string> = { decree: "постановлением", order: "приказом", directive: "распоряжением" };
const FORMULA: Record<ActKind, string> = { decree: "ПОСТАНОВЛЯЕТ:", order: "приказываю:", directive: "" };

function newAct(ctx: EditorContext): ApprovingAct {
  return {
    kind: "decree",
    issuer: [],
    date: null,
    number: null,
    place: "",
    title: `Об утверждении ${ctx.programme().title}`.trim(),
    preamble: "",
    formula: FORMULA.decree,
    points: [],
    signatory_position: "",
    signatory_name: "",
    executor: null,
  };
}

/** The mark's lines exactly as print composes them. */
export function markLines(act: ApprovingAct | null, mark: AppendixMark): string[] {
  const kind = act?.kind ?? "decree";
  const date = act?.date ? formatDate(act.date) : "__________";
  const number = act?.number?.trim() || "_____";
  const issuer = mark.issuer_genitive.trim();
  const whom = (word: string): string => (issuer === "" ? word : `${word} ${issuer}`);
  const lines: string[] = [];
  if (mark.style === "appendix" || mark.style === "both") {
    lines.push(mark.number.trim() === "" ? "Приложение" : `Приложение № ${mark.number.trim()}`);
    lines.push(`${whom(`к ${DATIVE[kind]}`)} от ${date} № ${number}`);
  }
  if (mark.style === "approved" || mark.style === "both") {
    lines.push("УТВЕРЖДЕНА");
    lines.push(`${whom(INSTRUMENTAL[kind])} от ${date} № ${number}`);
  }
  return lines;
}

/** The mark's editor and a function to show the preview for a changed act. */
function markEditor(ctx: EditorContext, initialAct: ApprovingAct | null): { element: HTMLElement; actChanged: (act: ApprovingAct) => void } {
  let act = initialAct;
  const mark: AppendixMark = { ...ctx.programme().appendix };
  const preview = h("div", { className: "mark-preview", testId: "mark-preview", attrs: { "aria-live": "polite" } });
  const showPreview = (): void => {
    preview.replaceChildren(...markLines(act, mark).map((line) => h("p", {}, line)));
  };
  const send = (): void => quietly(ctx, { op: "set_appendix", appendix: { ...mark } });
  const style = h(
    "select",
    { className: "field field-select", testId: "mark-style" },
    h("option", { attrs: { value: "appendix" } }, "Приложение № … к постановлению …"),
    h("option", { attrs: { value: "approved" } }, "УТВЕРЖДЕНА постановлением …"),
    h("option", { attrs: { value: "both" } }, "Оба: приложение и «УТВЕРЖДЕНА»"),
  );
  style.value = mark.style;
  style.addEventListener("change", () => {
    mark.style = style.value as MarkStyle;
    showPreview();
    send();
  });
  const number = textField({
    testId: "mark-number",
    value: mark.number,
    className: "field field-short",
    send: () => send(),
  });
  number.addEventListener("input", () => {
    mark.number = number.value;
    showPreview();
  });
  const issuer = textField({
    testId: "mark-issuer",
    value: mark.issuer_genitive,
    placeholder: "администрации Заречного муниципального района",
    send: () => send(),
  });
  issuer.addEventListener("input", () => {
    mark.issuer_genitive = issuer.value;
    showPreview();
  });
  showPreview();
  const element = h(
    "section",
    { className: "editor-card" },
    h("h3", { className: "card-title" }, "Гриф приложения"),
    h(
      "div",
      { className: "mark-layout" },
      h(
        "div",
        { className: "mark-fields" },
        labelled("Вид грифа", style),
        labelled("Номер приложения", number, h("span", { className: "field-hint" }, "Пусто — «Приложение» без номера")),
        labelled("Кем издан (в родительном падеже)", issuer),
      ),
      h("div", { className: "mark-preview-box" }, h("p", { className: "preview-caption" }, "Так гриф будет напечатан:"), preview),
    ),
  );
  // The act's kind, date and number also appear in the mark.
  const actChanged = (changed: ApprovingAct): void => {
    act = changed;
    showPreview();
  };
  return { element, actChanged };
}

function actEditor(ctx: EditorContext, source: ApprovingAct, changed: (act: ApprovingAct) => void): HTMLElement {
  const act: ApprovingAct = structuredClone(source);
  const send = (): void => {
    changed(act);
    quietly(ctx, { op: "set_act", act: structuredClone(act) });
  };
  const text = (
    testId: string,
    value: string,
    assign: (value: string) => void,
    options: { multiline?: boolean; placeholder?: string; className?: string } = {},
  ): HTMLInputElement | HTMLTextAreaElement => {
    const field = textField({
      testId,
      value,
      ...(options.multiline ? { multiline: true, onPaste: cleanParagraph } : {}),
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
      ...(options.className !== undefined ? { className: options.className } : {}),
      send: (typed) => {
        assign(typed);
        send();
      },
    });
    return field;
  };

  const kind = h("select", { className: "field field-select", testId: "act-kind" }, ...KINDS.map(([value, label]) => h("option", { attrs: { value } }, label)));
  kind.value = act.kind;
  kind.addEventListener("change", () => {
    const previous = act.kind;
    act.kind = kind.value as ActKind;
    // The formula follows the kind unless the user wrote their own.
    if (act.formula.trim() === FORMULA[previous]) {
      act.formula = FORMULA[act.kind];
      formula.value = act.formula;
    }
    send();
  });

  const dateHint = h("span", { className: "field-hint", testId: "act-date-hint", attrs: { role: "status" } });
  // Refused typing survives the tab being drawn again (§ Bad input: nothing lost).
  const unsavedKey = `${ctx.id}/act-date`;
  const stored = act.date ? formatDate(act.date) : "";
  const typedBefore = unsavedText(unsavedKey);
  const showDate = (typed: string): boolean => {
    // The act's date is printed in full, so it is typed in full too.
    const checked = checkDate(typed, { shortYear: false });
    const wrong = checked.kind === "wrong";
    date.classList.toggle("field-invalid", wrong);
    date.setAttribute("aria-invalid", wrong ? "true" : "false");
    dateHint.classList.toggle("field-hint-error", wrong);
    if (checked.kind === "wrong") {
      const saved = act.date ? `сохранена дата ${formatDate(act.date)}` : "дата не сохранена";
      dateHint.textContent = `«${typed.trim()}»: ${checked.problem}. Не сохранено (${saved}).`;
      rememberUnsaved(unsavedKey, typed);
      ctx.notSaved(`дата акта «${typed.trim()}» — ${checked.problem}`);
      return false;
    }
    dateHint.textContent = "";
    forgetUnsaved(unsavedKey);
    return true;
  };
  const date = textField({
    testId: "act-date",
    value: typedBefore ?? stored,
    className: "field field-short",
    placeholder: "ДД.ММ.ГГГГ",
    send: (typed) => {
      if (!showDate(typed)) return;
      act.date = parseDate(typed, { shortYear: false }) ?? null;
      send();
    },
  });
  if (typedBefore !== undefined && typedBefore !== stored) showDate(typedBefore);
  const formula = text("act-formula", act.formula, (v) => (act.formula = v), { className: "field field-short" });

  const points = h("ol", { className: "act-points" });
  const movePoint = (from: number, to: number): void => {
    const [point] = act.points.splice(from, 1);
    if (point === undefined) return;
    act.points.splice(to, 0, point);
    void commit(ctx, { op: "set_act", act: structuredClone(act) }).then(() => focusTestId(`act-point-${to + 1}`));
  };
  act.points.forEach((point, index) => {
    const field = text(`act-point-${index + 1}`, point, (v) => (act.points[index] = v.replace(/\s*\n\s*/g, " ")), { multiline: true });
    const li = h(
      "li",
      { className: "act-point" },
      h("span", { className: "list-number" }, `${index + 1}.`),
      field,
      rowTools(`act-point-${index + 1}`, index, act.points.length, {
        move: (to) => movePoint(index, to),
        remove: () => {
          act.points.splice(index, 1);
          void commit(ctx, { op: "set_act", act: structuredClone(act) });
        },
        removeTitle: "Удалить пункт",
      }),
    );
    altArrows(li, index, act.points.length, (to) => movePoint(index, to));
    points.append(li);
  });

  const executor = textField({
    testId: "act-executor",
    value: act.executor ?? "",
    placeholder: "Исп. Иванова И. И., тел. 2-12-34",
    send: (typed) => {
      act.executor = typed.trim() === "" ? null : typed;
      send();
    },
  });

  return h(
    "section",
    { className: "editor-card" },
    h(
      "div",
      { className: "card-head" },
      h("h3", { className: "card-title" }, "Утверждающий акт"),
      button("Акт не нужен", "act-remove", () => void commit(ctx, { op: "set_act", act: null }), {
        title: "Печатать программу без утверждающего акта",
      }),
    ),
    labelled("Вид акта", kind),
    labelled(
      "Шапка (по строке)",
      text("act-issuer", act.issuer.join("\n"), (v) => (act.issuer = v.split("\n").map((l) => l.trim()).filter((l) => l !== "")), {
        multiline: true,
        placeholder: "АДМИНИСТРАЦИЯ ЗАРЕЧНОГО МУНИЦИПАЛЬНОГО РАЙОНА",
      }),
      h("span", { className: "field-hint" }, "Каждая строка печатается отдельно, сверху вниз"),
    ),
    h(
      "div",
      { className: "form-inline" },
      labelled("Дата", date, dateHint),
      labelled("Номер", text("act-number", act.number ?? "", (v) => (act.number = v.trim() === "" ? null : v), { className: "field field-short" })),
      labelled("Место издания", text("act-place", act.place, (v) => (act.place = v), { placeholder: "г. Заречный" })),
    ),
    labelled("Заголовок", text("act-title", act.title, (v) => (act.title = v.replace(/\s*\n\s*/g, " ")), { multiline: true })),
    labelled("Преамбула", text("act-preamble", act.preamble, (v) => (act.preamble = v), { multiline: true })),
    labelled("Формула", formula),
    h(
      "div",
      { className: "form-row" },
      h("span", { className: "form-label" }, "Пункты"),
      h(
        "div",
        { className: "form-control" },
        points,
        button("+ Пункт", "act-point-add", () => {
          act.points.push("");
          void commit(ctx, { op: "set_act", act: structuredClone(act) }).then(() => focusTestId(`act-point-${act.points.length}`));
        }),
      ),
    ),
    h(
      "div",
      { className: "form-inline" },
      labelled("Должность подписывающего", text("act-signatory-position", act.signatory_position, (v) => (act.signatory_position = v), { multiline: true })),
      labelled("Подпись (И. О. Фамилия)", text("act-signatory-name", act.signatory_name, (v) => (act.signatory_name = v))),
    ),
    labelled("Исполнитель (внизу страницы)", executor),
  );
}

export const actTab: EditorTab = {
  key: "act",
  title: "Акт",
  render(ctx: EditorContext) {
    const act = ctx.programme().act;
    const mark = markEditor(ctx, act);
    const main =
      act === null
        ? h(
            "section",
            { className: "editor-card empty-act", testId: "act-none" },
            h("p", {}, "Программа печатается без утверждающего акта: только приложение с грифом."),
            button("Добавить утверждающий акт", "act-add", () => void commit(ctx, { op: "set_act", act: newAct(ctx) }), {
              className: "button",
            }),
          )
        : actEditor(ctx, act, mark.actChanged);
    return h("div", { className: "tab-act", testId: "tab-act" }, main, mark.element);
  },
};
