// Паспорт tab: the passport as the two-column table it prints as. Labels are
// editable, contents are blocks of rich text; the «Задачи» row edits the
// programme's tasks (numbered as printed, never typed).
//
// data-testid (N = row number from 1, M = block number from 1, T = task
// number from 1): tab-passport, passport-table, passport-row-N (data-uid,
// data-key), passport-label-N, passport-row-N-up / -down / -delete,
// passport-N-block-M-kind / -text / -preview / -delete,
// passport-N-add-paragraph, passport-N-add-list, passport-add-row;
// sub-rows (S from 2): passport-N-add-subrow, passport-N-subrow (the first,
// once there are several), passport-N-sub-S-subrow, passport-N-sub-S-block-M-*,
// passport-N-sub-S-add-paragraph / -list, passport-N[-sub-S]-sub-up / -down / -delete;
// tasks-list, task-T, task-T-up / -down / -delete, task-add.

import { h } from "../../dom.js";
import type { PassportRow, Task, TextBlock } from "../../api.js";
import { stripMarker } from "../../pasted.js";
import { altArrows, button, commit, focusTestId, quietly, rowTools, textField } from "./fields.js";
import { TEXT_KINDS, convertBlock, kindSelect, textBlockBody, type TextKind } from "./richtext.js";
import type { EditorContext, EditorTab } from "./tab.js";

function tasksEditor(ctx: EditorContext): HTMLElement {
  const tasks = ctx.programme().tasks;
  const move = (task: Task, to: number): void => {
    void commit(ctx, { op: "move", list: "tasks", uid: task.uid, to }).then(() => focusTestId(`task-${to + 1}`));
  };
  const list = h(
    "ol",
    { className: "tasks-list", testId: "tasks-list" },
    ...tasks.map((task, index) => {
      const working: Task = { ...task };
      const field = textField({
        testId: `task-${index + 1}`,
        value: task.text,
        multiline: true,
        rows: 2,
        label: `Задача ${index + 1}`,
        onPaste: (text) => stripMarker(text.replace(/\s+/g, " ").trim()),
        send: (value) => {
          working.text = value.replace(/\s*\n\s*/g, " ");
          quietly(ctx, { op: "put_task", task: { ...working } });
        },
      });
      // Enter in a task starts the next one, as in a list in Word.
      (field as HTMLElement).addEventListener("keydown", (event) => {
        if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey) return;
        event.preventDefault();
        void commit(ctx, { op: "put_task", at: index + 1, task: { uid: "", text: "" } }).then(() => focusTestId(`task-${index + 2}`));
      });
      const li = h(
        "li",
        { className: "task", attrs: { "data-uid": task.uid } },
        h("span", { className: "list-number" }, `${index + 1}.`),
        field,
        rowTools(`task-${index + 1}`, index, tasks.length, {
          move: (to) => move(task, to),
          remove: () => void commit(ctx, { op: "delete", list: "tasks", uid: task.uid }),
          removeTitle: "Удалить задачу",
        }),
      );
      altArrows(li, index, tasks.length, (to) => move(task, to));
      return li;
    }),
  );
  return h(
    "div",
    { className: "tasks-editor" },
    list,
    button("+ Задача", "task-add", () => {
      void commit(ctx, { op: "put_task", task: { uid: "", text: "" } }).then(() => focusTestId(`task-${tasks.length + 1}`));
    }),
    h("p", { className: "field-hint" }, "Enter — следующая задача. Номера задач ставятся сами; по ним показатели связываются с задачами."),
  );
}

/** The row's content rows: `content` is the first, `subrows` the rest (PassportRow, version 2). */
function parts(row: PassportRow): TextBlock[][] {
  return [row.content, ...row.subrows];
}

function setParts(row: PassportRow, all: TextBlock[][]): void {
  row.content = all[0] ?? [];
  row.subrows = all.slice(1);
}

/**
 * The blocks of one content row. `prefix` names its controls: the first
 * keeps the names it always had (passport-N-block-M), a further sub-row S
 * is passport-N-sub-S-block-M.
 */
function blocksEditor(blocksOf: TextBlock[], prefix: string, send: () => void, save: (focus: string) => void): HTMLElement {
  const blocks = blocksOf.map((block, index) => {
    const blockPrefix = `${prefix}-block-${index + 1}`;
    return h(
      "div",
      { className: "rich-block" },
      h(
        "div",
        { className: "rich-block-tools" },
        kindSelect(`${blockPrefix}-kind`, block.type, TEXT_KINDS, (kind) => {
          blocksOf[index] = convertBlock(block, kind as TextKind);
          save(`${blockPrefix}-text`);
        }),
        button("✕", `${blockPrefix}-delete`, () => {
          blocksOf.splice(index, 1);
          save(`${prefix}-add-paragraph`);
        }, { title: "Удалить блок", className: "icon-button icon-danger" }),
      ),
      textBlockBody(block, blockPrefix, send),
    );
  });
  const add = (block: TextBlock): void => {
    blocksOf.push(block);
    save(`${prefix}-block-${blocksOf.length}-text`);
  };
  return h(
    "div",
    { className: "rich-editor" },
    ...blocks,
    h(
      "div",
      { className: "rich-add" },
      button("+ Абзац", `${prefix}-add-paragraph`, () => add({ type: "paragraph", text: "" })),
      button("+ Список", `${prefix}-add-list`, () => add({ type: "numbered", items: [] })),
    ),
  );
}

