// Редакции tab (issue #17, docs/design.md §4a): the approved editions with
// their acts and the draft on top, «Утвердить…»; an edition read-only and
// printed as it was; «Сравнить» any two editions with the changed words
// marked; the amendment act («О внесении изменений …») drafted from the
// comparison, edited here, then printed to PDF or saved for Word.
//
// data-testid: tab-editions, editions-view-<list|compare|act>,
// editions-draft, editions-approve, approve-form, approve-date,
// approve-date-hint, approve-number, approve-number-hint, approve-ok,
// approve-cancel, approve-refusal, edition-<seq> (data-in-force),
// edition-<seq>-open, edition-<seq>-print, edition-<seq>-docx,
// edition-docx-saved, edition-withdraw, edition-view, edition-view-docx,
// edition-view-preview (then page-preview.ts's print-thumb …),
// edition-view-close, edition-print-status, edition-section-table,
// compare-from, compare-to, compare-print, compare-docx, compare-status,
// compare-print-saved, compare-docx-saved,
// compare-count, compare-group-<key>, diff-entry (data-kind), diff-field,
// seg-added, seg-removed, compare-error, act-whole, act-redraft,
// act-kind, act-draft-title, act-draft-issuer, act-draft-preamble, act-draft-formula,
// act-draft-point-<n>, act-draft-appendix, act-print, act-save-docx,
// act-status, act-error.

import {
  AppError,
  compareEditions,
  draftAmendment,
  getEdition,
  layoutProfiles,
  listEditions,
  printAmendment,
  printComparison,
  previewPages,
  printEdition,
  saveAmendmentDocx,
  saveComparisonDocx,
  saveEditionDocx,
  approveProgramme,
  withdrawEdition,
} from "../../api.js";
import { h } from "../../dom.js";
import { formatDate, formatDecimal } from "../../format.js";
import type { AmendmentDraft, AmendmentOptions, EditionRef, EditionSummary, EditionsView, Programme, Restated, SectionBlock, Segment } from "../../api.js";
import { headingNumbers, itemLabels } from "../../shape.js";
import { button, labelled, showRefusal, textField } from "./fields.js";
import { pagePreview } from "./page-preview.js";
import {
  actName,
  checkApproval,
  defaultSides,
  diffCount,
  diffGroups,
  draftLine,
  editionOrigin,
  editionState,
  editionTitle,
  parseRef,
  refLabel,
  refValue,
} from "./editions-text.js";
import type { DiffEntry } from "./editions-text.js";
import type { EditorContext, EditorTab } from "./tab.js";
import type { ActKind } from "../../api.js";

type View = "list" | "compare" | "act";

/** Which part of the tab is open, by programme: drawn again after every reload. */
const openView = new Map<number, View>();
/** The edition open read-only, by programme. */
const openEdition = new Map<number, number>();
/** The amendment act as she edited it, by programme, until she drafts it anew. */
const editedDrafts = new Map<number, { options: AmendmentOptions; draft: AmendmentDraft }>();

const DEFAULT_OPTIONS: AmendmentOptions = { whole: false, max_points: 5, kind: null };

function message(error: unknown): string {
  return error instanceof AppError ? error.message : "Не удалось выполнить действие.";
}

function statusLine(testId: string): HTMLElement {
  return h("p", { className: "print-status", testId, attrs: { "aria-live": "polite" } });
}

/** A PDF or Word save as Печать does it: the dialog, then where the file went. */
async function saveWith(
  status: HTMLElement,
  control: HTMLButtonElement,
  busy: string,
  run: () => Promise<{ path: string; pages?: number; warnings?: string[] } | null>,
  done: (path: string, pages?: number) => string,
  savedTestId: string,
): Promise<void> {
  control.disabled = true;
  status.classList.remove("error");
  status.textContent = busy;
  try {
    const saved = await run();
    status.textContent = "";
    if (saved !== null) {
      status.append(h("span", { testId: savedTestId }, done(saved.path, saved.pages)));
      for (const w of saved.warnings ?? []) status.append(h("span", { className: "print-warning" }, w));
    }
  } catch (error) {
    status.classList.add("error");
    status.textContent = message(error);
  } finally {
    control.disabled = false;
  }
}

async function firstProfile(): Promise<string> {
  const profiles = await layoutProfiles();
  return profiles[0]?.name ?? "";
}

