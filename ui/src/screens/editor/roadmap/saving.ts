// Sending the roadmap's edits. Typing is sent after a pause (or on leaving
// the cell), only if the row differs from what is stored; structural edits
// (add, move, delete, paste) run one after another, each on the programme
// as reloaded after the one before, and every edit is followed by a reload
// that brings the table in line with what is really stored.

import type { ItemInput, Programme } from "../../../api.js";
import type { EditorContext } from "../tab.js";
import { type Field, findItem, mergeYears, sameAsStored } from "./data.js";
import type { BlockRow, ItemRow } from "./rows.js";

const SAVE_DELAY_MS = 400;

export type RoadmapEdit = Parameters<EditorContext["apply"]>[0];

export interface SavingHost {
  readonly ctx: EditorContext;
  /** The tab's root: a detached tab (replaced after undo, say) sends nothing. */
  readonly root: HTMLElement;
  programme(): Programme;
  itemRows(): Iterable<ItemRow>;
  /** Reloads the programme and reconciles the table (`force`: overwrite typing too). */
  refresh(force: boolean): Promise<void>;
}

export class Saving {
  private readonly host: SavingHost;
  /** Structural edits (add, move, delete, paste) run one after another on a fresh model. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(host: SavingHost) {
    this.host = host;
  }

  /** Runs `fn` after every structural edit queued before it has finished. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Applies an edit and brings the table in line; errors are shown by the shell. Resolves with the new uid, or null if refused. */
  async run(edit: RoadmapEdit): Promise<string | null> {
    let uid: string | null = null;
    let failed = false;
    try {
      uid = (await this.host.ctx.apply(edit)).uid;
    } catch (error) {
      // The shell has shown the error; the table goes back to what is stored.
      console.error("edit refused:", error);
      failed = true;
    }
    try {
      await this.host.refresh(failed);
    } catch (error) {
      console.error("reload after an edit failed:", error);
    }
    return failed ? null : uid;
  }

  /** The item as its row's cells hold it now. */
  inputOf(row: ItemRow): ItemInput {
    const item = findItem(this.host.programme(), row.uid);
    const value = (f: Field): string => row.fields.get(f)?.value ?? (item?.[f] ?? "");
    let perYear = item?.per_year ?? [];
    if (row.years.size > 0) {
      perYear = mergeYears(perYear, [...row.years].map(([year, el]) => [year, el.value]));
    }
    return {
      activity: value("activity"),
      deadline: value("deadline"),
      responsible: value("responsible"),
      expected_result: value("expected_result"),
      planned_value: value("planned_value"),
      per_year: perYear,
    };
  }

  scheduleItem(row: ItemRow): void {
    if (row.timer !== null) window.clearTimeout(row.timer);
    row.timer = window.setTimeout(() => this.flushItem(row), SAVE_DELAY_MS);
  }

  /** Drops the row's pending typing without sending it. */
  cancel(row: ItemRow | BlockRow): void {
    if (row.timer !== null) window.clearTimeout(row.timer);
    row.timer = null;
  }

  /** Sends the row if it differs from the stored item. */
  flushItem(row: ItemRow): Promise<void> {
    if (row.timer !== null) {
      window.clearTimeout(row.timer);
      row.timer = null;
    }
    const item = findItem(this.host.programme(), row.uid);
    if (item === undefined) return Promise.resolve();
    const input = this.inputOf(row);
    if (sameAsStored(input, item) || !this.host.root.isConnected) return Promise.resolve();
    row.sending++;
    return this.run({ op: "put_item", block: row.block, uid: row.uid, item: input }).then(() => {
      row.sending--;
    });
  }

  /** Sends every row with typing still waiting for its pause. */
  flushAll(): Promise<void> {
    return Promise.all([...this.host.itemRows()].filter((r) => r.timer !== null).map((r) => this.flushItem(r))).then(() => undefined);
  }

  scheduleBlock(row: BlockRow): void {
    if (row.timer !== null) window.clearTimeout(row.timer);
    row.timer = window.setTimeout(() => this.flushBlock(row), SAVE_DELAY_MS);
  }

  flushBlock(row: BlockRow): void {
    if (row.timer !== null) {
      window.clearTimeout(row.timer);
      row.timer = null;
    }
    const block = this.host.programme().roadmap.blocks.find((b) => b.uid === row.uid);
    if (block === undefined || block.title === row.title.value || !this.host.root.isConnected) return;
    void this.run({ op: "put_block", uid: row.uid, title: row.title.value });
  }
}
