// Разделы tab: the text sections, numbered in the programme's own style
// (shape.ts: I., 1., «Раздел 1.», none, restarts) as printed, each a list
// of blocks: paragraphs, lists, simple tables (a tab-separated block pasted
// from Excel or Word becomes rows), the risk table, SWOT, and the places
// where the indicator table and the roadmap are printed.
//
// data-testid (N = section from 1, M = block from 1, P = section-N-block-M,
// R = row from 1, C = column from 1): tab-sections, section-N (data-uid),
// section-title-N, section-number-N, section-N-unnumbered, section-N-renumber
// (-style, -start), section-N-up / -down / -delete, section-add,
// P (data-type), P-kind, P-text, P-preview, P-up, P-down, P-delete;
// table: P-col-C, P-col-C-delete, P-cell-R-C, P-row-R-delete, P-add-row,
// P-add-col; risks: P-by-stage, P-stage-R, P-risk-R, P-mitigation-R,
// P-risk-R-delete, P-add-risk; SWOT: P-strengths, P-weaknesses,
// P-opportunities, P-threats; add: section-N-add-paragraph / -list /
// -table / -risks / -swot / -indicators / -roadmap.

import { h } from "../../dom.js";
import type { Risk, Section, SectionBlock, SectionStyle, TextBlock } from "../../api.js";
import { headingNumbers } from "../../shape.js";
import { SECTION_STYLES, sectionsShapeCard } from "./shape.js";
import { cleanListPaste, cleanParagraph, listItems, parseTabular } from "../../pasted.js";
import {
  altArrows,
  button,
  commit,
  focusTestId,
  quietly,
  rowTools,
  textField,
} from "./fields.js";
import { TEXT_KINDS, convertBlock, kindSelect, textBlockBody, type TextKind } from "./richtext.js";
import type { EditorContext, EditorTab } from "./tab.js";

type TableBlock = Extract<SectionBlock, { type: "table" }>;
type RisksBlock = Extract<SectionBlock, { type: "risks" }>;
type SwotBlock = Extract<SectionBlock, { type: "swot" }>;

const BLOCK_NAMES: Record<SectionBlock["type"], string> = {
  paragraph: "Абзац",
  numbered: "Нумерованный список",
  bulleted: "Маркированный список",
  table: "Таблица",
  risks: "Риски и пути их минимизации",
  swot: "SWOT-анализ",
  indicators: "Таблица показателей",
  roadmap: "Дорожная карта",
};

interface SectionEditing {
  ctx: EditorContext;
  working: Section;
  /** Sends the section after typing (queued, no re-render). */
  send(): void;
  /** Sends the section now and re-renders, then focuses `focus`. */
  save(focus?: string): void;
}

function isText(block: SectionBlock): block is TextBlock {
  return block.type === "paragraph" || block.type === "numbered" || block.type === "bulleted";
}

function cell(testId: string, value: string, label: string, assign: (v: string) => void, ed: SectionEditing): HTMLTextAreaElement {
  const field = textField({
    testId,
    value,
    multiline: true,
    rows: 1,
    className: "field field-cell",
    label,
    onPaste: cleanParagraph,
    send: (typed) => {
      assign(typed);
      ed.send();
    },
  }) as HTMLTextAreaElement;
  return field;
}

