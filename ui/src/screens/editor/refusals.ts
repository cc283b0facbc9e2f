// Deletions the core would refuse, caught where she clicked (issue #13,
// item 3): deleting a task an indicator is linked to says so beside the
// task's row, by the indicator's number and name, and offers the two ways
// forward as one undo step each (Edit::Batch): unlink the indicators, or
// delete them with the task.

import type { Edit, Indicator, Programme, Task } from "../../api.js";
import { commitBeside, showRefusal } from "./fields.js";
import type { EditorContext } from "./tab.js";

function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t === "") return "без названия";
  return t.length > 60 ? `${t.slice(0, 59).trimEnd()}…` : t;
}

/** «показателем 2 «Доля…»», «показателями 1 «…» и 3 «…»». */
function indicatorsNamed(p: Programme, linked: Indicator[]): string {
  const named = linked.map((ind) => `${p.indicators.indexOf(ind) + 1} «${short(ind.name)}»`);
  if (named.length === 1) return `показателем ${named[0]}`;
  return `показателями ${named.slice(0, -1).join(", ")} и ${named[named.length - 1]}`;
}

/** The refusal's words and the two batches, or null when no indicator is linked. */
export function taskDeletion(
  p: Programme,
  task: Task,
  index: number,
): { text: string; unlink: Edit; together: Edit } | null {
  const linked = p.indicators.filter((ind) => ind.task === task.uid);
  if (linked.length === 0) return null;
  const them = linked.length === 1 ? "его" : "их";
  const text = `Задача ${index + 1} не удалена: она связана с ${indicatorsNamed(p, linked)}. Сначала отвяжите ${them} или удалите вместе.`;
  const remove: Edit = { op: "delete", list: "tasks", uid: task.uid };
  const unlink: Edit = {
    op: "batch",
    label: `удаление задачи ${index + 1} (показатели отвязаны)`,
    edits: [...linked.map((ind): Edit => ({ op: "put_indicator", indicator: { ...ind, task: null } })), remove],
  };
  const together: Edit = {
    op: "batch",
    label: `удаление задачи ${index + 1} вместе с показателями`,
    edits: [...linked.map((ind): Edit => ({ op: "delete", list: "indicators", uid: ind.uid })), remove],
  };
  return { text, unlink, together };
}

/** The task's ✕: deleted at once, or the reason and the offer beside the row. */
export function removeTask(ctx: EditorContext, task: Task, index: number, row: HTMLElement): void {
  const testId = `task-${index + 1}-refusal`;
  const found = taskDeletion(ctx.programme(), task, index);
  if (found === null) {
    void commitBeside(ctx, { op: "delete", list: "tasks", uid: task.uid }, row, testId);
    return;
  }
  const many = found.text.includes("показателями");
  showRefusal(row, testId, found.text, [
    {
      label: many ? "Отвязать показатели и удалить задачу" : "Отвязать показатель и удалить задачу",
      testId: `${testId}-unlink`,
      run: () => void commitBeside(ctx, found.unlink, row, testId),
    },
    {
      label: many ? "Удалить вместе с показателями" : "Удалить вместе с показателем",
      testId: `${testId}-together`,
      run: () => void commitBeside(ctx, found.together, row, testId),
      danger: true,
    },
  ]);
}