// ---- The marked words ----

/** A changed text: added words underlined, removed ones struck through, each also named in words for a screen reader. */
export function markedText(segments: readonly Segment[], testId = "diff-text"): HTMLElement {
  const out = h("span", { className: "diff-text", testId });
  for (const s of segments) {
    if (s.mark === "same") {
      out.append(s.text);
      continue;
    }
    // A word struck through and the one that replaces it stay apart even
    // when the core's segment has no space before it.
    const lead = /^\s/.test(s.text) || out.lastChild instanceof HTMLModElement ? " " : "";
    if (lead !== "") out.append(lead);
    const tag = s.mark === "added" ? "ins" : "del";
    const word = s.mark === "added" ? "добавлено: " : "удалено: ";
    out.append(
      h(
        tag,
        { className: `diff-${s.mark}`, testId: `seg-${s.mark}`, attrs: { title: s.mark === "added" ? "Добавлено" : "Удалено" } },
        h("span", { className: "visually-hidden" }, `[${word}`),
        s.text.trim(),
        h("span", { className: "visually-hidden" }, "]"),
      ),
    );
  }
  return out;
}

function entryElement(entry: DiffEntry): HTMLElement {
  const fields = entry.fields.map((f) =>
    h("div", { className: "diff-field", testId: "diff-field", attrs: { "data-name": f.name } }, h("span", { className: "diff-field-name" }, `${f.name}: `), markedText(f.segments)),
  );
  const contents = entry.contents.map((c) =>
    h("div", { className: "diff-field", testId: "diff-content", attrs: { "data-name": c.name } }, h("span", { className: "diff-field-name" }, `${c.name}: `), markedText([{ mark: "added", text: c.text }])),
  );
  return h(
    "li",
    { className: `diff-entry diff-entry-${entry.kind}`, testId: "diff-entry", attrs: { "data-kind": entry.kind } },
    h("div", { className: "diff-entry-head" }, h("span", { className: `diff-badge diff-badge-${entry.kind}` }, entry.badge), " ", h("span", { className: "diff-what", testId: "diff-what" }, entry.what)),
    ...entry.notes.map((n) => h("div", { className: "diff-note", testId: "diff-note" }, n)),
    ...fields,
    ...contents,
  );
}

// ---- The list of editions ----

const KINDS: readonly [ActKind, string][] = [
  ["decree", "Постановление"],
  ["order", "Приказ"],
  ["directive", "Распоряжение"],
];

/** «Вид акта»: the approve form's and the amendment act's. */
function kindSelect(testId: string): HTMLSelectElement {
  return h("select", { className: "field field-select", testId, attrs: { "aria-label": "Вид акта" } }, ...KINDS.map(([value, label]) => h("option", { attrs: { value } }, label)));
}

