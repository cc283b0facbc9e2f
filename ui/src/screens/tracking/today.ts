// «Сегодня»: the start screen of a programme. What is overdue, what is due
// this month and in the next 30 days, the counts per block, and the items
// no month will ever show because their deadline gives no date in the
// period. Marking a due date done is one click on its row (common.ts dueRow);
// several rows picked by their boxes are marked at once, on one date, by the
// bar above the lists (common.ts BatchMark): one edit, one undo step.
//
// data-testid: tab-today, today-date, today-summary, today-untracked,
// untracked-row, untracked-reason, untracked-fix, today-overdue,
// today-month, today-next, today-blocks, today-block-N, today-empty.

import { todayView } from "../../api.js";
import { h } from "../../dom.js";
import { formatDate, formatMonth, plural } from "../../format.js";
import type { DueEntry, Programme, TodayScreen, Untracked, UntrackedReason } from "../../api.js";
import { navigate } from "../../router.js";
import { revealOnOpen } from "../editor/roadmap/index.js";
import type { EditorContext, EditorTab } from "../editor/tab.js";
import { BatchMark, type Filters, dueRow, entryFilterable, filterBar, filtersOf, itemCells, passes } from "./common.js";

/** Rows shown per list before «Показать все»: the lists below stay in sight. */
const FIRST_ROWS = 8;

interface Section {
  element: HTMLElement;
  /** Shows the rows that pass the filters; returns how many pass. */
  apply(f: Filters): number;
}

function section(
  ctx: EditorContext,
  testId: string,
  title: string,
  entries: DueEntry[],
  today: string,
  empty: string,
  tone: string,
  onChange: () => void,
  batch: BatchMark,
): Section {
  const list = h("div", { className: "tr-list" });
  const rows: [HTMLElement, DueEntry][] = [];
  for (const e of entries) {
    const row = dueRow(ctx, e, today, { showDue: true, onChange });
    batch.add(row);
    rows.push([row.element, e]);
    list.append(row.element);
  }
  const none = h("p", { className: "tr-none" }, empty);
  const count = h("span", { className: "tr-section-count", testId: `${testId}-count` }, String(entries.length));
  let expanded = false;
  let last: Filters | null = null;
  const more = h("button", { className: "link-button tr-more", testId: `${testId}-more`, attrs: { type: "button" } });
  const apply = (f: Filters): number => {
    last = f;
    let passing = 0;
    for (const [row, e] of rows) {
      // A row marked done keeps its place until the screen is opened again.
      const ok = passes(f, entryFilterable(e, today));
      if (ok) passing++;
      row.hidden = !ok || (!expanded && passing > FIRST_ROWS);
    }
    none.hidden = passing > 0;
    none.textContent = entries.length === 0 ? empty : "Ничего не найдено.";
    count.textContent = passing === entries.length ? String(entries.length) : `${passing} из ${entries.length}`;
    more.hidden = expanded || passing <= FIRST_ROWS;
    more.textContent = `Показать все (${passing})`;
    return passing;
  };
  more.addEventListener("click", () => {
    expanded = true;
    if (last !== null) apply(last);
    batch.refresh();
  });
  return {
    element: h(
      "section",
      { className: `editor-card tr-section tr-section-${tone}`, testId },
      h("h2", { className: "card-title tr-section-title" }, title, count),
      list,
      more,
      none,
    ),
    apply,
  };
}

const UNTRACKED_REASON: Record<UntrackedReason, string> = {
  missing: "срок не указан",
  unrecognized: "срок не распознан — укажите месяцы вручную",
  outside_period: "все даты вне периода программы — проверьте год",
  none_in_period: "в периоде программы сроков нет",
};

/** Items whose deadline gives no date in the period: without this notice
 * they would silently never be due. Each opens its Сроки cell in the roadmap. */
function untrackedCard(ctx: EditorContext, items: Untracked[]): HTMLElement | null {
  if (items.length === 0) return null;
  const rows = items.map((u) =>
    h(
      "div",
      { className: "tr-untracked-row", testId: "untracked-row", attrs: { "data-item": u.item } },
      ...itemCells(u.number, u.activity, [
        h("span", { className: "tr-deadline" }, u.deadline.trim() === "" ? "Сроки: —" : `Сроки: «${u.deadline}»`),
        h("span", { className: "tr-untracked-reason", testId: "untracked-reason" }, UNTRACKED_REASON[u.reason]),
      ]),
      h(
        "button",
        {
          className: "link-button",
          testId: "untracked-fix",
          attrs: { type: "button" },
          onClick: () => {
            revealOnOpen(ctx.id, u.item);
            navigate(`/programmes/${ctx.id}/roadmap`);
          },
        },
        "Исправить срок",
      ),
    ),
  );
  // A draft made from a template may have dozens of empty deadlines: the
  // lists below stay in sight.
  const list = h("div", { className: "tr-list" }, ...rows.slice(0, FIRST_ROWS));
  const more = h(
    "button",
    {
      className: "link-button tr-more",
      testId: "today-untracked-more",
      attrs: { type: "button" },
      onClick: () => {
        list.append(...rows.slice(FIRST_ROWS));
        more.remove();
      },
    },
    `Показать все (${rows.length})`,
  );
  more.hidden = rows.length <= FIRST_ROWS;
  return h(
    "section",
    { className: "editor-card tr-section tr-section-untracked", testId: "today-untracked" },
    h(
      "h2",
      { className: "card-title tr-section-title" },
      "Не отслеживаются",
      h("span", { className: "tr-section-count" }, String(items.length)),
    ),
    h(
      "p",
      { className: "tr-untracked-note" },
      `${plural(items.length, "мероприятие", "мероприятия", "мероприятий")} без сроков в периоде программы: в «Месяц», «График» и отчёт они не попадут, пока срок не исправлен или месяцы не указаны вручную.`,
    ),
    list,
    more,
  );
}

