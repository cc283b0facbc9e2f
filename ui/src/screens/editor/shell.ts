// The programme editor: header (title, period, status), tabs, the save queue
// with its quiet indicator, undo/redo, and Ctrl+F / Ctrl+H for the find
// panel (find.ts). Routes: #/programmes/:id/:tab and
// #/programmes/:id (first tab).
//
// data-testid: editor, editor-back, editor-title, editor-period-start,
// editor-period-end, editor-period-hint, editor-status, save-indicator,
// undo, redo, editor-tabs, tab-link-<key> (today, month, timeline,
// execution, report, act, passport, sections, indicators, roadmap, print,
// editions),
// tab-content; editor-unavailable (a database error: the recovery panel of
// backups.ts under the way back).

import { AppError, DATABASE_ERRORS, applyEdit, loadProgramme, redo, undo, undoState } from "../../api.js";
import { h } from "../../dom.js";
import { capitalize, checkMonth, showMonth } from "../../format.js";
import type { Applied, Edit, Period, Programme, UndoState } from "../../api.js";
import type { Params, Screen } from "../../router.js";
import { recoveryPanel } from "../backups.js";
import { actTab } from "./act.js";
import { button, dropPending, flushPending, forgetUnsaved, labelled, rememberUnsaved, textField, unsavedText } from "./fields.js";
import { shortening, yearsText } from "./period.js";
import { indicatorsTab } from "./indicators.js";
import { passportTab } from "./passport.js";
import { printTab } from "./print.js";
import { editionsTab } from "./editions.js";
import { revealPending } from "./reveal.js";
import { roadmapTab } from "./roadmap/index.js";
import { sectionsTab } from "./sections.js";
import { trackingTabs } from "../tracking/tabs.js";
import type { EditorContext, EditorTab } from "./tab.js";
import { attachFind, findStep, openFind, refreshFind } from "./find.js";

const TABS: readonly EditorTab[] = [...trackingTabs, actTab, passportTab, sectionsTab, indicatorsTab, roadmapTab, printTab, editionsTab];

/** The document-wide shortcut handler of the editor on screen (one at a time). */
let keyHandler: ((event: KeyboardEvent) => void) | null = null;

/** The editor last shown: its queued edits are sent before any screen loads again. */
let lastSession: Session | null = null;

class Session implements EditorContext {
  readonly id: number;
  private current: Programme;
  private undoInfo: UndoState;
  private queue: Promise<unknown> = Promise.resolve();
  private inFlight = 0;
  private listeners: ((programme: Programme) => void)[] = [];
  readonly indicator = h("span", { className: "save-indicator", testId: "save-indicator", attrs: { role: "status" } });
  readonly undoButton = h("button", { className: "button button-small", testId: "undo", attrs: { type: "button" } }, "Отменить");
  readonly redoButton = h("button", { className: "button button-small", testId: "redo", attrs: { type: "button" } }, "Вернуть");
  readonly content = h("div", { className: "tab-content", testId: "tab-content" });
  private tab: EditorTab;
  private headerRefresh: (programme: Programme) => void = () => {};

  constructor(id: number, programme: Programme, undoInfo: UndoState, tab: EditorTab) {
    this.id = id;
    this.current = programme;
    this.undoInfo = undoInfo;
    this.tab = tab;
    this.undoButton.addEventListener("click", () => void this.step("undo"));
    this.redoButton.addEventListener("click", () => void this.step("redo"));
    this.showUndo();
  }

  programme(): Programme {
    return this.current;
  }

  onReload(listener: (programme: Programme) => void): void {
    this.listeners.push(listener);
  }

  notSaved(message: string): void {
    this.setIndicator("error", `Не сохранено: ${message}`);
  }

  setHeaderRefresh(refresh: (programme: Programme) => void): void {
    this.headerRefresh = refresh;
  }

  apply(edit: Edit): Promise<Applied> {
    return this.perform(() => applyEdit(this.id, edit));
  }

  /** Runs a command that changes the programme (an edit, a replacement) in the save queue. */
  perform<T extends { undo: UndoState }>(call: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.setIndicator("saving", "Сохранение…");
    const sent = this.queue.then(call);
    // The next edit waits for this one whether it succeeds or not.
    this.queue = sent.catch(() => undefined);
    return sent.then(
      (applied) => {
        this.inFlight--;
        this.undoInfo = applied.undo;
        this.showUndo();
        if (this.inFlight === 0) {
          this.setIndicator("saved", "Сохранено");
          // Keep the in-memory programme current for the other tabs without
          // re-rendering this one (the user may still be typing in it).
          this.queue = this.queue.then(async () => {
            if (this.inFlight === 0) this.current = await loadProgramme(this.id);
          }).catch(() => undefined);
        }
        return applied;
      },
      (raw: unknown) => {
        this.inFlight--;
        const message = raw instanceof AppError ? raw.message : "Не удалось сохранить изменение.";
        this.setIndicator("error", message);
        throw raw;
      },
    );
  }

