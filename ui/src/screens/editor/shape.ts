// «Оформление»: the controls of the programme's own document shape
// (DocumentLayout, docs/design.md §2.7) on the tabs where she works: the
// roadmap's shape, numbering, heading and columns on «Дорожная карта»; the
// section numbering and the headings of the passport and the indicator
// table on «Разделы». Every change is one Edit::SetLayout (one undo step);
// the tab is drawn again from the stored programme after it.
//
// data-testid: shape-roadmap, shape-roadmap-kind, shape-roadmap-kind-hint,
// shape-block-numbering, shape-item-numbering, shape-roadmap-start,
// shape-roadmap-heading, shape-roadmap-example, shape-column-<kind>
// (-print, -header, -width, -default, -percent), shape-years-heading (-hint); shape-sections,
// shape-section-style, shape-section-start, shape-title-shown,
// shape-passport-heading, shape-passport-numbered, shape-indicators-heading;
// shape-preview-<roadmap|sections> (-label, -prev, -next): the live preview.

import { AppError, layoutProfiles, previewPages } from "../../api.js";
import { h } from "../../dom.js";
import type { BlockNumbering, ColumnKind, DocumentLayout, ItemNumbering, RoadmapColumn, SectionStyle } from "../../api.js";
import {
  COLUMN_KINDS,
  DEFAULT_HEADERS,
  DEFAULT_WIDTHS,
  blockLabel,
  columnPercents,
  effectiveColumns,
  itemLabel,
  toggleColumn,
} from "../../shape.js";
import { button, commit, labelled, textField } from "./fields.js";
import type { EditorContext } from "./tab.js";

function select<T extends string>(testId: string, value: T, options: [T, string][], label: string): HTMLSelectElement {
  const element = h(
    "select",
    { className: "field field-select", testId, attrs: { "aria-label": label } },
    ...options.map(([v, text]) => h("option", { attrs: { value: v } }, text)),
  );
  element.value = value;
  return element;
}

function numberField(testId: string, value: number, label: string, min: number): HTMLInputElement {
  const element = h("input", { className: "field field-number", testId, attrs: { type: "number", min: String(min), step: "1", "aria-label": label } });
  element.value = String(value);
  return element;
}

/** A whole number ≥ min typed in `field`, or null (the hint then says what to type). */
function wholeNumber(field: HTMLInputElement, min: number): number | null {
  const n = Number(field.value.trim());
  return Number.isInteger(n) && n >= min && n <= 9999 ? n : null;
}

function card(testId: string, title: string, open: boolean, ...children: (HTMLElement | null)[]): HTMLElement {
  const details = h(
    "details",
    { className: "editor-card shape-card", testId },
    h("summary", { className: "card-title shape-summary" }, title),
    ...children,
  );
  details.open = open;
  return details;
}

/** Whether the card was left open, so that a re-render after an edit keeps it open. */
const opened = new Set<string>();

function keepOpen(element: HTMLElement, key: string): HTMLElement {
  if (opened.has(key)) (element as HTMLDetailsElement).open = true;
  element.addEventListener("toggle", () => {
    if ((element as HTMLDetailsElement).open) opened.add(key);
    else opened.delete(key);
  });
  return element;
}

// ---- live preview ----

/** The page each card's preview showed last, so that it stays after an edit. */
const previewPage = new Map<string, number>();

/**
 * A page of the print preview (the same layout code as the PDF) beside the
 * options. The card is drawn again after each change, so the page is too;
 * it is drawn only while the card is open, to spare the machine.
 */
