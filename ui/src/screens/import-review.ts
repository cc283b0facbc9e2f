// The review of a Word document before it is imported (issue #16): what the
// import found — the act, the mark, the passport rows, the sections with
// their numbers, the indicators, the blocks and items, the deadlines it could
// not read, what it could not place, every warning with its place — and
// «Импортировать» or «Отмена». Nothing is stored until she confirms; the
// import then reads the same file again and refuses it if it changed since
// (crates/api/src/importing.rs), so what is stored is what she saw.
//
// data-testid: review-screen, review-lead, review-message,
// review-counts, review-count (data-key), review-act, review-act-fact
// (data-key), review-no-act, review-mark, review-period, review-title, review-passport,
// review-passport-row, review-sections, review-section, review-indicators,
// review-indicator, review-roadmap, review-columns, review-block,
// review-item, review-deadlines, review-deadline, review-unplaced,
// review-unplaced-part, review-warnings, review-warning, review-place,
// review-actions, review-import, review-cancel, review-problems,
// review-problem.

import { AppError } from "../api.js";
import { h } from "../dom.js";
import { formatPeriod, plural } from "../format.js";
import {
  FIRST_ROWS,
  actFacts,
  andMore,
  counts,
  indicatorLine,
  markLine,
  passportLines,
  roadmapLines,
  sectionLines,
  type PassportLine,
  type Placed,
  type ReviewView,
} from "../review.js";
import { navigate, type Screen } from "../router.js";
import { columnHeader, effectiveColumns } from "../shape.js";

/** What the two buttons do; programmes.ts gives the API's calls. */
export interface ReviewActions {
  /** Stores the reviewed programme; its id. */
  confirm(): Promise<number>;
  /** After a cancel: nothing was stored, back to the programme list. */
  cancelled(): void;
}

let pending: { view: ReviewView; actions: ReviewActions } | null = null;

/** Drops a review left by going back to the list: a review is reached
 * only from «Импорт…», never again from the history. */
export function forgetReview(): void {
  pending = null;
}

/** Opens the review screen for `view`. */
export function showReview(view: ReviewView, actions: ReviewActions): void {
  pending = { view, actions };
  navigate("/import");
}

function card(title: string, testId: string, ...children: (Node | null)[]): HTMLElement {
  return h(
    "section",
    { className: "editor-card review-card", testId },
    h("h3", { className: "card-title" }, title),
    ...children,
  );
}

function note(text: string): HTMLElement {
  return h("p", { className: "field-hint" }, text);
}

function placedList(items: readonly Placed[], rowTestId: string): HTMLElement {
  return h(
    "ul",
    { className: "review-placed" },
    ...items.map((item) =>
      h(
        "li",
        { className: "review-placed-row", testId: rowTestId },
        h("span", { className: "review-place", testId: "review-place" }, item.place),
        h("span", { className: "review-placed-text" }, item.text),
      ),
    ),
  );
}

function actCard(view: ReviewView): HTMLElement {
  const act = view.programme.act;
  if (act === null || !view.found.act) {
    return card(
      "Утверждающий акт",
      "review-act",
      h("p", { className: "review-missing", testId: "review-no-act" }, "Акт в начале документа не найден: программа будет импортирована без акта, его можно заполнить в редакторе («Акт»)."),
    );
  }
  const keys = ["kind", "date", "number", "title", "issuer", "place", "formula", "points", "signature", "executor"];
  return card(
    "Утверждающий акт",
    "review-act",
    h(
      "dl",
      { className: "review-facts" },
      ...actFacts(act).flatMap((f, i) => [
        h("dt", {}, f.label),
        h("dd", { className: f.missing ? "review-missing" : "review-value", testId: "review-act-fact", attrs: { "data-key": keys[i] ?? "" } }, f.value),
      ]),
    ),
  );
}

function markCard(view: ReviewView): HTMLElement {
  const mark = view.found.mark ? markLine(view.programme) : null;
  const title = view.found.title ? view.programme.title.trim() : "";
  return card(
    "Название, период и гриф",
    "review-mark",
    h(
      "dl",
      { className: "review-facts" },
      h("dt", {}, "Период"),
      h("dd", { className: "review-value", testId: "review-period" }, formatPeriod(view.programme.period)),
      h("dt", {}, "Гриф"),
      h("dd", { className: mark === null ? "review-missing" : "review-value" }, mark ?? "не найден: приложение напечатается без грифа"),
      h("dt", {}, "Название"),
      h(
        "dd",
        { className: title === "" ? "review-missing" : "review-value", testId: "review-title" },
        title === "" ? `не найдено над паспортом; программа будет называться «${view.programme.title}»` : title,
      ),
    ),
  );
}

function filledText(line: PassportLine): string {
  if (line.fromData) return "из данных программы";
  if (line.tasks > 0) return `задачи программы (${line.tasks})`;
  if (!line.filled) return "нет";
  return line.rows > 1 ? `да, ${plural(line.rows, "подстрока", "подстроки", "подстрок")}` : "да";
}

