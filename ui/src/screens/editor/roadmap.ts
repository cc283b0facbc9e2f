// Дорожная карта tab. Owned by the other UI engineer: this first version only
// lists the blocks and items with their derived numbers so that the shell has
// a working tab; replace it freely (keep the export name `roadmapTab`).

import { h } from "../../dom.js";
import type { EditorContext, EditorTab } from "./tab.js";

export const roadmapTab: EditorTab = {
  key: "roadmap",
  title: "Дорожная карта",
  render(ctx: EditorContext) {
    const blocks = ctx.programme().roadmap.blocks;
    return h(
      "section",
      { className: "tab-roadmap", testId: "tab-roadmap" },
      ...blocks.map((block, b) =>
        h(
          "div",
          { className: "roadmap-block" },
          h("h3", { className: "roadmap-block-title" }, `${b + 1}. ${block.title}`),
          h(
            "ol",
            { className: "roadmap-items" },
            ...block.items.map((item, i) =>
              h("li", {}, `${b + 1}.${i + 1}. ${item.activity} — ${item.deadline}`),
            ),
          ),
        ),
      ),
    );
  },
};