export function livePreview(ctx: EditorContext, key: string, firstPage: "first" | "last", card: HTMLElement): { element: HTMLElement; redraw: () => void } {
  const image = h("div", { className: "shape-preview-page", testId: `shape-preview-${key}` });
  const label = h("span", { className: "shape-preview-label", testId: `shape-preview-${key}-label` });
  let count = 0;
  let seq = 0;
  const draw = async (): Promise<void> => {
    const mine = ++seq;
    image.replaceChildren(h("p", { className: "loading" }, "Подготовка предпросмотра…"));
    try {
      const profile = (await layoutProfiles())[0]?.name ?? "";
      const mode = ctx.programme().act === null ? "appendix_only" : "whole_act";
      // «first»: the first page after the act's own page (the passport), when there is an act.
      const first = mode === "whole_act" ? 1 : 0;
      const asked = previewPage.get(key) ?? (firstPage === "first" ? first : Number.MAX_SAFE_INTEGER);
      let result = await previewPages(ctx.id, mode, profile, 60, Math.max(0, asked), 1, null);
      if (result.pages.length === 0 && result.page_count > 0) {
        result = await previewPages(ctx.id, mode, profile, 60, result.page_count - 1, 1, null);
      }
      if (mine !== seq) return;
      count = result.page_count;
      const page = result.pages[0];
      if (page === undefined) {
        image.replaceChildren(h("p", { className: "field-hint" }, "Печатать нечего."));
        return;
      }
      previewPage.set(key, page.index);
      label.textContent = `Страница ${page.index + 1} из ${count}`;
      image.replaceChildren(h("img", { className: "shape-preview-image", attrs: { src: page.src, alt: `Страница ${page.index + 1}` } }));
    } catch (error) {
      if (mine !== seq) return;
      image.replaceChildren(h("p", { className: "print-status error" }, error instanceof AppError ? error.message : "Не удалось построить предпросмотр."));
    }
  };
  const step = (delta: number): void => {
    const now = previewPage.get(key) ?? 0;
    const next = Math.min(Math.max(0, now + delta), Math.max(0, count - 1));
    previewPage.set(key, next);
    void draw();
  };
  const start = (): void => {
    if ((card as HTMLDetailsElement).open) void draw();
  };
  card.addEventListener("toggle", start);
  // Drawn once the card is on screen (after a re-render it is already open).
  requestAnimationFrame(start);
  const element = h(
    "div",
    { className: "shape-preview" },
    h(
      "div",
      { className: "shape-preview-bar" },
      button("‹", `shape-preview-${key}-prev`, () => step(-1), { title: "Предыдущая страница", className: "icon-button" }),
      label,
      button("›", `shape-preview-${key}-next`, () => step(1), { title: "Следующая страница", className: "icon-button" }),
    ),
    image,
  );
  return { element, redraw: start };
}

/** Options on the left, the page on the right (stacked on a narrow window). */
function withPreview(ctx: EditorContext, key: string, firstPage: "first" | "last", element: HTMLElement): () => void {
  const body = [...element.children].filter((child) => child.tagName !== "SUMMARY");
  const options = h("div", { className: "shape-options" }, ...(body as HTMLElement[]));
  const preview = livePreview(ctx, key, firstPage, element);
  element.append(h("div", { className: "shape-layout" }, options, preview.element));
  return preview.redraw;
}

/** A typed text is sent; the preview is drawn again once it is stored. */
function sendTyped(ctx: EditorContext, layout: DocumentLayout, redraw: () => void): void {
  ctx.apply({ op: "set_layout", layout: structuredClone(layout) }).then(redraw, () => {});
}

// ---- roadmap ----

const BLOCK_CHOICES: [BlockNumbering, string][] = [
  ["dot", "«1.»"],
  ["plain", "«1»"],
  ["none", "без номера"],
];

const ITEM_CHOICES_BLOCKS: [ItemNumbering, string][] = [
  ["nested", "«1.1» — внутри блока"],
  ["nested_dot", "«1.1.» — внутри блока"],
  ["flat", "«1» — подряд через все блоки"],
  ["flat_dot", "«1.» — подряд через все блоки"],
  ["none", "без номера"],
];

const ITEM_CHOICES_FLAT: [ItemNumbering, string][] = [
  ["flat", "«1»"],
  ["flat_dot", "«1.»"],
  ["none", "без номера"],
];

/** The numbers the first rows would get, e.g. «1. · 1.1 · 1.2 · 2. · 2.1». */
function example(layout: DocumentLayout): string {
  const r = layout.roadmap;
  if (r.shape === "flat") return [0, 1, 2].map((i) => itemLabel(r, 0, i, 0) || "—").join(" · ") + " …";
  const parts: string[] = [];
  for (const bi of [0, 1]) {
    parts.push(`[${blockLabel(r, bi) || "блок"}]`);
    for (const ii of [0, 1]) parts.push(itemLabel(r, bi, ii, bi * 2) || "—");
  }
  return parts.join(" · ") + " …";
}