function approveForm(ctx: EditorContext, view: EditionsView, place: HTMLElement): HTMLElement {
  const first = view.editions.length === 0;
  const act = ctx.programme().act;
  const date = h("input", { className: "field field-short", testId: "approve-date", attrs: { type: "text", placeholder: "ДД.ММ.ГГГГ" } });
  const number = h("input", { className: "field field-short", testId: "approve-number", attrs: { type: "text" } });
  // An amendment may be made by another kind of act than the approving one
  // (an order amending a decree); the first approval is the programme's own
  // act. data-testid: approve-kind.
  const kind = kindSelect("approve-kind");
  // The kind she drafted the amendment act as, else the approving act's.
  kind.value = editedDrafts.get(ctx.id)?.options.kind ?? act?.kind ?? "decree";
  if (first && act !== null) {
    date.value = act.date !== null ? formatDate(act.date) : "";
    number.value = act.number ?? "";
  }
  const dateHint = h("span", { className: "field-hint", testId: "approve-date-hint", attrs: { role: "status" } });
  const numberHint = h("span", { className: "field-hint", testId: "approve-number-hint", attrs: { role: "status" } });
  const ok = button(first ? "Утвердить" : "Утвердить редакцию", "approve-ok", () => void submit(), { className: "button primary" });
  const cancel = button("Отмена", "approve-cancel", () => form.remove(), { className: "button" });
  const show = (field: HTMLInputElement, hint: HTMLElement, problem: string | null): void => {
    field.classList.toggle("field-invalid", problem !== null);
    field.setAttribute("aria-invalid", problem === null ? "false" : "true");
    hint.classList.toggle("field-hint-error", problem !== null);
    hint.textContent = problem === null ? "" : `${problem}.`;
  };
  const submit = async (): Promise<void> => {
    form.querySelector(":scope > .refusal")?.remove();
    const checked = checkApproval(date.value, number.value);
    if (!checked.ok) {
      show(date, dateHint, checked.date);
      show(number, numberHint, checked.number);
      (checked.date !== null ? date : number).focus();
      return;
    }
    show(date, dateHint, null);
    show(number, numberHint, null);
    ok.disabled = true;
    try {
      await approveProgramme(ctx.id, checked.date, checked.number, first ? null : (kind.value as ActKind));
      openView.set(ctx.id, "list");
      await ctx.reload();
    } catch (error) {
      ok.disabled = false;
      showRefusal(form, "approve-refusal", message(error));
    }
  };
  for (const field of [date, number, kind] as HTMLElement[]) {
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") void submit();
      if (event.key === "Escape") form.remove();
    });
  }
  const form = h(
    "div",
    { className: "approve-form editor-card", testId: "approve-form" },
    h(
      "p",
      { className: "approve-lead" },
      first
        ? "Утверждение закрепляет программу как редакцию № 1. Укажите дату и номер подписанного утверждающего акта."
        : `Новая редакция № ${(view.editions.at(-1)?.seq ?? 0) + 1}: укажите вид, дату и номер подписанного акта о внесении изменений.`,
    ),
    h(
      "div",
      { className: "form-inline" },
      first ? null : labelled("Вид акта", kind),
      labelled("Дата акта", date, dateHint),
      labelled("Номер акта", number, numberHint),
    ),
    h("div", { className: "approve-actions" }, ok, cancel),
  );
  place.append(form);
  date.focus();
  return form;
}

function editionRow(ctx: EditorContext, e: EditionSummary, view: EditionsView, list: HTMLElement): HTMLElement {
  const status = statusLine(`edition-${e.seq}-status`);
  const print = button("Печать PDF…", `edition-${e.seq}-print`, () => {
    void saveWith(
      status,
      print,
      "Сохранение PDF…",
      async () => printEdition(ctx.id, e.seq, ctx.programme().act === null ? "appendix_only" : "whole_act", await firstProfile()),
      (path, pages) => `PDF редакции № ${e.seq} сохранён: ${path} (страниц: ${pages ?? 0}).`,
      "edition-print-saved",
    );
  }, { className: "button" });
  const word = button("В Word…", `edition-${e.seq}-docx`, () => {
    void saveWith(
      status,
      word,
      "Сохранение документа Word…",
      async () => saveEditionDocx(ctx.id, e.seq, ctx.programme().act === null ? "appendix_only" : "whole_act", await firstProfile()),
      (path) => `Редакция № ${e.seq} сохранена в Word: ${path}.`,
      "edition-docx-saved",
    );
  }, { className: "button" });
  const open = button("Открыть", `edition-${e.seq}-open`, () => {
    openEdition.set(ctx.id, e.seq);
    void ctx.reload();
  }, { className: "button" });
  const tools: HTMLElement[] = [open, print, word];
  if (e.in_force && !view.draft_changed) {
    const withdraw = button("Отменить утверждение…", "edition-withdraw", () => {
      const row = list.querySelector<HTMLElement>(`[data-testid="edition-${e.seq}"]`) ?? list;
      showRefusal(row, "edition-withdraw-confirm", `Отменить утверждение редакции № ${e.seq} (${actName(e.act)})? Редакция будет удалена из списка, текст программы останется; после отмены первого утверждения программа снова станет проектом с неподписанным актом.`, [
        {
          label: "Отменить утверждение",
          testId: "edition-withdraw-ok",
          danger: true,
          run: () => {
            withdrawEdition(ctx.id).then(
              () => void ctx.reload(),
              (error: unknown) => void showRefusal(row, "edition-withdraw-refusal", message(error)),
            );
          },
        },
      ]);
    }, { className: "button button-small" });
    tools.push(withdraw);
  }
  return h(
    "li",
    { className: e.in_force ? "edition-row edition-in-force" : "edition-row", testId: `edition-${e.seq}`, attrs: { "data-in-force": String(e.in_force) } },
    h(
      "div",
      { className: "edition-line" },
      h("strong", { className: "edition-title" }, editionTitle(e.seq)),
      h("span", { className: e.in_force ? "edition-badge edition-badge-force" : "edition-badge" }, editionState(e)),
      h("span", { className: "edition-act", testId: `edition-${e.seq}-act` }, editionOrigin(e)),
    ),
    h("div", { className: "edition-tools" }, ...tools),
    status,
  );
}

