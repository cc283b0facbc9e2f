// The roadmap tab: blocks and items as a table shaped like the printed one
// (view.ts and its parts), and the request of another tab to open it on one
// item.

import type { EditorContext, EditorTab } from "../tab.js";
import { RoadmapView } from "./view.js";

/** An item another tab asked to show (the Сегодня notice of untracked items). */
let revealRequest: { programme: number; uid: string } | null = null;

/** Opens on `uid`'s Сроки cell the next time this programme's roadmap is shown. */
export function revealOnOpen(programme: number, uid: string): void {
  revealRequest = { programme, uid };
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
        view.reveal(request.uid);
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