/** `typed`: called with the layout once a text typed on the card is stored. */
export function roadmapShapeCard(ctx: EditorContext, typed: (layout: DocumentLayout) => void = () => {}): HTMLElement {
  const programme = ctx.programme();
  const layout: DocumentLayout = structuredClone(programme.layout);
  const r = layout.roadmap;
  const save = (): void => void commit(ctx, { op: "set_layout", layout: structuredClone(layout) });
  let preview = (): void => {};
  const redraw = (): void => {
    preview();
    typed(structuredClone(layout));
  };
  const flat = r.shape === "flat";

  const kind = select("shape-roadmap-kind", r.shape, [
    ["blocks", "Блоки с мероприятиями"],
    ["flat", "Сплошной список, без блоков"],
  ], "Вид дорожной карты");
  const blocksCount = programme.roadmap.blocks.length;
  const kindHint = h(
    "span",
    { className: "field-hint", testId: "shape-roadmap-kind-hint" },
    flat
      ? "Строки блоков не печатаются, мероприятия всех блоков нумеруются подряд. Блоки остаются в редакторе: вернуть их можно здесь же или через «Отменить»."
      : blocksCount > 1
        ? `Сплошной список: строки ${blocksCount} блоков не будут напечатаны, мероприятия пойдут подряд (1, 2, 3 …). Ничего не удаляется.`
        : "Сплошной список: строка блока не печатается, мероприятия нумеруются 1, 2, 3 …",
  );
  kind.addEventListener("change", () => {
    r.shape = kind.value === "flat" ? "flat" : "blocks";
    // A nested style means nothing in a flat list: count on as its flat twin does.
    if (r.shape === "flat" && r.items === "nested") r.items = "flat";
    if (r.shape === "flat" && r.items === "nested_dot") r.items = "flat_dot";
    save();
  });

  const blockNumbering = select("shape-block-numbering", r.blocks, BLOCK_CHOICES, "Номер блока");
  blockNumbering.disabled = flat;
  blockNumbering.addEventListener("change", () => {
    r.blocks = blockNumbering.value as BlockNumbering;
    save();
  });
  const itemChoices = flat ? ITEM_CHOICES_FLAT : ITEM_CHOICES_BLOCKS;
  const shownItems: ItemNumbering = flat && r.items === "nested" ? "flat" : flat && r.items === "nested_dot" ? "flat_dot" : r.items;
  const itemNumbering = select("shape-item-numbering", shownItems, itemChoices, "Номер мероприятия");
  itemNumbering.addEventListener("change", () => {
    r.items = itemNumbering.value as ItemNumbering;
    save();
  });

  const startHint = h("span", { className: "field-hint" });
  const start = numberField("shape-roadmap-start", r.start, "Нумерация начинается с", 0);
  start.addEventListener("change", () => {
    const n = wholeNumber(start, 0);
    if (n === null) {
      startHint.textContent = "Введите целое число от 0 до 9999.";
      return;
    }
    startHint.textContent = "";
    r.start = n;
    save();
  });

  const heading = textField({
    testId: "shape-roadmap-heading",
    value: r.heading,
    multiline: true,
    rows: 2,
    label: "Заголовок дорожной карты",
    placeholder: "Пусто — без заголовка",
    send: (value) => {
      r.heading = value;
      sendTyped(ctx, layout, () => redraw());
    },
  });

  const yearsHeading = textField({
    testId: "shape-years-heading",
    value: r.years_heading,
    label: "Заголовок над столбцами по годам",
    placeholder: "Пусто — без заголовка",
    send: (value) => {
      r.years_heading = value;
      sendTyped(ctx, layout, () => redraw());
    },
  });
  const years = programme.roadmap.year_columns;
  const yearsHint = h(
    "span",
    { className: "field-hint", testId: "shape-years-heading-hint" },
    years.length > 0
      ? `Печатается над столбцами ${years.map((y) => `${y} г.`).join(", ")}`
      : "Печатается над столбцами по годам, когда они есть (флажок «Колонки по годам и «Планируемое значение»» над таблицей)",
  );

  const element = keepOpen(
    card(
      "shape-roadmap",
      "Оформление дорожной карты",
      false,
      labelled("Вид", kind, kindHint),
      h(
        "div",
        { className: "form-inline" },
        labelled("Номер блока", blockNumbering),
        labelled("Номер мероприятия", itemNumbering),
        labelled("Начинать с", start, startHint),
      ),
      h("p", { className: "field-hint shape-example", testId: "shape-roadmap-example" }, `Так пойдут номера: ${example(layout)}`),
      labelled("Заголовок над таблицей", heading, h("span", { className: "field-hint" }, "Печатается, если место таблицы не задано в разделе; переносы строк сохраняются")),
      columnsEditor(ctx, layout, () => redraw()),
      labelled("Заголовок столбцов по годам", yearsHeading, yearsHint),
    ),
    "roadmap",
  );
  preview = withPreview(ctx, "roadmap", "last", element);
  return element;
}

