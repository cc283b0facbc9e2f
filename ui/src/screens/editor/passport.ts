// Паспорт tab: the passport as the two-column table it prints as. Labels are
// editable, contents are blocks of rich text; the «Задачи» row edits the
// programme's tasks (numbered as printed, never typed).
//
// data-testid (N = row number from 1, M = block number from 1, T = task
// number from 1): tab-passport, passport-table, passport-row-N (data-uid,
// data-key), passport-label-N, passport-row-N-up / -down / -delete,
// passport-N-block-M-kind / -text / -preview / -delete,
// passport-N-add-paragraph, passport-N-add-list, passport-add-row,
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

/** `working` is the row's copy shared with its label, so each edit sends both. */
function contentEditor(ctx: EditorContext, working: PassportRow, n: number): HTMLElement {
  const send = (): void => quietly(ctx, { op: "put_passport_row", row: structuredClone(working) });
  const save = (focus: string): void => {
    void commit(ctx, { op: "put_passport_row", row: structuredClone(working) }).then(() => focusTestId(focus));
  };
  const blocks = working.content.map((block, index) => {
    const prefix = `passport-${n}-block-${index + 1}`;
    return h(
      "div",
      { className: "rich-block" },
      h(
        "div",
        { className: "rich-block-tools" },
        kindSelect(`${prefix}-kind`, block.type, TEXT_KINDS, (kind) => {
          working.content[index] = convertBlock(block, kind as TextKind);
          save(`${prefix}-text`);
        }),
        button("✕", `${prefix}-delete`, () => {
          working.content.splice(index, 1);
          save(`passport-${n}-add-paragraph`);
        }, { title: "Удалить блок", className: "icon-button icon-danger" }),
      ),
      textBlockBody(block, prefix, send),
    );
  });
  const add = (block: TextBlock): void => {
    working.content.push(block);
    save(`passport-${n}-block-${working.content.length}-text`);
  };
  return h(
    "div",
    { className: "rich-editor" },
    ...blocks,
    h(
      "div",
      { className: "rich-add" },
      button("+ Абзац", `passport-${n}-add-paragraph`, () => add({ type: "paragraph", text: "" })),
      button("+ Список", `passport-${n}-add-list`, () => add({ type: "numbered", items: [] })),
    ),
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