/** `working` is the row's copy shared with its label, so each edit sends both. */
function contentEditor(ctx: EditorContext, working: PassportRow, n: number): HTMLElement {
  const send = (): void => quietly(ctx, { op: "put_passport_row", row: structuredClone(working) });
  const save = (focus: string): void => {
    void commit(ctx, { op: "put_passport_row", row: structuredClone(working) }).then(() => focusTestId(focus));
  };
  const all = parts(working);
  const prefixOf = (s: number): string => (s === 0 ? `passport-${n}` : `passport-${n}-sub-${s + 1}`);
  const moveSub = (from: number, to: number): void => {
    const [moved] = all.splice(from, 1);
    if (moved === undefined) return;
    all.splice(to, 0, moved);
    setParts(working, all);
    save(`${prefixOf(to)}-sub-up`);
  };
  const subs = all.map((blocksOf, s) => {
    const editor = blocksEditor(blocksOf, prefixOf(s), send, save);
    if (all.length === 1) return editor;
    const tools = h(
      "div",
      { className: "subrow-tools" },
      h("span", { className: "block-kind" }, `Подстрока ${s + 1} из ${all.length}`),
      rowTools(`${prefixOf(s)}-sub`, s, all.length, {
        move: (to) => moveSub(s, to),
        remove: () => {
          all.splice(s, 1);
          setParts(working, all);
          save(`passport-${n}-add-subrow`);
        },
        removeTitle: "Удалить подстроку",
      }),
    );
    const element = h("div", { className: "passport-subrow", testId: `${prefixOf(s)}-subrow` }, tools, editor);
    altArrows(tools, s, all.length, (to) => moveSub(s, to));
    return element;
  });
  return h(
    "div",
    { className: "passport-subrows" },
    ...subs,
    button("+ Подстрока", `passport-${n}-add-subrow`, () => {
      all.push([{ type: "paragraph", text: "" }]);
      setParts(working, all);
      save(`${prefixOf(all.length - 1)}-block-1-text`);
    }, { title: "Ещё одна строка содержания под тем же названием; в печати её отделяет линия" }),
  );
}

function rowElement(ctx: EditorContext, row: PassportRow, index: number, count: number): HTMLElement {
  const n = index + 1;
  const working: PassportRow = structuredClone(row);
  const label = textField({
    testId: `passport-label-${n}`,
    value: row.label,
    multiline: true,
    rows: 2,
    className: "field field-multiline passport-label-field",
    label: "Название строки паспорта",
    send: (value) => {
      working.label = value.replace(/\s*\n\s*/g, " ");
      quietly(ctx, { op: "put_passport_row", row: structuredClone(working) });
    },
  });
  const move = (to: number): void => {
    void commit(ctx, { op: "move", list: "passport", uid: row.uid, to }).then(() => focusTestId(`passport-label-${to + 1}`));
  };
  const tr = h(
    "tr",
    { className: "passport-row", testId: `passport-row-${n}`, attrs: { "data-uid": row.uid, "data-key": row.key } },
    h(
      "th",
      { className: "passport-label", attrs: { scope: "row" } },
      label,
      rowTools(`passport-row-${n}`, index, count, {
        move,
        remove: () => void commit(ctx, { op: "delete", list: "passport", uid: row.uid }),
        removeTitle: "Удалить строку паспорта",
      }),
    ),
    h("td", { className: "passport-content" }, row.key === "tasks" ? tasksEditor(ctx) : contentEditor(ctx, working, n)),
  );
  altArrows(tr, index, count, move);
  return tr;
}

export const passportTab: EditorTab = {
  key: "passport",
  title: "Паспорт",
  render(ctx: EditorContext) {
    const rows = ctx.programme().passport;
    return h(
      "div",
      { className: "tab-passport", testId: "tab-passport" },
      h("h3", { className: "doc-heading" }, "ПАСПОРТ ПРОГРАММЫ"),
      h(
        "table",
        { className: "doc-table passport-table", testId: "passport-table" },
        h("tbody", {}, ...rows.map((row, index) => rowElement(ctx, row, index, rows.length))),
      ),
      button("+ Строка паспорта", "passport-add-row", () => {
        void commit(ctx, {
          op: "put_passport_row",
          row: { uid: "", key: "custom", label: "", content: [{ type: "paragraph", text: "" }], subrows: [] },
        }).then(() => focusTestId(`passport-label-${rows.length + 1}`));
      }, { className: "button" }),
      h("p", { className: "field-hint" }, "Alt+↑ / Alt+↓ — переместить строку, в которой стоит курсор."),
    );
  },
};