function passportCard(view: ReviewView): HTMLElement {
  const lines = passportLines(view.programme.passport, view.programme.tasks);
  if (lines.length === 0) {
    return card("Паспорт", "review-passport", h("p", { className: "review-missing" }, "Таблица паспорта не найдена."));
  }
  return card(
    "Паспорт",
    "review-passport",
    h(
      "table",
      { className: "review-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { attrs: { scope: "col" } }, "Строка"),
          h("th", { attrs: { scope: "col" } }, "Заполнена"),
          h("th", { attrs: { scope: "col" } }, "Начало текста"),
        ),
      ),
      h(
        "tbody",
        {},
        ...lines.map((line) =>
          h(
            "tr",
            { testId: "review-passport-row" },
            h("td", {}, line.label, line.standard ? null : h("span", { className: "review-tag" }, "своя строка")),
            h("td", { className: line.filled || line.fromData ? "" : "review-missing" }, filledText(line)),
            h("td", { className: "review-first" }, line.first),
          ),
        ),
      ),
    ),
  );
}

function sectionsCard(view: ReviewView): HTMLElement {
  const { passport, sections } = sectionLines(view.programme);
  const heading = view.programme.layout.passport_heading.trim();
  return card(
    "Разделы",
    "review-sections",
    heading === "" ? null : note(`Заголовок паспорта: ${[passport, heading].filter((s) => s !== "").join(" ")}`),
    sections.length === 0
      ? h("p", { className: "review-missing" }, "Разделов не найдено.")
      : h(
          "ol",
          { className: "review-list review-list-plain" },
          ...sections.map((s) =>
            h(
              "li",
              { testId: "review-section" },
              s.number === "" ? null : h("span", { className: "review-number" }, s.number),
              h("span", { className: "review-value" }, s.title === "" ? "без заголовка" : s.title),
              h("span", { className: "review-aside" }, ` — ${s.contents}`),
            ),
          ),
        ),
  );
}

function indicatorsCard(view: ReviewView): HTMLElement {
  const all = view.programme.indicators;
  if (all.length === 0) {
    return card("Показатели", "review-indicators", h("p", { className: "review-missing" }, "Таблица показателей не найдена."));
  }
  const more = andMore(all.length, Math.min(FIRST_ROWS, all.length), "показатель", "показателя", "показателей");
  return card(
    "Показатели",
    "review-indicators",
    h(
      "ol",
      { className: "review-list" },
      ...all.slice(0, FIRST_ROWS).map((ind) => h("li", { testId: "review-indicator" }, indicatorLine(ind))),
    ),
    more === "" ? null : note(more),
  );
}

function roadmapCard(view: ReviewView): HTMLElement {
  const programme = view.programme;
  const blocks = roadmapLines(programme);
  if (blocks.every((b) => b.count === 0)) {
    return card("Дорожная карта", "review-roadmap", h("p", { className: "review-missing" }, "Таблица мероприятий не найдена."));
  }
  const planned = programme.roadmap.blocks.some((b) => b.items.some((i) => i.planned_value.trim() !== ""));
  const columns = effectiveColumns(programme.layout.roadmap, planned).map(columnHeader);
  const years = programme.roadmap.year_columns;
  const flat = programme.layout.roadmap.shape === "flat";
  return card(
    "Дорожная карта",
    "review-roadmap",
    h(
      "p",
      { className: "field-hint", testId: "review-columns" },
      `Столбцы: ${columns.map((c) => `«${c.replace(/\s+/g, " ")}»`).join(", ")}`,
      years.length === 0 ? "" : `; по годам: ${years.join(", ")}`,
      flat ? ". Без блоков: сплошной список." : ".",
    ),
    h(
      "ul",
      { className: "review-list review-list-plain" },
      ...blocks.map((block) =>
        h(
          "li",
          { className: "review-block", testId: "review-block" },
          flat
            ? null
            : h(
                "div",
                { className: "review-block-head" },
                block.number === "" ? null : h("span", { className: "review-number" }, block.number),
                h("span", { className: "review-value" }, block.title === "" ? "без названия" : block.title),
                h("span", { className: "review-aside" }, ` — ${block.count}`),
              ),
          h(
            "ul",
            { className: "review-items" },
            ...block.first.map((item) =>
              h(
                "li",
                { testId: "review-item" },
                item.number === "" ? null : h("span", { className: "review-number" }, item.number),
                item.activity === "" ? "без названия" : item.activity,
              ),
            ),
            block.more === "" ? null : h("li", { className: "review-aside" }, block.more),
          ),
        ),
      ),
    ),
  );
}

function listCard(title: string, testId: string, rowTestId: string, items: readonly Placed[], empty: string): HTMLElement {
  return card(title, testId, items.length === 0 ? note(empty) : placedList(items, rowTestId));
}

/** Every warning with its place; those about what was not placed are
 * already listed above and are only referred to. */