function tableEditor(block: TableBlock, prefix: string, ed: SectionEditing): HTMLElement {
  const width = block.columns.length;
  /** Pastes a tab-separated block at (row, column), adding rows and columns as needed. */
  const pasteAt = (row: number, column: number, text: string): boolean => {
    const grid = parseTabular(text);
    if (grid.length <= 1 && (grid[0]?.length ?? 0) <= 1) return false;
    for (const [r, cells] of grid.entries()) {
      const target = row + r;
      while (block.columns.length < column + cells.length) {
        block.columns.push("");
        for (const existing of block.rows) existing.push("");
      }
      while (block.rows.length <= target) block.rows.push(block.columns.map(() => ""));
      const line = block.rows[target];
      if (line === undefined) continue;
      cells.forEach((value, c) => (line[column + c] = value));
    }
    ed.save(`${prefix}-cell-${row + 1}-${column + 1}`);
    return true;
  };
  const pasteHandler = (row: number, column: number) => (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData("text/plain") ?? "";
    if (!text.includes("\t") && !text.trim().includes("\n")) return;
    if (pasteAt(row, column, text)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  const head = h(
    "tr",
    {},
    ...block.columns.map((column, c) => {
      const field = cell(`${prefix}-col-${c + 1}`, column, `Заголовок столбца ${c + 1}`, (v) => (block.columns[c] = v), ed);
      return h(
        "th",
        {},
        field,
        button("✕", `${prefix}-col-${c + 1}-delete`, () => {
          block.columns.splice(c, 1);
          for (const row of block.rows) row.splice(c, 1);
          ed.save(`${prefix}-add-col`);
        }, { title: "Удалить столбец", className: "icon-button icon-danger", disabled: width <= 1 }),
      );
    }),
    h("th", { className: "col-tools" }),
  );
  const body = block.rows.map((row, r) =>
    h(
      "tr",
      {},
      ...row.map((value, c) => {
        const field = cell(`${prefix}-cell-${r + 1}-${c + 1}`, value, `Строка ${r + 1}, столбец ${c + 1}`, (v) => (row[c] = v), ed);
        field.addEventListener("paste", pasteHandler(r, c), { capture: true });
        return h("td", {}, field);
      }),
      h(
        "td",
        { className: "col-tools" },
        button("✕", `${prefix}-row-${r + 1}-delete`, () => {
          block.rows.splice(r, 1);
          ed.save(`${prefix}-add-row`);
        }, { title: "Удалить строку", className: "icon-button icon-danger" }),
      ),
    ),
  );
  return h(
    "div",
    { className: "block-table" },
    h("div", { className: "table-scroll" }, h("table", { className: "doc-table simple-table" }, h("thead", {}, head), h("tbody", {}, ...body))),
    h(
      "div",
      { className: "rich-add" },
      button("+ Строка", `${prefix}-add-row`, () => {
        block.rows.push(block.columns.map(() => ""));
        ed.save(`${prefix}-cell-${block.rows.length}-1`);
      }),
      button("+ Столбец", `${prefix}-add-col`, () => {
        block.columns.push("");
        for (const row of block.rows) row.push("");
        ed.save(`${prefix}-col-${block.columns.length}`);
      }),
      h("span", { className: "field-hint" }, "Можно вставить в ячейку строки, скопированные из Excel или таблицы Word."),
    ),
  );
}

function risksEditor(block: RisksBlock, prefix: string, ed: SectionEditing): HTMLElement {
  const byStage = h("input", { testId: `${prefix}-by-stage`, attrs: { type: "checkbox" } });
  byStage.checked = block.by_stage;
  byStage.addEventListener("change", () => {
    block.by_stage = byStage.checked;
    ed.save(`${prefix}-by-stage`);
  });
  const field = (testId: string, value: string, label: string, assign: (v: string) => void): HTMLElement =>
    h("td", {}, cell(testId, value, label, assign, ed));
  const rows = block.rows.map((risk: Risk, r) =>
    h(
      "tr",
      {},
      block.by_stage ? field(`${prefix}-stage-${r + 1}`, risk.stage, "Этап", (v) => (risk.stage = v)) : null,
      field(`${prefix}-risk-${r + 1}`, risk.risk, "Риск", (v) => (risk.risk = v)),
      field(`${prefix}-mitigation-${r + 1}`, risk.mitigation, "Пути минимизации", (v) => (risk.mitigation = v)),
      h(
        "td",
        { className: "col-tools" },
        button("✕", `${prefix}-risk-${r + 1}-delete`, () => {
          block.rows.splice(r, 1);
          ed.save(`${prefix}-add-risk`);
        }, { title: "Удалить риск", className: "icon-button icon-danger" }),
      ),
    ),
  );
  return h(
    "div",
    { className: "block-risks" },
    h("label", { className: "checkbox" }, byStage, " Столбец «Этап»"),
    h(
      "div",
      { className: "table-scroll" },
      h(
        "table",
        { className: "doc-table simple-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            block.by_stage ? h("th", { className: "col-stage" }, "Этап") : null,
            h("th", {}, "Риск"),
            h("th", {}, "Пути минимизации"),
            h("th", { className: "col-tools" }),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
    button("+ Риск", `${prefix}-add-risk`, () => {
      block.rows.push({ stage: "", risk: "", mitigation: "" });
      ed.save(`${prefix}-${block.by_stage ? "stage" : "risk"}-${block.rows.length}`);
    }),
  );
}

function swotEditor(block: SwotBlock, prefix: string, ed: SectionEditing): HTMLElement {
  const quadrant = (key: "strengths" | "weaknesses" | "opportunities" | "threats", title: string): HTMLElement =>
    h(
      "div",
      { className: `swot-quadrant swot-${key}` },
      h("h4", { className: "swot-title" }, title),
      textField({
        testId: `${prefix}-${key}`,
        value: block[key].join("\n"),
        multiline: true,
        rows: Math.max(3, block[key].length),
        className: "field field-multiline field-list",
        label: `${title}: пункт на строке`,
        placeholder: "Каждый пункт — с новой строки",
        onPaste: cleanListPaste,
        send: (value) => {
          block[key] = listItems(value);
          ed.send();
        },
      }),
    );
  return h(
    "div",
    { className: "swot-grid" },
    quadrant("strengths", "Сильные стороны"),
    quadrant("weaknesses", "Слабые стороны"),
    quadrant("opportunities", "Возможности"),
    quadrant("threats", "Угрозы"),
  );
}

function blockEditor(ed: SectionEditing, block: SectionBlock, n: number, index: number): HTMLElement {
  const prefix = `section-${n}-block-${index + 1}`;
  const count = ed.working.body.length;
  const move = (to: number): void => {
    const [moved] = ed.working.body.splice(index, 1);
    if (moved === undefined) return;
    ed.working.body.splice(to, 0, moved);
    ed.save(`section-${n}-block-${to + 1}-up`);
  };
  let body: HTMLElement;
  let kind: HTMLElement;
  if (isText(block)) {
    kind = kindSelect(`${prefix}-kind`, block.type, TEXT_KINDS, (value) => {
      ed.working.body[index] = convertBlock(block, value as TextKind);
      ed.save(`${prefix}-text`);
    });
    body = textBlockBody(block, prefix, ed.send);
  } else {
    kind = h("span", { className: "block-kind", testId: `${prefix}-kind` }, BLOCK_NAMES[block.type]);
    switch (block.type) {
      case "table":
        body = tableEditor(block, prefix, ed);
        break;
      case "risks":
        body = risksEditor(block, prefix, ed);
        break;
      case "swot":
        body = swotEditor(block, prefix, ed);
        break;
      case "indicators":
        body = h("p", { className: "placeholder-block" }, "Здесь печатается таблица показателей (заполняется на вкладке «Показатели»)");
        break;
      case "roadmap":
        body = h("p", { className: "placeholder-block" }, "Здесь печатается дорожная карта (заполняется на вкладке «Дорожная карта»)");
        break;
    }
  }
  const element = h(
    "div",
    { className: `section-block block-${block.type}`, testId: prefix, attrs: { "data-type": block.type } },
    h(
      "div",
      { className: "rich-block-tools" },
      kind,
      rowTools(prefix, index, count, {
        move,
        remove: () => {
          ed.working.body.splice(index, 1);
          ed.save(`section-title-${n}`);
        },
        removeTitle: "Удалить блок",
      }),
    ),
    body,
  );
  altArrows(element, index, count, move);
  return element;
}

function addBar(ed: SectionEditing, n: number): HTMLElement {
  const add = (name: string, text: string, make: () => SectionBlock, focus: (m: number) => string): HTMLElement =>
    button(text, `section-${n}-add-${name}`, () => {
      ed.working.body.push(make());
      ed.save(focus(ed.working.body.length));
    });
  const p = (m: number): string => `section-${n}-block-${m}`;
  return h(
    "div",
    { className: "rich-add" },
    add("paragraph", "+ Абзац", () => ({ type: "paragraph", text: "" }), (m) => `${p(m)}-text`),
    add("list", "+ Список", () => ({ type: "numbered", items: [] }), (m) => `${p(m)}-text`),
    add("table", "+ Таблица", () => ({ type: "table", columns: ["", ""], rows: [["", ""]] }), (m) => `${p(m)}-col-1`),
    add("risks", "+ Риски", () => ({ type: "risks", by_stage: false, rows: [{ stage: "", risk: "", mitigation: "" }] }), (m) => `${p(m)}-risk-1`),
    add("swot", "+ SWOT", () => ({ type: "swot", strengths: [], weaknesses: [], opportunities: [], threats: [] }), (m) => `${p(m)}-strengths`),
    add("indicators", "+ Место таблицы показателей", () => ({ type: "indicators" }), (m) => `${p(m)}-up`),
    add("roadmap", "+ Место дорожной карты", () => ({ type: "roadmap" }), (m) => `${p(m)}-up`),
  );
}

/** «без номера» and «нумеровать заново с …» of one section: each change is one PutSection. */
function numberingControls(ed: SectionEditing, n: number): HTMLElement {
  const working = ed.working;
  const unnumbered = h("input", { testId: `section-${n}-unnumbered`, attrs: { type: "checkbox" } });
  unnumbered.checked = working.unnumbered;
  unnumbered.addEventListener("change", () => {
    working.unnumbered = unnumbered.checked;
    ed.save(`section-${n}-unnumbered`);
  });
  const restart = h("input", { testId: `section-${n}-renumber`, attrs: { type: "checkbox" } });
  restart.checked = working.renumber !== null;
  const style = h(
    "select",
    { className: "field field-select", testId: `section-${n}-renumber-style`, attrs: { "aria-label": "Нумерация с этого раздела" } },
    ...SECTION_STYLES.map(([value, text]) => h("option", { attrs: { value } }, text)),
  );
  const start = h("input", { className: "field field-number", testId: `section-${n}-renumber-start`, attrs: { type: "number", min: "0", step: "1", "aria-label": "Номер этого раздела" } });
  const hint = h("span", { className: "field-hint" });
  const show = (): void => {
    style.value = working.renumber?.style ?? "arabic";
    start.value = String(working.renumber?.start ?? 1);
    style.disabled = working.renumber === null;
    start.disabled = working.renumber === null;
  };
  show();
  restart.addEventListener("change", () => {
    working.renumber = restart.checked ? { style: "arabic", start: 1 } : null;
    ed.save(`section-${n}-renumber`);
  });
  style.addEventListener("change", () => {
    if (working.renumber === null) return;
    working.renumber.style = style.value as SectionStyle;
    ed.save(`section-${n}-renumber-style`);
  });
  start.addEventListener("change", () => {
    const value = Number(start.value.trim());
    if (working.renumber === null) return;
    if (!Number.isInteger(value) || value < 0 || value > 9999) {
      hint.textContent = "Введите целое число от 0 до 9999.";
      return;
    }
    hint.textContent = "";
    working.renumber.start = value;
    ed.save(`section-${n}-renumber-start`);
  });
  return h(
    "div",
    { className: "section-numbering" },
    h("label", { className: "checkbox" }, unnumbered, " без номера"),
    h("label", { className: "checkbox" }, restart, " нумеровать заново с этого раздела:"),
    style,
    h("span", { className: "field-hint" }, "номер"),
    start,
    hint,
  );
}

function sectionEditor(ctx: EditorContext, section: Section, index: number, count: number, number: string): HTMLElement {
  const n = index + 1;
  const working: Section = structuredClone(section);
  const ed: SectionEditing = {
    ctx,
    working,
    send: () => quietly(ctx, { op: "put_section", section: structuredClone(working) }),
    save: (focus) => {
      void commit(ctx, { op: "put_section", section: structuredClone(working) }).then(() => {
        if (focus !== undefined) focusTestId(focus);
      });
    },
  };
  const move = (to: number): void => {
    void commit(ctx, { op: "move", list: "sections", uid: section.uid, to }).then(() => focusTestId(`section-title-${to + 1}`));
  };
  // A textarea: the heading's own line breaks print as typed.
  const title = textField({
    testId: `section-title-${n}`,
    value: working.title,
    multiline: true,
    rows: 1,
    className: "field field-multiline section-title-field",
    label: number === "" ? `Название раздела (${n}-го по порядку)` : `Название раздела ${number}`,
    placeholder: "Название раздела",
    send: (value) => {
      working.title = value;
      ed.send();
    },
  });
  const head = h(
    "div",
    { className: "section-head" },
    h("span", { className: "section-number", testId: `section-number-${n}` }, number === "" ? "—" : number),
    title,
    rowTools(`section-${n}`, index, count, {
      move,
      remove: () => void commit(ctx, { op: "delete", list: "sections", uid: section.uid }),
      removeTitle: "Удалить раздел",
    }),
  );
  // Alt+arrows on the title move the section; inside a block they move the block.
  altArrows(head, index, count, move);
  return h(
    "section",
    { className: "editor-card section-card", testId: `section-${n}`, attrs: { "data-uid": section.uid } },
    head,
    numberingControls(ed, n),
    ...working.body.map((block, m) => blockEditor(ed, block, n, m)),
    addBar(ed, n),
  );
}

export const sectionsTab: EditorTab = {
  key: "sections",
  title: "Разделы",
  render(ctx: EditorContext) {
    const programme = ctx.programme();
    const sections = programme.sections;
    const numbers = headingNumbers(programme.layout, sections);
    return h(
      "div",
      { className: "tab-sections", testId: "tab-sections" },
      sectionsShapeCard(ctx),
      ...sections.map((section, index) => sectionEditor(ctx, section, index, sections.length, numbers.sections[index] ?? "")),
      button("+ Раздел", "section-add", () => {
        void commit(ctx, { op: "put_section", section: { uid: "", title: "", body: [{ type: "paragraph", text: "" }], unnumbered: false, renumber: null } }).then(() =>
          focusTestId(`section-title-${sections.length + 1}`),
        );
      }, { className: "button" }),
      h("p", { className: "field-hint" }, "Alt+↑ / Alt+↓ — переместить раздел (курсор в названии) или блок (курсор в блоке)."),
    );
  },
};