/** Counts per block; a block's title filters the lists above to it. */
function blockTable(t: TodayScreen, pick: (block: string) => void): HTMLElement {
  const table = h(
    "section",
    { className: "editor-card", testId: "today-blocks" },
    h("h2", { className: "card-title" }, "По блокам"),
    h(
      "table",
      { className: "tr-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { className: "tr-col-num" }, "№"),
          h("th", {}, "Блок"),
          h("th", { className: "tr-col-count" }, "Просрочено"),
          h("th", { className: "tr-col-count" }, "В этом месяце"),
          h("th", { className: "tr-col-count" }, "30 дней"),
          h("th", { className: "tr-col-count" }, "Выполнено"),
        ),
      ),
      h(
        "tbody",
        {},
        ...t.blocks.map((b) =>
          h(
            "tr",
            { testId: `today-block-${b.number}` },
            h("td", { className: "tr-col-num" }, b.number),
            h(
              "td",
              {},
              h(
                "button",
                { className: "link-button tr-block-pick", testId: `today-block-pick-${b.number}`, attrs: { type: "button", "data-block": b.number, title: "Показать сроки этого блока" } },
                b.title,
              ),
            ),
            h("td", { className: b.overdue > 0 ? "tr-col-count tr-count-bad" : "tr-col-count" }, String(b.overdue)),
            h("td", { className: "tr-col-count" }, String(b.this_month)),
            h("td", { className: "tr-col-count" }, String(b.next_30_days)),
            h("td", { className: "tr-col-count" }, `${b.done} из ${b.total}`),
          ),
        ),
      ),
    ),
  );
  // One listener for every block's title.
  table.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-block]") : null;
    const block = target?.dataset["block"];
    if (block !== undefined) pick(block);
  });
  return table;
}

/** The line under the heading: what is overdue, this month, the next 30 days. */
function summaryParts(t: TodayScreen, p: Programme): (string | HTMLElement)[] {
  const month = t.today.slice(0, 7);
  const outside = p.period.start > month || p.period.end < month;
  const parts: (string | HTMLElement)[] = [
    t.overdue.length > 0 ? `Просрочено ${plural(t.overdue.length, "срок", "срока", "сроков")}. ` : "Просроченных сроков нет. ",
    `В этом месяце — ${plural(t.this_month.length, "срок", "срока", "сроков")}, в следующие 30 дней — ${t.next_30_days.length}.`,
  ];
  if (outside) parts.push(` Сегодня вне периода программы (${formatMonth(p.period.start)} — ${formatMonth(p.period.end)}).`);
  // A draft made from a template has every past date "overdue": say why.
  if (p.status === "draft") {
    parts.push(h("span", { className: "tr-draft-note", testId: "today-draft" }, " Программа — проект: сроки посчитаны по проекту дорожной карты."));
  }
  return parts;
}

export const todayTab: EditorTab = {
  key: "today",
  title: "Сегодня",
  async render(ctx) {
    const t = await todayView(ctx.id, null);
    const p = ctx.programme();
    const month = t.today.slice(0, 7);
    // A mark changes its row in place; the counts above and below follow at
    // once from a fresh reading (the rows keep their places until reopened).
    let generation = 0;
    const recount = async (): Promise<void> => {
      const mine = ++generation;
      const fresh = await todayView(ctx.id, null);
      if (mine !== generation) return;
      summary.replaceChildren(...summaryParts(fresh, p));
      const blocks = blockTable(fresh, pickBlock);
      blocksBox.replaceChildren(blocks);
    };
    const onChange = (): void => void recount().catch(() => undefined);
    const batch = new BatchMark(ctx, t.today, onChange);
    const overdue = section(ctx, "today-overdue", "Просрочено", t.overdue, t.today, "Просроченных сроков нет.", "overdue", onChange, batch);
    const thisMonth = section(
      ctx,
      "today-month",
      `В этом месяце — ${formatMonth(month)}`,
      t.this_month,
      t.today,
      "В этом месяце сроков нет.",
      "month",
      onChange,
      batch,
    );
    const next = section(ctx, "today-next", "Следующие 30 дней", t.next_30_days, t.today, "В ближайшие 30 дней сроков нет.", "next", onChange, batch);
    const filters = filterBar(ctx.id, p, () => {
      const f = filtersOf(ctx.id);
      const shownRows = overdue.apply(f) + thisMonth.apply(f) + next.apply(f);
      // The bar counts only the rows the filters leave on screen.
      batch.refresh();
      return shownRows;
    });
    const summary = h("p", { className: "tr-summary", testId: "today-summary" }, ...summaryParts(t, p));
    const pickBlock = (block: string): void => {
      const select = filters.querySelector<HTMLSelectElement>('[data-testid="filter-block"]');
      if (select === null) return;
      select.value = block;
      select.dispatchEvent(new Event("change"));
      filters.scrollIntoView({ block: "start", behavior: "smooth" });
    };
    const blocksBox = h("div", { className: "tr-blocks-box" }, blockTable(t, pickBlock));
    return h(
      "div",
      { className: "tracking", testId: "tab-today" },
      h(
        "div",
        { className: "tr-head" },
        h("h2", { className: "tr-title" }, "Сегодня, ", h("span", { testId: "today-date" }, formatDate(t.today))),
        summary,
      ),
      filters,
      untrackedCard(ctx, t.untracked),
      batch.element,
      overdue.element,
      thisMonth.element,
      next.element,
      blocksBox,
    );
  },
};