  /** Resolves when every queued edit has been sent. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  async reload(): Promise<void> {
    flushPending();
    await this.idle();
    this.current = await loadProgramme(this.id);
    // Approving an edition clears the undo history (crates/core editions.rs).
    this.undoInfo = await undoState(this.id);
    this.showUndo();
    await this.renderTab(true);
    this.headerRefresh(this.current);
    for (const listener of this.listeners) listener(this.current);
  }

  async renderTab(keepPlace: boolean): Promise<void> {
    const scrollY = window.scrollY;
    const active = document.activeElement;
    const focusId = active instanceof HTMLElement ? active.dataset["testid"] : undefined;
    const selection: [number | null, number | null] | null =
      active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement
        ? [active.selectionStart, active.selectionEnd]
        : null;
    dropPending();
    this.listeners = [];
    const body = await this.tab.render(this);
    this.content.replaceChildren(body);
    if (!keepPlace) return;
    window.scrollTo(0, scrollY);
    if (focusId !== undefined && this.content.contains(document.activeElement) === false) {
      const again = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(focusId)}"]`);
      if (again !== null) {
        again.focus({ preventScroll: true });
        if (
          selection !== null &&
          (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) &&
          selection[0] !== null &&
          selection[1] !== null
        ) {
          try {
            again.setSelectionRange(selection[0], selection[1]);
          } catch {
            // Inputs without a text selection (none here today) refuse it.
          }
        }
      }
    }
  }

  async step(which: "undo" | "redo"): Promise<void> {
    flushPending();
    await this.idle();
    try {
      this.setIndicator("saving", which === "undo" ? "Отмена…" : "Возврат…");
      this.undoInfo = which === "undo" ? await undo(this.id) : await redo(this.id);
      this.showUndo();
      this.setIndicator("saved", "Сохранено");
      this.current = await loadProgramme(this.id);
      await this.renderTab(true);
      this.headerRefresh(this.current);
      for (const listener of this.listeners) listener(this.current);
      refreshFind();
    } catch (raw) {
      this.setIndicator("error", raw instanceof AppError ? raw.message : "Не удалось отменить изменение.");
    }
  }

  private showUndo(): void {
    const { can_undo: canUndo, can_redo: canRedo } = this.undoInfo;
    this.undoButton.disabled = canUndo === null;
    this.redoButton.disabled = canRedo === null;
    this.undoButton.textContent = canUndo === null ? "Отменить" : `Отменить: ${canUndo}`;
    this.redoButton.textContent = canRedo === null ? "Вернуть" : `Вернуть: ${canRedo}`;
    this.undoButton.title = "Ctrl+Z";
    this.redoButton.title = "Ctrl+Shift+Z или Ctrl+Y";
  }

  private setIndicator(state: "saving" | "saved" | "error", text: string): void {
    this.indicator.className = `save-indicator save-${state}`;
    this.indicator.textContent = text;
  }
}

// ---- Header: title, period, status ----

function header(session: Session): HTMLElement {
  const p = session.programme();
  const title = textField({
    testId: "editor-title",
    value: p.title,
    multiline: true,
    rows: 2,
    className: "field editor-title-field",
    label: "Название программы",
    placeholder: "Название программы",
    send: (value) => session.apply({ op: "set_title", title: value.replace(/\s*\n\s*/g, " ") }).catch(() => {}),
  });
  const hint = h("span", { className: "field-hint", testId: "editor-period-hint", attrs: { role: "status" } });
  // Beside the period: what blocks the period she asked for, and the offer
  // to drop those years in one step (design.md §2 «Period»).
  const offer = h("div", { className: "period-offer", testId: "editor-period-offer", attrs: { role: "alert" } });
  offer.hidden = true;
  let period: Period = { ...p.period };
  const closeOffer = (): void => {
    offer.hidden = true;
    offer.replaceChildren();
  };
  const showOffer = (asked: Period, which: "start" | "end", why: string): void => {
    const found = shortening(session.programme(), asked);
    const field = which === "start" ? "Начало" : "Окончание";
    const typed = showMonth(asked[which]);
    const edit = found.edit;
    if (edit === null) {
      hint.textContent = `${field} ${typed} не сохранено. ${why}`;
      return;
    }
    hint.textContent = "Период не изменён: что мешает, сказано ниже.";
    // The indicator says it in a few words; the list is beside the period.
    session.notSaved(`${field.toLowerCase()} ${typed}: что мешает, сказано под периодом`);
    const lost = found.years.length === 0 ? "отметки вне нового периода" : `данные за ${yearsText(found.years)}`;
    offer.replaceChildren(
      h("p", { className: "period-offer-text", testId: "editor-period-offer-text" }, `${field} ${typed} не сохранено: вне нового периода остаются данные.`),
      h("ul", { className: "period-offer-list" }, ...found.blockers.map((b) => h("li", {}, `${capitalize(b.what)} — ${b.holds}`))),
      h(
        "div",
        { className: "period-offer-actions" },
        button(`Убрать ${lost} и сохранить период`, "editor-period-drop", () => {
          closeOffer();
          session.apply(edit).then(
            () => {
              period = asked;
              void session.reload();
            },
            (raw: unknown) => {
              hint.textContent = `Период не изменён. ${raw instanceof AppError ? raw.message : "Не удалось сохранить изменение."}`;
            },
          );
        }, { className: "button button-small button-danger", title: "Одно действие: его можно отменить кнопкой «Отменить»" }),
        button("Оставить период как был", "editor-period-keep", closeOffer),
      ),
    );
    offer.hidden = false;
  };
  const sendPeriod = (which: "start" | "end", value: string): void => {
    const checked = checkMonth(value);
    if (checked.kind !== "month") {
      const field = which === "start" ? "Начало" : "Окончание";
      const problem = checked.kind === "wrong" ? checked.problem : "укажите месяц так: 09.2024";
      hint.textContent = `${field} «${value.trim()}»: ${problem}. Не сохранено.`;
      session.notSaved(`${field.toLowerCase()} периода «${value.trim()}»`);
      // Kept for the next drawing of the header (another tab), as the act's date is.
      rememberUnsaved(`${session.id}/period-${which}`, value);
      (which === "start" ? start : end).classList.add("field-invalid");
      return;
    }
    forgetUnsaved(`${session.id}/period-${which}`);
    (which === "start" ? start : end).classList.remove("field-invalid");
    hint.textContent = "";
    closeOffer();
    const asked = { ...period, [which]: checked.month };
    session.apply({ op: "set_period", period: asked }).then(
      () => {
        period = asked;
        // Deadline readings, year columns and plans follow the period at
        // once: the open tab is drawn again from the stored programme.
        void session.reload();
      },
      (raw: unknown) => {
        // Nothing was stored: the fields show the period that is, and
        // beside them what blocks hers, with the way to clear it.
        const why = raw instanceof AppError ? raw.message : "Не удалось сохранить изменение.";
        start.value = showMonth(period.start);
        end.value = showMonth(period.end);
        showOffer(asked, which, why);
      },
    );
  };
  const start = textField({
    testId: "editor-period-start",
    value: unsavedText(`${session.id}/period-start`) ?? showMonth(p.period.start),
    className: "field field-month",
    label: "Начало периода (месяц.год)",
    placeholder: "09.2024",
    send: (value) => sendPeriod("start", value),
  });
  const end = textField({
    testId: "editor-period-end",
    value: unsavedText(`${session.id}/period-end`) ?? showMonth(p.period.end),
    className: "field field-month",
    label: "Окончание периода (месяц.год)",
    placeholder: "05.2027",
    send: (value) => sendPeriod("end", value),
  });
  for (const which of ["start", "end"] as const) {
    const typed = unsavedText(`${session.id}/period-${which}`);
    if (typed === undefined) continue;
    const checked = checkMonth(typed);
    const field = which === "start" ? "Начало" : "Окончание";
    if (checked.kind === "wrong") hint.textContent = `${field} «${typed.trim()}»: ${checked.problem}. Не сохранено.`;
    (which === "start" ? start : end).classList.add("field-invalid");
  }
  const status = h(
    "select",
    { className: "field field-select", testId: "editor-status", attrs: { "aria-label": "Статус программы" } },
    h("option", { attrs: { value: "draft" } }, "Проект"),
    h("option", { attrs: { value: "approved" } }, "Утверждена"),
  );
  status.value = p.status;
  status.addEventListener("change", () => {
    session.apply({ op: "set_status", status: status.value === "approved" ? "approved" : "draft" }).catch(() => {});
  });
  session.setHeaderRefresh((fresh) => {
    // After undo/redo the header shows the stored values again.
    if (document.activeElement !== title) title.value = fresh.title;
    // Refused typing stays in its field until she fixes it (never replaced in silence).
    const keep = (which: "start" | "end"): boolean => unsavedText(`${session.id}/period-${which}`) !== undefined;
    if (document.activeElement !== start && !keep("start")) start.value = showMonth(fresh.period.start);
    if (document.activeElement !== end && !keep("end")) end.value = showMonth(fresh.period.end);
    period = { ...fresh.period };
    status.value = fresh.status;
  });
  return h(
    "header",
    { className: "editor-header" },
    h(
      "div",
      { className: "editor-topline" },
      h("a", { className: "editor-back", testId: "editor-back", attrs: { href: "#/programmes" } }, "← Все программы"),
      h("span", { className: "editor-spacer" }),
      session.indicator,
      session.undoButton,
      session.redoButton,
    ),
    title,
    h(
      "div",
      { className: "editor-meta" },
      labelled("Начало", start),
      labelled("Окончание", end),
      labelled("Статус", status),
      hint,
    ),
    offer,
  );
}