/** A read-only table: a header row, then the rows, every cell as text. */
function plainTable(head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  return h(
    "table",
    { className: "edition-table", testId: "edition-section-table" },
    h("thead", {}, h("tr", {}, ...head.map((c) => h("th", {}, c)))),
    h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
  );
}

/** What a passport row or a section holds, read-only: every kind of block as it prints. */
function blocksText(blocks: readonly SectionBlock[]): HTMLElement {
  return h(
    "div",
    { className: "edition-text" },
    ...blocks.map((b) => {
      switch (b.type) {
        case "paragraph":
          return h("p", {}, b.text);
        case "numbered":
        case "bulleted":
          return h(b.type === "numbered" ? "ol" : "ul", {}, ...b.items.map((item) => h("li", {}, item)));
        case "table":
          return plainTable(b.columns, b.rows);
        case "risks":
          return b.by_stage
            ? plainTable(["Этап", "Основные риски", "Пути их минимизации"], b.rows.map((r) => [r.stage, r.risk, r.mitigation]))
            : plainTable(["Основные риски", "Пути их минимизации"], b.rows.map((r) => [r.risk, r.mitigation]));
        case "swot":
          // Two by two, as it prints (crates/print compose.rs).
          return h(
            "table",
            { className: "edition-table", testId: "edition-section-table" },
            h(
              "tbody",
              {},
              h("tr", {}, h("th", {}, "Сильные стороны (S)"), h("th", {}, "Слабые стороны (W)")),
              h("tr", {}, h("td", {}, b.strengths.join("\n")), h("td", {}, b.weaknesses.join("\n"))),
              h("tr", {}, h("th", {}, "Возможности (O)"), h("th", {}, "Угрозы (T)")),
              h("tr", {}, h("td", {}, b.opportunities.join("\n")), h("td", {}, b.threats.join("\n"))),
            ),
          );
        case "indicators":
          return h("p", { className: "edition-placeholder" }, "Здесь печатается таблица целевых показателей (ниже).");
        case "roadmap":
          return h("p", { className: "edition-placeholder" }, "Здесь печатается план мероприятий (ниже).");
      }
    }),
  );
}