function columnsEditor(ctx: EditorContext, layout: DocumentLayout, redraw: () => void): HTMLElement {
  const r = layout.roadmap;
  const planned = ctx.programme().roadmap.blocks.some((b) => b.items.some((i) => i.planned_value.trim() !== ""));
  // The default set is materialised on the first change: from then on the
  // columns are the programme's own.
  const columns = (): RoadmapColumn[] => effectiveColumns(r, planned);
  const save = (next: RoadmapColumn[]): void => {
    r.columns = next;
    void commit(ctx, { op: "set_layout", layout: structuredClone(layout) });
  };
  const current = columns();
  const percents = columnPercents(current);
  const rows = COLUMN_KINDS.map((kind: ColumnKind) => {
    const index = current.findIndex((c) => c.kind === kind);
    const column = index >= 0 ? current[index] : undefined;
    const print = h("input", { testId: `shape-column-${kind}-print`, attrs: { type: "checkbox", "aria-label": `Печатать столбец «${DEFAULT_HEADERS[kind]}»` } });
    print.checked = column !== undefined;
    // «Мероприятие» always prints: a roadmap without its activities says nothing.
    print.disabled = kind === "activity";
    print.addEventListener("change", () => save(toggleColumn(columns(), kind, print.checked)));
    const header = textField({
      testId: `shape-column-${kind}-header`,
      value: column?.header ?? "",
      placeholder: DEFAULT_HEADERS[kind],
      label: `Заголовок столбца «${DEFAULT_HEADERS[kind]}»`,
      send: (value) => {
        const next = columns();
        const target = next.find((c) => c.kind === kind);
        if (target === undefined) return;
        target.header = value;
        r.columns = next;
        sendTyped(ctx, layout, redraw);
      },
    });
    const widthHint = h("span", { className: "field-hint" });
    const width = numberField(`shape-column-${kind}-width`, column?.width ?? DEFAULT_WIDTHS[kind], `Доля ширины столбца «${DEFAULT_HEADERS[kind]}»`, 1);
    width.addEventListener("change", () => {
      const n = Number(width.value.trim());
      if (!Number.isFinite(n) || n < 1 || n > 100) {
        widthHint.textContent = "Доля — число от 1 до 100.";
        return;
      }
      widthHint.textContent = "";
      const next = columns();
      const target = next.find((c) => c.kind === kind);
      if (target === undefined) return;
      target.width = n;
      save(next);
    });
    const reset = button("по умолчанию", `shape-column-${kind}-default`, () => {
      const next = columns();
      const target = next.find((c) => c.kind === kind);
      if (target === undefined) return;
      target.width = null;
      save(next);
    }, { title: `Доля по умолчанию: ${DEFAULT_WIDTHS[kind]}`, disabled: column === undefined || column.width === null || column.width === undefined });
    header.disabled = column === undefined;
    width.disabled = column === undefined;
    const percent = column === undefined ? "не печатается" : `≈ ${percents[index] ?? 0}% ширины`;
    return h(
      "tr",
      { testId: `shape-column-${kind}` },
      h("td", {}, h("label", { className: "checkbox" }, print, ` ${DEFAULT_HEADERS[kind]}`)),
      h("td", {}, header),
      // The share as a percent under its number: a fourth column would not fit an 800 px window.
      h("td", { className: "shape-width" }, width, reset, h("span", { className: "field-hint", testId: `shape-column-${kind}-percent` }, percent), widthHint),
    );
  });
  return h(
    "div",
    { className: "form-row" },
    h("span", { className: "form-label" }, "Столбцы в печати"),
    h(
      "div",
      { className: "form-control" },
      h(
        "div",
        { className: "table-scroll" },
        h(
          "table",
          { className: "doc-table simple-table shape-columns" },
          h("thead", {}, h("tr", {}, h("th", {}, "Печатать"), h("th", {}, "Заголовок в печати"), h("th", {}, "Доля ширины"))),
          h("tbody", {}, ...rows),
        ),
      ),
      h("span", { className: "field-hint" }, "Пустой заголовок — обычный. Доли сравниваются между собой: столбец с долей 30 вдвое шире столбца с долей 15. Столбцы по годам печатаются как прежде."),
    ),
  );
}