function tabBar(id: number, active: EditorTab): HTMLElement {
  return h(
    "nav",
    { className: "editor-tabs", testId: "editor-tabs", attrs: { role: "tablist" } },
    ...TABS.map((tab) =>
      h(
        "a",
        {
          className: tab === active ? "editor-tab editor-tab-active" : "editor-tab",
          testId: `tab-link-${tab.key}`,
          attrs: {
            href: `#/programmes/${id}/${tab.key}`,
            role: "tab",
            "aria-selected": tab === active ? "true" : "false",
          },
        },
        tab.title,
      ),
    ),
  );
}

function isTextTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type === "text")
  );
}

function installKeys(session: Session, root: HTMLElement): void {
  if (keyHandler !== null) document.removeEventListener("keydown", keyHandler);
  const handler = (event: KeyboardEvent): void => {
    if (!root.isConnected) {
      document.removeEventListener("keydown", handler);
      if (keyHandler === handler) keyHandler = null;
      return;
    }
    if (event.key === "F3" && !event.ctrlKey && !event.altKey) {
      if (findStep(event.shiftKey ? -1 : 1)) event.preventDefault();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    // Find and replace across the programme; on the Russian layout F is «а», H is «р».
    const isF = key === "f" || key === "а" || event.code === "KeyF";
    const isH = key === "h" || key === "р" || event.code === "KeyH";
    if ((isF || isH) && !event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      openFind(session, root, isH);
      return;
    }
    // Cyrillic layout: the Z key gives «я», Y gives «н»; event.code is the key's place.
    const isZ = key === "z" || key === "я" || event.code === "KeyZ";
    const isY = key === "y" || key === "н" || event.code === "KeyY";
    if (isZ && !event.shiftKey) {
      event.preventDefault();
      void session.step("undo");
    } else if ((isZ && event.shiftKey) || (isY && !event.shiftKey)) {
      event.preventDefault();
      void session.step("redo");
    } else {
      return;
    }
    // A text field keeps focus; its unsent typing was flushed by step().
    if (isTextTarget(event.target)) event.stopPropagation();
  };
  keyHandler = handler;
  document.addEventListener("keydown", handler);
}

/** Sends the last editor's unsent typing and waits until it is stored (before the list loads). */
export async function settleEditor(): Promise<void> {
  if (lastSession === null) return;
  flushPending();
  await lastSession.idle();
}

/** The editor when the database fails under it: the way back to the list
 * and the recovery panel (restore a backup, open or create another database). */
async function unavailable(error: AppError): Promise<HTMLElement> {
  return h(
    "div",
    { className: "editor", testId: "editor-unavailable" },
    h(
      "div",
      { className: "editor-topline" },
      h("a", { className: "editor-back", testId: "editor-back", attrs: { href: "#/programmes" } }, "← Все программы"),
    ),
    await recoveryPanel(error),
  );
}

export const editorScreen: Screen = {
  errorHeading(error: AppError) {
    return DATABASE_ERRORS.includes(error.code) ? "Не удалось открыть базу данных" : "Не удалось открыть программу";
  },
  async render(params: Params) {
    const id = Number(params["id"]);
    if (!Number.isInteger(id) || id <= 0) {
      throw new AppError("not_found", "Программа не найдена.");
    }
    const tab = TABS.find((t) => t.key === params["tab"]) ?? TABS[0];
    if (tab === undefined) throw new AppError("ui_error", "Нет вкладок редактора.");
    // Switching tabs re-renders the screen: the typing left in the previous
    // tab (sent on blur) must be stored before the programme is loaded again.
    await settleEditor();
    let programme: Programme;
    let undoInfo: UndoState;
    try {
      [programme, undoInfo] = await Promise.all([loadProgramme(id), undoState(id)]);
    } catch (raw) {
      // A damaged or vanished database: the same way forward as at launch
      // (a backup, another database), not a lone «Повторить».
      if (raw instanceof AppError && DATABASE_ERRORS.includes(raw.code)) return unavailable(raw);
      throw raw;
    }
    const session = new Session(id, programme, undoInfo, tab);
    lastSession = session;
    const root = h(
      "div",
      { className: "editor", testId: "editor", attrs: { "data-programme-id": String(id), "data-tab": tab.key } },
      header(session),
      tabBar(id, tab),
      session.content,
    );
    await session.renderTab(false);
    // «Перейти» from a readiness problem: the field it names, once on screen.
    revealPending(id, tab.key);
    installKeys(session, root);
    attachFind(session, root);
    return root;
  },
};