/** An approved edition read-only: what it says, as it was approved. */
function editionView(ctx: EditorContext, e: EditionSummary, p: Programme): HTMLElement {
  const status = statusLine("edition-print-status");
  const print = button("Печать PDF…", "edition-view-print", () => {
    void saveWith(
      status,
      print,
      "Сохранение PDF…",
      async () => printEdition(ctx.id, e.seq, p.act === null ? "appendix_only" : "whole_act", await firstProfile()),
      (path, pages) => `PDF редакции № ${e.seq} сохранён: ${path} (страниц: ${pages ?? 0}).`,
      "edition-print-saved",
    );
  }, { className: "button primary" });
  const word = button("В Word…", "edition-view-docx", () => {
    void saveWith(
      status,
      word,
      "Сохранение документа Word…",
      async () => saveEditionDocx(ctx.id, e.seq, p.act === null ? "appendix_only" : "whole_act", await firstProfile()),
      (path) => `Редакция № ${e.seq} сохранена в Word: ${path}.`,
      "edition-docx-saved",
    );
  }, { className: "button" });
  // The pages as they print, drawn on demand: laying out a whole edition takes a moment.
  const preview = pagePreview();
  preview.element.hidden = true;
  const show = button("Предпросмотр", "edition-view-preview", () => {
    preview.element.hidden = false;
    show.disabled = true;
    void firstProfile().then((profile) =>
      preview.load((dpi, first, count) => previewPages(ctx.id, p.act === null ? "appendix_only" : "whole_act", profile, dpi, first, count, e.seq)),
    );
  }, { className: "button" });
  const close = button("Закрыть", "edition-view-close", () => {
    openEdition.delete(ctx.id);
    void ctx.reload();
  }, { className: "button" });
  const numbers = headingNumbers(p.layout, p.sections);
  const labels = itemLabels(p.layout.roadmap, p.roadmap.blocks);
  const years = [...new Set(p.indicators.flatMap((i) => i.values.map((v) => v.year)))].sort((a, b) => a - b);
  const num = (v: number | null): string => (v === null ? "" : formatDecimal(v, 4, true));
  return h(
    "section",
    { className: "editor-card edition-view", testId: "edition-view", attrs: { "data-seq": String(e.seq) } },
    h("div", { className: "card-head" }, h("h3", { className: "card-title" }, `${editionTitle(e.seq)} — только для чтения`), h("div", { className: "edition-tools" }, show, print, word, close)),
    h("p", { className: "edition-view-act" }, `${editionOrigin(e)}; ${editionState(e)}.`),
    status,
    preview.element,
    h("h4", {}, p.title),
    h("h4", {}, "Паспорт"),
    h(
      "table",
      { className: "edition-table", testId: "edition-passport" },
      h("tbody", {}, ...p.passport.map((r) => h("tr", {}, h("th", { attrs: { scope: "row" } }, r.label), h("td", {}, blocksText(r.content), ...r.subrows.map((s) => blocksText(s)))))),
    ),
    ...p.sections.flatMap((s, i) => [
      h("h4", {}, `${numbers.sections[i] ?? ""} ${s.title}`.trim()),
      blocksText(s.body),
    ]),
    p.indicators.length === 0
      ? null
      : h(
          "table",
          { className: "edition-table", testId: "edition-indicators" },
          h("thead", {}, h("tr", {}, h("th", {}, "№"), h("th", {}, "Показатель"), h("th", {}, "Ед."), ...years.map((y) => h("th", {}, String(y))))),
          h(
            "tbody",
            {},
            ...p.indicators.map((ind, i) =>
              h("tr", {}, h("td", {}, String(i + 1)), h("td", {}, ind.name), h("td", {}, ind.unit), ...years.map((y) => h("td", {}, num(ind.values.find((v) => v.year === y)?.plan ?? null)))),
            ),
          ),
        ),
    h(
      "table",
      { className: "edition-table", testId: "edition-roadmap" },
      h("thead", {}, h("tr", {}, h("th", {}, "№"), h("th", {}, "Мероприятие"), h("th", {}, "Срок"), h("th", {}, "Ответственные"))),
      h(
        "tbody",
        {},
        ...p.roadmap.blocks.flatMap((b) => [
          h("tr", { className: "edition-block-row" }, h("td", { attrs: { colspan: "4" } }, b.title)),
          ...b.items.map((it) =>
            h("tr", { testId: "edition-item", attrs: { "data-uid": it.uid } }, h("td", {}, labels.get(it.uid) ?? ""), h("td", {}, it.activity), h("td", { testId: "edition-item-deadline" }, it.deadline), h("td", {}, it.responsible)),
          ),
        ]),
      ),
    ),
  );
}

async function listView(ctx: EditorContext, view: EditionsView): Promise<HTMLElement> {
  const list = h("ol", { className: "editions-list", testId: "editions-list", attrs: { reversed: "" } });
  const draft = draftLine(view);
  const box = h("div", { className: "editions-box" });
  if (draft !== null) {
    const row = h(
      "li",
      { className: "edition-row edition-draft", testId: "editions-draft" },
      h("div", { className: "edition-line" }, h("strong", { className: "edition-title" }, "Проект"), h("span", { className: "edition-badge edition-badge-draft" }, "проект"), h("span", { className: "edition-act" }, draft)),
    );
    const approve = button("Утвердить…", "editions-approve", () => {
      if (box.querySelector('[data-testid="approve-form"]') === null) approveForm(ctx, view, row);
    }, { className: "button primary" });
    row.append(h("div", { className: "edition-tools" }, approve));
    list.append(row);
  }
  for (const e of [...view.editions].reverse()) list.append(editionRow(ctx, e, view, list));
  box.append(list);
  const seq = openEdition.get(ctx.id);
  const open = view.editions.find((e) => e.seq === seq);
  if (open !== undefined) {
    try {
      box.append(editionView(ctx, open, await getEdition(ctx.id, open.seq)));
    } catch (error) {
      box.append(h("p", { className: "print-status error" }, message(error)));
    }
  }
  return box;
}