// ---- sections ----

export const SECTION_STYLES: [SectionStyle, string][] = [
  ["roman", "I. II. III."],
  ["arabic", "1. 2. 3."],
  ["razdel", "Раздел 1. Раздел 2."],
  ["razdel_roman", "Раздел I. Раздел II."],
  ["none", "без номеров"],
];

export function sectionsShapeCard(ctx: EditorContext): HTMLElement {
  const layout: DocumentLayout = structuredClone(ctx.programme().layout);
  const save = (): void => void commit(ctx, { op: "set_layout", layout: structuredClone(layout) });
  let redraw = (): void => {};
  const typed = (): void => sendTyped(ctx, layout, () => redraw());

  const style = select("shape-section-style", layout.sections.style, SECTION_STYLES, "Нумерация разделов");
  style.addEventListener("change", () => {
    layout.sections.style = style.value as SectionStyle;
    save();
  });
  const startHint = h("span", { className: "field-hint" });
  const start = numberField("shape-section-start", layout.sections.start, "Первый номер", 0);
  start.addEventListener("change", () => {
    const n = wholeNumber(start, 0);
    if (n === null) {
      startHint.textContent = "Введите целое число от 0 до 9999.";
      return;
    }
    startHint.textContent = "";
    layout.sections.start = n;
    save();
  });
  const checkbox = (testId: string, checked: boolean, text: string, assign: (v: boolean) => void): HTMLElement => {
    const box = h("input", { testId, attrs: { type: "checkbox" } });
    box.checked = checked;
    box.addEventListener("change", () => {
      assign(box.checked);
      save();
    });
    return h("label", { className: "checkbox" }, box, ` ${text}`);
  };
  const passportHeading = textField({
    testId: "shape-passport-heading",
    value: layout.passport_heading,
    multiline: true,
    rows: 1,
    placeholder: "Пусто — без заголовка",
    send: (value) => {
      layout.passport_heading = value;
      typed();
    },
  });
  const indicatorsHeading = textField({
    testId: "shape-indicators-heading",
    value: layout.indicators_heading,
    multiline: true,
    rows: 1,
    placeholder: "Целевые показатели программы",
    send: (value) => {
      layout.indicators_heading = value;
      typed();
    },
  });
  const element = keepOpen(
    card(
      "shape-sections",
      "Оформление: номера разделов и заголовки",
      false,
      h(
        "div",
        { className: "form-inline" },
        labelled("Нумерация разделов", style),
        labelled("Первый номер", start, startHint),
      ),
      labelled("Над паспортом", checkbox("shape-title-shown", layout.title_shown, "печатать название программы", (v) => (layout.title_shown = v))),
      labelled(
        "Заголовок паспорта",
        passportHeading,
        checkbox("shape-passport-numbered", layout.passport_numbered, "паспорт — первый нумерованный раздел («Раздел 1. Паспорт …»)", (v) => (layout.passport_numbered = v)),
      ),
      labelled("Заголовок таблицы показателей", indicatorsHeading, h("span", { className: "field-hint" }, "Печатается, если место таблицы не задано в разделе")),
      h("p", { className: "field-hint" }, "У каждого раздела ниже можно снять номер («без номера») или начать нумерацию заново."),
    ),
    "sections",
  );
  redraw = withPreview(ctx, "sections", "first", element);
  return element;
}
