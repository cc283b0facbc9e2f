// The roadmap tab: blocks and items as a table shaped like the printed one
// (view.ts and its parts), and the request of another tab to open it on one
// item.

import type { EditorContext, EditorTab } from "../tab.js";
import type { CellKey } from "./table.js";
import { RoadmapView } from "./view.js";

/** A cell another tab asked to show (the Сегодня notice of untracked items, a readiness problem). */
let revealRequest: { programme: number; uid: string; field: CellKey | number } | null = null;

/**
 * Opens on a cell the next time this programme's roadmap is shown: an
 * item's (Сроки unless told; a year's text by its year) or, for a block's
 * uid, its title.
 */
export function revealOnOpen(programme: number, uid: string, field: CellKey | number = "deadline"): void {
  revealRequest = { programme, uid, field };
}

export const roadmapTab: EditorTab = {
  key: "roadmap",
  title: "Дорожная карта",
  async render(ctx: EditorContext): Promise<HTMLElement> {
    const started = performance.now();
    const view = new RoadmapView(ctx);
    view.build();
    const built = performance.now();
    await view.refreshSchedules();
    const scheduled = performance.now();
    view.root.dataset["buildMs"] = String(Math.round(built - started));
    view.root.dataset["schedulesMs"] = String(Math.round(scheduled - built));
    ctx.onReload((programme) => {
      // A re-rendered tab replaces this one; a detached view must not act.
      if (!view.root.isConnected) return;
      view.setModel(programme);
      view.sync(true);
      void view.refreshSchedules();
    });
    const whenShown = (): void => {
      if (!view.root.isConnected) {
        requestAnimationFrame(whenShown);
        return;
      }
      const shown = performance.now();
      view.sizeAll();
      const request = revealRequest;
      if (request !== null && request.programme === ctx.id) {
        revealRequest = null;
        view.reveal(request.uid, request.field);
      } else {
        view.restoreLastFocus();
      }
      view.root.dataset["sizeMs"] = String(Math.round(performance.now() - shown));
      const ms = Math.round(performance.now() - started);
      view.root.dataset["renderMs"] = String(ms);
      console.info(`roadmap: ${ctx.programme().roadmap.blocks.reduce((n, b) => n + b.items.length, 0)} items shown in ${ms} ms`);
    };
    requestAnimationFrame(whenShown);
    return view.root;
  },
};