// ---- Сравнить ----

async function compareView(ctx: EditorContext, view: EditionsView): Promise<HTMLElement> {
  const sides = defaultSides(view.editions);
  if (sides === null) {
    return h("p", { className: "editions-empty", testId: "compare-error" }, "У программы ещё нет утверждённой редакции: сравнивать не с чем. Утвердите её на вкладке «Редакции» («Утвердить…»), и изменения после этого будут видны здесь.");
  }
  const refs: EditionRef[] = [{ kind: "draft" }, ...[...view.editions].reverse().map((e): EditionRef => ({ kind: "edition", seq: e.seq }))];
  const select = (testId: string, label: string, value: EditionRef): HTMLSelectElement => {
    const s = h("select", { className: "field field-select", testId, attrs: { "aria-label": label } }, ...refs.map((r) => h("option", { attrs: { value: refValue(r) } }, refLabel(r, view.editions))));
    s.value = refValue(value);
    return s;
  };
  const from = select("compare-from", "Было: редакция", sides.from);
  const to = select("compare-to", "Стало: редакция", sides.to);
  const out = h("div", { className: "compare-result", testId: "compare-result", attrs: { "aria-live": "polite" } });
  const run = async (): Promise<void> => {
    const a = parseRef(from.value);
    const b = parseRef(to.value);
    if (a === null || b === null) return;
    out.replaceChildren(h("p", { className: "loading" }, "Сравнение…"));
    try {
      const groups = diffGroups(await compareEditions(ctx.id, a, b));
      const count = diffCount(groups);
      out.replaceChildren(
        h("p", { className: "compare-count", testId: "compare-count" }, count === 0 ? "Различий нет: тексты совпадают." : `Изменено элементов: ${count}.`),
        ...groups.map((g) =>
          h("section", { className: "compare-group", testId: `compare-group-${g.key}` }, h("h4", { className: "compare-heading" }, g.heading), h("ul", { className: "diff-list" }, ...g.entries.map(entryElement))),
        ),
      );
      out.dataset["complete"] = "true";
    } catch (error) {
      out.replaceChildren(h("p", { className: "print-status error", testId: "compare-error" }, message(error)));
    }
  };
  from.addEventListener("change", () => void run());
  to.addEventListener("change", () => void run());
  await run();
  // The table as she would hand it over with the amendment act: the same two sides as on screen.
  const status = statusLine("compare-status");
  const sidesNow = (): [EditionRef, EditionRef] | null => {
    const a = parseRef(from.value);
    const b = parseRef(to.value);
    return a === null || b === null ? null : [a, b];
  };
  const printTable = button("Печать таблицы PDF…", "compare-print", () => {
    const chosen = sidesNow();
    if (chosen === null) return;
    void saveWith(
      status,
      printTable,
      "Сохранение PDF…",
      async () => printComparison(ctx.id, chosen[0], chosen[1], await firstProfile()),
      (path, pages) => `Сравнительная таблица сохранена: ${path} (страниц: ${pages ?? 0}).`,
      "compare-print-saved",
    );
  }, { className: "button" });
  const wordTable = button("Таблица в Word…", "compare-docx", () => {
    const chosen = sidesNow();
    if (chosen === null) return;
    void saveWith(
      status,
      wordTable,
      "Сохранение документа Word…",
      async () => saveComparisonDocx(ctx.id, chosen[0], chosen[1], await firstProfile()),
      (path) => `Сравнительная таблица сохранена в Word: ${path}.`,
      "compare-docx-saved",
    );
  }, { className: "button" });
  return h(
    "div",
    { className: "compare" },
    h(
      "div",
      { className: "form-inline compare-sides" },
      labelled("Было", from),
      labelled("Стало", to),
      h("div", { className: "edition-tools" }, printTable, wordTable),
    ),
    status,
    h(
      "p",
      { className: "compare-legend" },
      "Добавленные слова ",
      h("ins", { className: "diff-added" }, "подчёркнуты"),
      ", удалённые ",
      h("del", { className: "diff-removed" }, "зачёркнуты"),
      ".",
    ),
    out,
  );
}

