// «Перейти» from a readiness problem to the field it names. The core gives
// each problem a path into the programme (crates/core/src/readiness.rs):
// `act.signatory_name`, `passport[3].content[0]`, `sections[1].body[2]`,
// `indicators[0].plan[2026]`, `roadmap.blocks[0].items[4].deadline`. Here a
// path becomes the editor tab that holds the field and the field's
// data-testid (or, in the roadmap, the row's uid and cell); the shell
// focuses it and scrolls it into view once the tab is on screen.

import type { Programme } from "../../api.js";
import type { Field } from "./roadmap/data.js";

export type Place =
  | { tab: string; testIds: string[] }
  | { tab: "roadmap"; uid: string; field: Field | "title" | number; testIds: string[] };

const ITEM_FIELDS: readonly string[] = ["activity", "deadline", "responsible", "expected_result", "planned_value"];

const ACT_FIELDS: Record<string, string> = {
  title: "act-title",
  place: "act-place",
  preamble: "act-preamble",
  formula: "act-formula",
  signatory_position: "act-signatory-position",
  signatory_name: "act-signatory-name",
  executor: "act-executor",
  number: "act-number",
  issuer: "act-issuer",
  date: "act-date",
  kind: "act-kind",
};

/** The tab and the field a readiness path names; null when the path is not one the editor shows. */
export function placeOf(programme: Programme, path: string): Place | null {
  let m: RegExpMatchArray | null;
  if (path === "title") return { tab: "act", testIds: ["editor-title"] };
  if (path.startsWith("period")) return { tab: "act", testIds: ["editor-period-start"] };
  if ((m = path.match(/^act\.points\[(\d+)\]/)) !== null) {
    return { tab: "act", testIds: [`act-point-${Number(m[1]) + 1}`, "act-point-add"] };
  }
  if ((m = path.match(/^act\.([a-z_]+)/)) !== null) {
    const id = ACT_FIELDS[m[1] ?? ""];
    return { tab: "act", testIds: id === undefined ? ["act-title"] : [id] };
  }
  if (path === "act") return { tab: "act", testIds: ["act-add", "act-title"] };
  if (path.startsWith("appendix")) return { tab: "act", testIds: ["mark-issuer"] };
  if ((m = path.match(/^passport\[(\d+)\](?:\.(label|content)(?:\[(\d+)\])?)?/)) !== null) {
    const n = Number(m[1]) + 1;
    const row = programme.passport[n - 1];
    if (m[2] === "label") return { tab: "passport", testIds: [`passport-label-${n}`] };
    const block = m[3] === undefined ? 1 : Number(m[3]) + 1;
    const ids = [`passport-${n}-block-${block}-text`, `passport-${n}-block-1-text`];
    if (row?.key === "tasks") ids.push("task-1", "task-add");
    ids.push(`passport-${n}-add-paragraph`, `passport-${n}-manual`, `passport-label-${n}`);
    return { tab: "passport", testIds: ids };
  }
  if (path === "passport") return { tab: "passport", testIds: ["passport-add-row"] };
  if ((m = path.match(/^tasks\[(\d+)\]/)) !== null) {
    return { tab: "passport", testIds: [`task-${Number(m[1]) + 1}`, "task-add"] };
  }
  if ((m = path.match(/^sections\[(\d+)\](?:\.(title|body)(?:\[(\d+)\])?)?/)) !== null) {
    const n = Number(m[1]) + 1;
    if (m[2] === "body" && m[3] !== undefined) {
      const block = `section-${n}-block-${Number(m[3]) + 1}`;
      // A paragraph or a list has one text; a table, risks or SWOT: their first field.
      return { tab: "sections", testIds: [`${block}-text`, block, `section-title-${n}`] };
    }
    return { tab: "sections", testIds: [`section-title-${n}`] };
  }
  if ((m = path.match(/^indicators\[(\d+)\](?:\.([a-z_]+)(?:\[(\d+)\])?)?/)) !== null) {
    const n = Number(m[1]) + 1;
    const ids: string[] = [];
    switch (m[2]) {
      case "plan":
      case "fact":
        if (m[3] !== undefined) ids.push(`indicator-${m[2]}-${n}-${m[3]}`);
        break;
      case "unit":
        ids.push(`indicator-unit-${n}`);
        break;
      case "base_value":
        ids.push(`indicator-base-${n}`);
        break;
      case "base_year":
        ids.push(`indicator-base-year-${n}`);
        break;
      case "task":
        ids.push(`indicator-task-${n}`);
        break;
      default:
        break;
    }
    ids.push(`indicator-name-${n}`);
    return { tab: "indicators", testIds: ids };
  }
  if ((m = path.match(/^roadmap\.blocks\[(\d+)\](?:\.items\[(\d+)\](?:\.([a-z_]+)(?:\[(\d+)\])?)?|\.(title))?/)) !== null) {
    const block = programme.roadmap.blocks[Number(m[1])];
    if (block === undefined) return { tab: "roadmap", testIds: [] };
    if (m[2] === undefined) return { tab: "roadmap", uid: block.uid, field: "title", testIds: [] };
    const item = block.items[Number(m[2])];
    if (item === undefined) return { tab: "roadmap", uid: block.uid, field: "title", testIds: [] };
    const field = m[3] ?? "deadline";
    if (field === "per_year" && m[4] !== undefined) return { tab: "roadmap", uid: item.uid, field: Number(m[4]), testIds: [] };
    return { tab: "roadmap", uid: item.uid, field: ITEM_FIELDS.includes(field) ? (field as Field) : "deadline", testIds: [] };
  }
  if (path.startsWith("roadmap")) return { tab: "roadmap", testIds: ["roadmap-add-block"] };
  return null;
}

/** A field asked for from another tab, shown when that tab is next drawn. */
let pending: { programme: number; tab: string; testIds: string[] } | null = null;

export function revealOnTab(programme: number, tab: string, testIds: string[]): void {
  pending = { programme, tab, testIds };
}

function focusable(element: HTMLElement): HTMLElement {
  if (element.matches("input, textarea, select, button")) return element;
  return element.querySelector<HTMLElement>("textarea, input, select, button") ?? element;
}

/**
 * After the shell drew `tab` of `programme`: focuses the field asked for
 * and scrolls it to the middle of the window (the first of its test ids
 * that is on the page). The tab may still be putting its parts in, so it
 * looks for a few seconds.
 */
export function revealPending(programme: number, tab: string): void {
  const request = pending;
  if (request === null || request.programme !== programme || request.tab !== tab) return;
  pending = null;
  const started = performance.now();
  const attempt = (): void => {
    for (const id of request.testIds) {
      const found = document.querySelector<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`);
      if (found === null) continue;
      const target = focusable(found);
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
      target.classList.add("revealed");
      window.setTimeout(() => target.classList.remove("revealed"), 2500);
      // A tab that draws its parts late may take the focus with it; put it
      // back once, unless she has moved on to another field.
      window.setTimeout(() => {
        const now = document.activeElement;
        if (target.isConnected && (now === null || now === document.body)) target.focus({ preventScroll: true });
      }, 400);
      return;
    }
    if (performance.now() - started < 5000) window.setTimeout(attempt, 50);
  };
  requestAnimationFrame(attempt);
}
