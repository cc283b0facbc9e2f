// «Месяц»: the due dates of one month of the programme's period, grouped by
// block, then the items under way that month without a due date in it
// («Январь – март» in January, «в течение года»). Each due row opens a form for the full status: запланировано /
// выполнено / с нарушением срока / не выполнено / перенесено (with the new
// date), the date done, evidence and a comment — stored by one set_tracking
// edit; the core's refusal is shown next to the field it is about.
//
// data-testid: tab-month, month-prev, month-next, month-select,
// month-current, month-summary, month-block-N, month-empty, due-open,
// track-form, track-status, track-done-on, track-done-on-hint,
// track-moved-to, track-moved-to-hint, track-evidence, track-comment,
// track-save, track-cancel, track-clear, track-error, month-under-way,
// under-way-row, under-way-next.

import { monthView, trackingToday } from "../../api.js";
import { addMonths, periodMonths } from "../../calendar.js";
import { h } from "../../dom.js";
import { formatDate, formatMonth, parseDate, plural } from "../../format.js";
import type { DueEntry, IsoDate, TrackingRecord, TrackStatus, UnderWay } from "../../api.js";
import type { EditorContext, EditorTab } from "../editor/tab.js";
import {
  wrongDate,
  STATUS_LABEL,
  dueRow,
  entryFilterable,
  errorText,
  filterBar,
  filtersOf,
  isDone,
  itemCells,
  passes,
  shown,
} from "./common.js";

/** The month on screen per programme; the timeline sets it when a cell is clicked. */
const chosenMonth = new Map<number, string>();

export function chooseMonth(id: number, month: string): void {
  chosenMonth.set(id, month);
}

function clampMonth(month: string, months: string[]): string {
  const first = months[0] ?? month;
  const last = months[months.length - 1] ?? month;
  return month < first ? first : month > last ? last : month;
}

const STATUSES: readonly TrackStatus[] = ["planned", "done", "done_late", "not_done", "moved"];

