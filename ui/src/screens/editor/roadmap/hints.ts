// The hint under each «Сроки» cell: how the core reads the deadline
// («сентябрь 2024 – май 2025», «не распознано — укажите месяцы вручную»),
// or the months set by hand. While the user types, the phrase is described
// live (describe_deadline); after a save, the stored schedules
// (item_schedules) are shown, unless the cell already holds newer typing.

import { describeDeadline, itemSchedules } from "../../../api.js";
import type { Programme, ScheduleView } from "../../../api.js";
import { findItem } from "./data.js";
import type { ItemRow } from "./rows.js";

export interface HintsHost {
  readonly id: number;
  programme(): Programme;
  itemRows(): Iterable<ItemRow>;
}

/** The hint's words for a schedule, and whether it warns. */
export function hintOf(view: ScheduleView, phrase: string): { text: string; warn: boolean } {
  if (view.manual) return { text: `указано вручную: ${view.description}`, warn: false };
  if (phrase.trim() === "") return { text: "", warn: false };
  if (!view.recognized) return { text: "не распознано — укажите месяцы вручную", warn: true };
  // The description already says which dates fall outside the period.
  return { text: view.description, warn: view.outside_period };
}

export class Hints {
  private readonly host: HintsHost;
  private schedules = new Map<string, ScheduleView>();
  private seq = 0;

  constructor(host: HintsHost) {
    this.host = host;
  }

  /** The stored schedule of an item, as last fetched. */
  scheduleOf(uid: string): ScheduleView | undefined {
    return this.schedules.get(uid);
  }

  /** Fetches every item's stored schedule and shows it. */
  async refresh(): Promise<void> {
    const seq = ++this.seq;
    const views = await itemSchedules(this.host.id);
    if (seq !== this.seq) return;
    this.schedules = new Map(views.map((v) => [v.item, v]));
    for (const row of this.host.itemRows()) this.show(row);
  }

  private show(row: ItemRow): void {
    const view = this.schedules.get(row.uid);
    const typed = row.fields.get("deadline")?.value ?? "";
    const saved = findItem(this.host.programme(), row.uid)?.deadline;
    // While the user types ahead of the last save, the live hint is newer.
    if (view === undefined || (!view.manual && typed !== saved)) return;
    this.paint(row, view, typed);
  }

  private paint(row: ItemRow, view: ScheduleView, phrase: string): void {
    row.hintFor = phrase;
    const { text, warn } = hintOf(view, phrase);
    if (row.hintText.textContent !== text) row.hintText.textContent = text;
    row.hint.classList.toggle("warn", warn);
    row.hint.classList.toggle("manual", view.manual);
    row.autoButton.hidden = !view.manual;
  }

  /** Describes what is typed in «Сроки» now; a late answer to older typing is dropped. */
  async live(row: ItemRow): Promise<void> {
    const seq = ++row.hintSeq;
    const phrase = row.fields.get("deadline")?.value ?? "";
    const manual = this.schedules.get(row.uid);
    if (manual?.manual === true) return;
    try {
      const view = await describeDeadline(this.host.programme().period, phrase);
      if (seq !== row.hintSeq) return;
      this.paint(row, { ...view, manual: false }, phrase);
    } catch (error) {
      console.error("describe_deadline failed:", error);
    }
  }
}
