// The contract between the editor shell (shell.ts) and its tabs. The shell
// loads the programme, owns the save queue, the «Сохранено» indicator and
// undo/redo; a tab only renders and asks the context to apply edits.

import type { Applied, Edit, Programme } from "../../api.js";

export interface EditorContext {
  readonly id: number;
  /** The programme as last loaded (after every applied edit it is reloaded). */
  programme(): Programme;
  /**
   * Queues one edit. Edits are sent one at a time in order; the indicator
   * shows «Сохранение…» / «Сохранено» / the Russian error. Resolves with the
   * result (e.g. the uid of a new element), rejects with an AppError after
   * the error has been shown.
   */
  apply(edit: Edit): Promise<Applied>;
  /** Reloads the programme from the database and re-renders the tab. */
  reload(): Promise<void>;
  /** Shows in the save indicator that her typing was not stored, and why. */
  notSaved(message: string): void;
  /** Called after every reload; tabs that keep state may listen. */
  onReload(listener: (programme: Programme) => void): void;
}

export interface EditorTab {
  /** Route segment: #/programmes/:id/<key> */
  readonly key: string;
  /** Tab label in Russian. */
  readonly title: string;
  render(ctx: EditorContext): Promise<HTMLElement> | HTMLElement;
}