function warningsCard(view: ReviewView): HTMLElement {
  const others = view.warnings.filter((w) => !view.unplaced.includes(w));
  const above =
    view.unplaced.length === 0
      ? null
      : note(`${others.length === 0 ? "Других предупреждений нет. " : ""}Предупреждения о том, что не размещено (${view.unplaced.length}), — выше, в «Не размещено».`);
  return card(
    "Предупреждения",
    "review-warnings",
    others.length === 0 ? (above ?? note("Предупреждений нет.")) : placedList(others, "review-warning"),
    others.length === 0 ? null : above,
  );
}

function render(view: ReviewView, actions: ReviewActions): HTMLElement {
  const message = h("p", { className: "screen-message", testId: "review-message", attrs: { role: "alert" } });
  const importButton = h("button", { className: "button button-primary", testId: "review-import", attrs: { type: "button" } }, "Импортировать");
  const cancelButton = h("button", { className: "button", testId: "review-cancel", attrs: { type: "button" } }, "Отмена");
  const blocked = view.problems.length > 0;
  importButton.disabled = blocked;
  let busy = false;
  const setBusy = (on: boolean): void => {
    busy = on;
    importButton.disabled = on || blocked;
    cancelButton.disabled = on;
    importButton.textContent = on ? "Импортирую…" : "Импортировать";
  };
  const confirm = async (): Promise<void> => {
    if (busy || blocked) return;
    setBusy(true);
    message.textContent = "";
    message.className = "screen-message";
    try {
      const id = await actions.confirm();
      pending = null;
      // A new draft is to be checked and filled in: its passport first.
      navigate(`/programmes/${id}/passport`);
    } catch (raw) {
      setBusy(false);
      message.className = "screen-message message-error";
      message.textContent = raw instanceof AppError ? raw.message : "Непредвиденная ошибка интерфейса.";
      importButton.focus();
    }
  };
  const cancel = (): void => {
    if (busy) return;
    pending = null;
    actions.cancelled();
  };
  importButton.addEventListener("click", () => void confirm());
  cancelButton.addEventListener("click", cancel);

  const counted = counts(view);
  const screen = h(
    "div",
    { className: "review-screen", testId: "review-screen" },
    h(
      "div",
      { className: "screen-head" },
      h("h2", { className: "screen-title" }, "Импорт из Word: проверка"),
    ),
    h(
      "p",
      { className: "review-lead", testId: "review-lead" },
      `Файл «${view.file}». Ничего ещё не сохранено. Проверьте, что найдено в документе, и нажмите «Импортировать» — программа появится в списке; «Отмена» ничего не изменит.`,
    ),
    message,
    blocked
      ? h(
          "section",
          { className: "editor-card review-card refusal", testId: "review-problems", attrs: { role: "alert" } },
          h("h3", { className: "card-title" }, "Импортировать нельзя"),
          note("В таком виде программа не может быть сохранена. Исправьте документ в Word и выберите его снова («Импорт…»):"),
          placedList(view.problems, "review-problem"),
        )
      : null,
    h(
      "section",
      { className: "editor-card review-card", testId: "review-counts" },
      h("h3", { className: "card-title" }, "Найдено"),
      h(
        "dl",
        { className: "review-counts" },
        ...counted.map((c) =>
          h(
            "div",
            { className: "review-count", testId: "review-count", attrs: { "data-key": c.key } },
            h("dt", {}, c.label),
            h("dd", {}, c.value),
          ),
        ),
      ),
    ),
    actCard(view),
    markCard(view),
    passportCard(view),
    sectionsCard(view),
    indicatorsCard(view),
    roadmapCard(view),
    listCard("Сроки не распознаны", "review-deadlines", "review-deadline", view.deadlines, "Все сроки распознаны: по ним будут построены даты контроля."),
    listCard("Не размещено", "review-unplaced", "review-unplaced-part", view.unplaced, "Всё содержимое документа размещено."),
    warningsCard(view),
    h(
      "div",
      { className: "review-actions", testId: "review-actions" },
      importButton,
      cancelButton,
      h("span", { className: "field-hint" }, blocked ? "Esc — отмена" : "Enter — импортировать, Esc — отмена"),
    ),
  );

  // Enter and Escape wherever focus is on this screen (a button keeps its
  // own Enter); the listener goes when the screen does.
  const onKey = (event: KeyboardEvent): void => {
    if (!screen.isConnected) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    if (event.key === "Escape") {
      event.preventDefault();
      cancel();
    } else if (event.key === "Enter" && !(target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement)) {
      event.preventDefault();
      void confirm();
    }
  };
  document.addEventListener("keydown", onKey);
  // After the router has put the screen in place.
  setTimeout(() => {
    const first = blocked ? cancelButton : importButton;
    if (first.isConnected) first.focus();
  }, 0);
  return screen;
}

export const importReviewScreen: Screen = {
  errorHeading() {
    return "Не удалось показать найденное в документе";
  },
  async render() {
    if (pending === null) {
      // Reloaded or reached by history: the review is gone, nothing was stored.
      queueMicrotask(() => navigate("/programmes"));
      return h("p", { className: "loading" }, "Проверять нечего: выберите файл кнопкой «Импорт…».");
    }
    return render(pending.view, pending.actions);
  },
};
