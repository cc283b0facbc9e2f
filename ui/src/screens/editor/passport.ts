// Паспорт tab: the passport as the two-column table it prints as. Labels are
// editable, contents are blocks of rich text; the «Задачи» row edits the
// programme's tasks (numbered as printed, never typed). The rows that repeat
// the data (name, tasks, indicators, terms; docs/design.md §2, «Passport») show what
// the data gives them while they are filled from it, with «Изменить
// вручную», and offer «Заполнять из данных» once she typed them.
//
// data-testid (N = row number from 1, M = block number from 1, T = task
// number from 1): tab-passport, passport-table, passport-row-N (data-uid,
// data-key, data-filled="true" while filled from the data),
// passport-label-N, passport-row-N-up / -down / -delete,
// passport-N-block-M-kind / -text / -preview / -delete,
// passport-N-add-paragraph, passport-N-add-list, passport-N-derived (what
// the data gives), passport-N-manual («Изменить вручную»),
// passport-N-from-data («Заполнять из данных»), passport-add-row,
// tasks-list, task-T, task-T-up / -down / -delete, task-add.

import { derivedPassport } from "../../api.js";
import { h } from "../../dom.js";
import type { DerivedRow, PassportRow, Task, TextBlock } from "../../api.js";
import { stripMarker } from "../../pasted.js";
import { altArrows, button, commit, focusTestId, quietly, rowTools, textField } from "./fields.js";
import { removeTask } from "./refusals.js";
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
          remove: () => removeTask(ctx, task, index, li),
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

/** Where the data of a derived row is typed, for the note under it. */
const SOURCES: Record<string, string> = {
  name: "из названия программы (над вкладками)",
  tasks: "из задач программы",
  indicators: "из показателей (вкладка «Показатели»): название и единица измерения",
  terms: "из периода программы (поля «Начало» и «Окончание» над вкладками)",
};

/** What a derived row prints, read-only, as the printed cell shows it. */
function derivedView(content: TextBlock[], testId: string): HTMLElement {
  const view = h("div", { className: "passport-derived", testId });
  for (const block of content) {
    if (block.type === "paragraph") {
      view.append(h("p", {}, block.text));
    } else {
      const numbered = block.type === "numbered";
      view.append(
        h(
          "ol",
          { className: numbered ? "list-preview list-numbered" : "list-preview list-bulleted" },
          ...block.items.map((item, i) => h("li", {}, h("span", { className: "list-number" }, numbered ? `${i + 1}.` : "–"), item)),
        ),
      );
    }
  }
  if (content.length === 0) view.append(h("p", { className: "field-hint" }, "Пока пусто: заполните данные, и строка заполнится сама."));
  return view;
}

/** The right column of a row that can repeat the data. */
function derivableContent(ctx: EditorContext, row: PassportRow, working: PassportRow, derived: DerivedRow, n: number): HTMLElement {
  const source = SOURCES[row.key] ?? "из данных программы";
  if (derived.filled) {
    const view = derivedView(derived.content, `passport-${n}-derived`);
    if (row.key === "name") {
      // The title is typed above the tabs: the row follows it as she types.
      const title = document.querySelector<HTMLTextAreaElement>('[data-testid="editor-title"]');
      const follow = (): void => {
        if (!view.isConnected) {
          title?.removeEventListener("input", follow);
          return;
        }
        const text = title?.value.replace(/\s+/g, " ").trim() ?? "";
        view.replaceChildren(...derivedView(text === "" ? [] : [{ type: "paragraph", text }], "").childNodes);
      };
      title?.addEventListener("input", follow);
    }
    const manual = button("Изменить вручную", `passport-${n}-manual`, () => {
      // Her text starts from what the data says now.
      const typed: PassportRow = { ...structuredClone(working), from_data: false, content: structuredClone(derived.content) };
      if (typed.content.length === 0) typed.content = [{ type: "paragraph", text: "" }];
      void commit(ctx, { op: "put_passport_row", row: typed }).then(() => focusTestId(`passport-${n}-block-1-text`));
    });
    return h(
      "div",
      { className: "passport-filled" },
      row.key === "tasks" ? tasksEditor(ctx) : view,
      h("p", { className: "field-hint passport-source" }, `Заполняется ${source}. `, manual),
    );
  }
  const fromData = button("Заполнять из данных", `passport-${n}-from-data`, () => {
    const filled: PassportRow = { ...structuredClone(working), from_data: true, content: [] };
    void commit(ctx, { op: "put_passport_row", row: filled }).then(() => focusTestId(`passport-${n}-manual`));
  });
  return h(
    "div",
    { className: "passport-typed" },
    contentEditor(ctx, working, n),
    h("p", { className: "field-hint passport-source" }, `Строка набрана вручную; её можно заполнять ${source}. `, fromData),
    // Tasks are the programme's own list (indicators refer to them) whatever the row prints.
    ...(row.key === "tasks" ? [h("p", { className: "field-hint" }, "Задачи программы:"), tasksEditor(ctx)] : []),
  );
}

function rowElement(ctx: EditorContext, row: PassportRow, index: number, count: number, derived: DerivedRow | undefined): HTMLElement {
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
  const attrs: Record<string, string> = { "data-uid": row.uid, "data-key": row.key };
  if (derived?.filled === true) attrs["data-filled"] = "true";
  const content =
    derived !== undefined
      ? derivableContent(ctx, row, working, derived, n)
      : row.key === "tasks"
        ? tasksEditor(ctx)
        : contentEditor(ctx, working, n);
  const tr = h(
    "tr",
    { className: derived?.filled === true ? "passport-row passport-row-filled" : "passport-row", testId: `passport-row-${n}`, attrs },
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
    h("td", { className: "passport-content" }, content),
  );
  altArrows(tr, index, count, move);
  return tr;
}

export const passportTab: EditorTab = {
  key: "passport",
  title: "Паспорт",
  async render(ctx: EditorContext) {
    const rows = ctx.programme().passport;
    const derived = new Map((await derivedPassport(ctx.id)).map((d) => [d.uid, d]));
    return h(
      "div",
      { className: "tab-passport", testId: "tab-passport" },
      h("h3", { className: "doc-heading" }, "ПАСПОРТ ПРОГРАММЫ"),
      h(
        "table",
        { className: "doc-table passport-table", testId: "passport-table" },
        h("tbody", {}, ...rows.map((row, index) => rowElement(ctx, row, index, rows.length, derived.get(row.uid)))),
      ),
      button("+ Строка паспорта", "passport-add-row", () => {
        void commit(ctx, {
          op: "put_passport_row",
          row: { uid: "", key: "custom", label: "", content: [{ type: "paragraph", text: "" }] },
        }).then(() => focusTestId(`passport-label-${rows.length + 1}`));
      }, { className: "button" }),
      h("p", { className: "field-hint" }, "Alt+↑ / Alt+↓ — переместить строку, в которой стоит курсор."),
    );
  },
};