/** The form under a row: every part of the record, stored as one edit. */
function trackForm(ctx: EditorContext, e: DueEntry, today: IsoDate, close: () => void): HTMLElement {
  const field = (testId: string, value: string, placeholder: string, label: string): HTMLInputElement => {
    const input = h("input", {
      className: "field",
      testId,
      attrs: { type: "text", placeholder, "aria-label": label },
    });
    input.value = value;
    return input;
  };
  const hint = (testId: string): HTMLElement =>
    h("span", { className: "field-hint field-hint-error", testId, attrs: { role: "alert" } });
  const status = h(
    "select",
    { className: "field field-select", testId: "track-status", attrs: { "aria-label": "Статус" } },
    ...STATUSES.map((s) => h("option", { attrs: { value: s } }, STATUS_LABEL[s])),
  );
  status.value = e.status;
  const doneOn = field("track-done-on", e.done_on === null ? "" : formatDate(e.done_on), "12.09.2024", "Дата выполнения");
  doneOn.classList.add("field-date");
  const doneHint = hint("track-done-on-hint");
  const movedTo = field("track-moved-to", e.moved_to === null ? "" : formatDate(e.moved_to), "30.10.2024", "Новый срок");
  movedTo.classList.add("field-date");
  const movedHint = hint("track-moved-to-hint");
  const evidence = field("track-evidence", e.evidence, "приказ от 12.09.2023 № 145", "Подтверждение");
  const comment = h("textarea", {
    className: "field field-multiline",
    testId: "track-comment",
    attrs: { rows: "2", "aria-label": "Комментарий", placeholder: "Что сделано, что помешало" },
  });
  comment.value = e.comment;
  const error = hint("track-error");
  const doneRow = h("label", { className: "tr-form-field" }, h("span", { className: "tr-form-label" }, "Дата выполнения"), doneOn, doneHint);
  const movedRow = h("label", { className: "tr-form-field" }, h("span", { className: "tr-form-label" }, "Новый срок"), movedTo, movedHint);
  const sync = (): void => {
    const s = status.value as TrackStatus;
    doneRow.hidden = !isDone(s);
    movedRow.hidden = s !== "moved";
    if (isDone(s) && doneOn.value.trim() === "") doneOn.value = formatDate(today);
  };
  status.addEventListener("change", sync);
  sync();
  const clearHints = (): void => {
    for (const el of [doneHint, movedHint, error]) el.textContent = "";
    for (const el of [doneOn, movedTo]) el.classList.remove("field-invalid");
  };
  const blame = (input: HTMLInputElement, where: HTMLElement, message: string): void => {
    input.classList.add("field-invalid");
    where.textContent = message;
    input.focus();
  };
  const save = async (): Promise<void> => {
    clearHints();
    const s = status.value as TrackStatus;
    const done = isDone(s) ? parseDate(doneOn.value) : null;
    if (done === undefined) return blame(doneOn, doneHint, wrongDate(doneOn.value, "Дата выполнения"));
    const moved = s === "moved" ? parseDate(movedTo.value) : null;
    if (moved === undefined) return blame(movedTo, movedHint, wrongDate(movedTo.value, "Новый срок"));
    const record: TrackingRecord = {
      due: e.due,
      status: s,
      done_on: done,
      moved_to: moved,
      comment: comment.value.trim(),
      evidence: evidence.value.trim(),
    };
    try {
      await ctx.apply({ op: "set_tracking", item: e.item, record });
    } catch (raw) {
      const message = errorText(raw, "Отметка не сохранена.");
      // The core names what it refuses; show it next to that field.
      if (/дата выполнения/i.test(message)) blame(doneOn, doneHint, message);
      else if (/новая дата|новый срок|moved_to/i.test(message)) blame(movedTo, movedHint, message);
      else error.textContent = message;
      return;
    }
    close();
    await ctx.reload();
  };
  const clear = async (): Promise<void> => {
    clearHints();
    try {
      await ctx.apply({ op: "clear_tracking", item: e.item, due: e.due });
    } catch (raw) {
      error.textContent = errorText(raw, "Отметка не снята.");
      return;
    }
    close();
    await ctx.reload();
  };
  const form = h(
    "form",
    { className: "tr-form", testId: "track-form", attrs: { "aria-label": `Исполнение ${e.number}, срок ${formatDate(e.due)}` } },
    h(
      "div",
      { className: "tr-form-grid" },
      h("label", { className: "tr-form-field" }, h("span", { className: "tr-form-label" }, "Статус"), status),
      doneRow,
      movedRow,
      h("label", { className: "tr-form-field tr-form-wide" }, h("span", { className: "tr-form-label" }, "Подтверждение"), evidence),
      h("label", { className: "tr-form-field tr-form-wide" }, h("span", { className: "tr-form-label" }, "Комментарий"), comment),
    ),
    error,
    h(
      "div",
      { className: "tr-form-actions" },
      h("button", { className: "button button-primary button-small", testId: "track-save", attrs: { type: "submit" } }, "Сохранить"),
      h("button", { className: "button button-small", testId: "track-cancel", attrs: { type: "button" }, onClick: close }, "Отмена"),
      e.status !== "planned" || e.comment !== "" || e.evidence !== ""
        ? h(
            "button",
            { className: "link-button link-danger", testId: "track-clear", attrs: { type: "button" }, onClick: () => void clear() },
            "Снять отметку",
          )
        : null,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  return form;
}

export const monthTab: EditorTab = {
  key: "month",
  title: "Месяц",
  async render(ctx) {
    const p = ctx.programme();
    const months = periodMonths(p.period);
    const today = await trackingToday();
    const month = clampMonth(chosenMonth.get(ctx.id) ?? today.slice(0, 7), months);
    chosenMonth.set(ctx.id, month);
    const { due: entries, under_way: underWay } = await monthView(ctx.id, month);

    const go = (to: string): void => {
      chosenMonth.set(ctx.id, clampMonth(to, months));
      void ctx.reload();
    };
    const select = h(
      "select",
      { className: "field field-select", testId: "month-select", attrs: { "aria-label": "Месяц" } },
      ...months.map((m) => h("option", { attrs: { value: m } }, formatMonth(m))),
    );
    select.value = month;
    select.addEventListener("change", () => go(select.value));
    const prev = h("button", { className: "button button-small", testId: "month-prev", attrs: { type: "button", title: "Предыдущий месяц" }, onClick: () => go(addMonths(month, -1)) }, "←");
    const next = h("button", { className: "button button-small", testId: "month-next", attrs: { type: "button", title: "Следующий месяц" }, onClick: () => go(addMonths(month, 1)) }, "→");
    prev.disabled = month <= (months[0] ?? month);
    next.disabled = month >= (months[months.length - 1] ?? month);
    const current = today.slice(0, 7);
    const toCurrent = h("button", { className: "link-button", testId: "month-current", attrs: { type: "button" }, onClick: () => go(current) }, "текущий месяц");
    toCurrent.hidden = current === month || !months.includes(current);

    const counts = new Map<string, number>();
    for (const e of entries) counts.set(shown(e, today), (counts.get(shown(e, today)) ?? 0) + 1);
    const summary = h(
      "p",
      { className: "tr-summary", testId: "month-summary" },
      entries.length === 0
        ? "В этом месяце сроков нет."
        : `${plural(entries.length, "срок", "срока", "сроков")}: ` +
            [...counts.entries()].map(([s, n]) => `${STATUS_LABEL[s as keyof typeof STATUS_LABEL]} — ${n}`).join(", ") +
            ".",
    );

    const rows: [HTMLElement, DueEntry][] = [];
    const groups: [HTMLElement, HTMLElement[]][] = [];
    const byBlock = new Map<string, DueEntry[]>();
    for (const e of entries) {
      const list = byBlock.get(e.block_number) ?? [];
      list.push(e);
      byBlock.set(e.block_number, list);
    }
    const body = h("div", { className: "tr-month-body" });
    for (const [number, list] of byBlock) {
      const mine: HTMLElement[] = [];
      const groupList = h("div", { className: "tr-list" });
      for (const e of list) {
        let open: HTMLElement | null = null;
        const row = dueRow(ctx, e, today, {
          showDue: true,
          extra: (entry, rowEl) => {
            const toggle = h(
              "button",
              { className: "link-button tr-open", testId: "due-open", attrs: { type: "button", "aria-expanded": "false" } },
              "Подробнее…",
            );
            const setOpen = (form: HTMLElement | null): void => {
              open?.remove();
              open = form;
              toggle.setAttribute("aria-expanded", form === null ? "false" : "true");
            };
            toggle.addEventListener("click", () => {
              if (open !== null) return setOpen(null);
              const form = trackForm(ctx, entry, today, () => {
                setOpen(null);
                toggle.focus();
              });
              setOpen(form);
              rowEl.after(form);
              form.querySelector<HTMLElement>("select")?.focus();
            });
            return toggle;
          },
        });
        rows.push([row, e]);
        mine.push(row);
        groupList.append(row);
      }
      const group = h(
        "section",
        { className: "editor-card tr-group", testId: `month-block-${number}` },
        h("h3", { className: "tr-group-title" }, `${number}. ${list[0]?.block_title ?? ""}`),
        groupList,
      );
      groups.push([group, mine]);
      body.append(group);
    }
    const underWayRows: [HTMLElement, UnderWay][] = underWay.map((u) => [underWayRow(u), u]);
    const underWayCard = h(
      "section",
      { className: "editor-card tr-group tr-under-way", testId: "month-under-way" },
      h(
        "h3",
        { className: "tr-group-title" },
        "Идёт работа, срок позже",
        h("span", { className: "tr-section-count" }, String(underWay.length)),
      ),
      h("div", { className: "tr-list" }, ...underWayRows.map(([r]) => r)),
    );
    underWayCard.hidden = underWay.length === 0;
    const empty = h("p", { className: "tr-none", testId: "month-empty" }, entries.length === 0 ? "Сроков в этом месяце нет." : "Ничего не найдено — измените фильтры.");
    const filters = filterBar(ctx.id, p, () => {
      const f = filtersOf(ctx.id);
      let count = 0;
      for (const [row, e] of rows) {
        const ok = passes(f, entryFilterable(e, today));
        row.hidden = !ok;
        // An open form belongs to its row.
        const form = row.nextElementSibling;
        if (form instanceof HTMLFormElement) form.hidden = !ok;
        if (ok) count++;
      }
      for (const [group, mine] of groups) group.hidden = mine.every((r) => r.hidden);
      empty.hidden = count > 0;
      // Work under way has no status this month (no statuses): a status filter hides it.
      for (const [row, u] of underWayRows) {
        row.hidden = !passes(f, { block: u.block_number, responsible: u.responsible, statuses: [], text: `${u.number} ${u.activity} ${u.responsible}` });
      }
      underWayCard.hidden = underWayRows.every(([r]) => r.hidden);
      return count;
    });
    return h(
      "div",
      { className: "tracking", testId: "tab-month", attrs: { "data-month": month } },
      h(
        "div",
        { className: "tr-head tr-month-head" },
        h("div", { className: "tr-month-nav" }, prev, select, next, toCurrent),
        summary,
      ),
      filters,
      body,
      empty,
      underWayCard,
    );
  },
};

/** One item under way this month: what, who, and when it is next due. */
function underWayRow(u: UnderWay): HTMLElement {
  return h(
    "div",
    { className: "tr-row tr-row-under-way", testId: "under-way-row", attrs: { "data-item": u.item } },
    ...itemCells(u.number, u.activity, [
      h("span", { className: "tr-responsible" }, u.responsible),
      h("span", { className: "tr-deadline" }, `Сроки: «${u.deadline}»`),
    ]),
    // In the columns of the due rows above: the next due date, then a badge.
    h(
      "span",
      { className: "tr-due tr-next-due", testId: "under-way-next", attrs: { title: "Ближайший срок" } },
      u.next_due === null ? "—" : formatDate(u.next_due),
    ),
    h("div", { className: "tr-state" }, h("span", { className: "tr-badge tr-s-under-way" }, "идёт работа")),
  );
}