// ---- Акт о внесении изменений ----

function restatedName(r: Restated, p: Programme): string {
  switch (r.part) {
    case "whole":
      return "Программа целиком в новой редакции";
    case "passport":
      return "Паспорт программы в новой редакции";
    case "indicators":
      return "Целевые показатели в новой редакции";
    case "roadmap":
      return "План мероприятий в новой редакции";
    case "section": {
      const s = p.sections.find((x) => x.uid === r.uid);
      return s === undefined ? "Раздел в новой редакции" : `Раздел «${s.title}» в новой редакции`;
    }
  }
}

/** A text area of the act, as tall as its text (fields.ts), keeping what she types in the draft. */
function area(testId: string, label: string, value: string, assign: (v: string) => void, rows = 2): HTMLTextAreaElement {
  const element = textField({ testId, label, value, multiline: true, rows: Math.max(rows, value.split("\n").length), send: assign }) as HTMLTextAreaElement;
  // Every keystroke goes into the draft at once: «Печать PDF» right after typing prints it.
  element.addEventListener("input", () => assign(element.value));
  return element;
}

async function actView(ctx: EditorContext): Promise<HTMLElement> {
  const status = statusLine("act-status");
  const body = h("div", { className: "amendment-body" });
  const saved = editedDrafts.get(ctx.id);
  let options: AmendmentOptions = saved?.options ?? { ...DEFAULT_OPTIONS };
  let draft: AmendmentDraft | null = saved?.draft ?? null;
  const whole = h("input", { testId: "act-whole", attrs: { type: "checkbox" } });
  whole.checked = options.whole;
  // An order may amend a decree: the act cited stays what it is.
  const kind = kindSelect("act-kind");
  kind.value = options.kind ?? ctx.programme().act?.kind ?? "decree";
  const keep = (): void => {
    if (draft !== null) editedDrafts.set(ctx.id, { options, draft });
  };
  const profiles = await layoutProfiles();
  const profile = h("select", { className: "field field-select", testId: "act-profile", attrs: { "aria-label": "Оформление" } }, ...profiles.map((p) => h("option", { attrs: { value: p.name } }, p.name)));
  const printButton = button("Печать PDF…", "act-print", () => {
    if (draft === null) return;
    const d = draft;
    void saveWith(status, printButton, "Сохранение PDF…", () => printAmendment(ctx.id, options, d, profile.value), (path, pages) => `PDF сохранён: ${path} (страниц: ${pages ?? 0}).`, "act-saved");
  }, { className: "button primary" });
  const wordButton = button("Сохранить в Word…", "act-save-docx", () => {
    if (draft === null) return;
    const d = draft;
    void saveWith(status, wordButton, "Сохранение документа Word…", () => saveAmendmentDocx(ctx.id, options, d, profile.value), (path) => `Документ Word сохранён: ${path}.`, "act-saved-docx");
  }, { className: "button" });

  const show = (): void => {
    if (draft === null) return;
    const act = draft.act;
    const points = act.points.map((point, i) =>
      h(
        "li",
        { className: "act-point" },
        area(`act-draft-point-${i + 1}`, `Пункт ${i + 1}`, point, (v) => {
          act.points[i] = v;
          keep();
        }),
        button("✕", `act-draft-point-${i + 1}-delete`, () => {
          act.points.splice(i, 1);
          keep();
          show();
        }, { title: "Удалить пункт", className: "icon-button icon-danger" }),
      ),
    );
    body.replaceChildren(
      labelled("Шапка (по строке)", area("act-draft-issuer", "Шапка", act.issuer.join("\n"), (v) => {
        act.issuer = v.split("\n").map((l) => l.trim()).filter((l) => l !== "");
        keep();
      }, 2)),
      labelled("Заголовок", area("act-draft-title", "Заголовок", act.title, (v) => {
        act.title = v;
        keep();
      })),
      labelled("Преамбула", area("act-draft-preamble", "Преамбула", act.preamble, (v) => {
        act.preamble = v;
        keep();
      })),
      labelled("Формула", area("act-draft-formula", "Формула", act.formula, (v) => {
        act.formula = v;
        keep();
      }, 1)),
      h(
        "div",
        { className: "form-row" },
        h("span", { className: "form-label" }, "Пункты"),
        h(
          "div",
          { className: "form-control" },
          h("ol", { className: "act-points amendment-points", testId: "act-draft-points" }, ...points),
          button("+ Пункт", "act-draft-point-add", () => {
            act.points.push("");
            keep();
            show();
          }),
          h("span", { className: "field-hint" }, "Подпункт начинается со своего номера («1.2. …»); строка с табуляциями печатается строкой таблицы."),
        ),
      ),
      h(
        "div",
        { className: "form-inline" },
        labelled("Должность подписывающего", area("act-draft-signatory-position", "Должность", act.signatory_position, (v) => {
          act.signatory_position = v;
          keep();
        }, 1)),
        labelled("Подпись", area("act-draft-signatory-name", "Подпись", act.signatory_name, (v) => {
          act.signatory_name = v;
          keep();
        }, 1)),
      ),
      h(
        "div",
        { className: "form-row" },
        h("span", { className: "form-label" }, "Приложения"),
        h(
          "div",
          { className: "form-control" },
          draft.appendix.length === 0
            ? h("p", { className: "field-hint", testId: "act-draft-appendix" }, "Нет: все изменения перечислены в пунктах.")
            : h("ol", { className: "amendment-appendix", testId: "act-draft-appendix" }, ...draft.appendix.map((r) => h("li", {}, restatedName(r, ctx.programme())))),
        ),
      ),
    );
  };
  const redraft = async (): Promise<void> => {
    body.replaceChildren(h("p", { className: "loading" }, "Составление акта…"));
    try {
      draft = await draftAmendment(ctx.id, options);
      keep();
      show();
      printButton.disabled = false;
      wordButton.disabled = false;
    } catch (error) {
      draft = null;
      editedDrafts.delete(ctx.id);
      printButton.disabled = true;
      wordButton.disabled = true;
      body.replaceChildren(h("p", { className: "print-status error", testId: "act-error" }, message(error)));
    }
  };
  whole.addEventListener("change", () => {
    options = { ...options, whole: whole.checked };
    void redraft();
  });
  kind.addEventListener("change", () => {
    options = { ...options, kind: kind.value as ActKind };
    void redraft();
  });
  const again = button("Составить заново", "act-redraft", () => void redraft(), { className: "button", title: "Составить акт заново по сравнению: правки в полях ниже пропадут" });
  if (draft === null) await redraft();
  else show();
  return h(
    "div",
    { className: "amendment" },
    h(
      "p",
      { className: "field-hint" },
      "Акт составлен по изменениям после действующей редакции. Поправьте текст, затем напечатайте; правки хранятся до закрытия программы или «Составить заново».",
    ),
    h("div", { className: "amendment-options" }, h("label", { className: "print-profile" }, "Вид акта: ", kind), h("label", { className: "checkbox" }, whole, " Изложить программу целиком в новой редакции"), again),
    body,
    h("div", { className: "print-save-buttons" }, h("label", { className: "print-profile" }, "Оформление: ", profile), printButton, wordButton),
    status,
  );
}

// ---- The tab ----

const VIEWS: [View, string][] = [
  ["list", "Редакции"],
  ["compare", "Сравнить"],
  ["act", "Акт о внесении изменений"],
];

export const editionsTab: EditorTab = {
  key: "editions",
  title: "Редакции",
  async render(ctx: EditorContext): Promise<HTMLElement> {
    const current = openView.get(ctx.id) ?? "list";
    const view = await listEditions(ctx.id);
    const nav = h(
      "div",
      { className: "editions-nav", attrs: { role: "group", "aria-label": "Редакции, сравнение, акт" } },
      ...VIEWS.map(([key, label]) =>
        button(label, `editions-view-${key}`, () => {
          openView.set(ctx.id, key);
          void ctx.reload();
        }, { className: key === current ? "button button-small editions-nav-active" : "button button-small" }),
      ),
    );
    for (const b of nav.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.classList.contains("editions-nav-active")));
    let content: HTMLElement;
    try {
      content = current === "list" ? await listView(ctx, view) : current === "compare" ? await compareView(ctx, view) : await actView(ctx);
    } catch (error) {
      content = h("p", { className: "print-status error" }, message(error));
    }
    return h("section", { className: "editions-tab", testId: "tab-editions", attrs: { "data-view": current } }, nav, content);
  },
};
