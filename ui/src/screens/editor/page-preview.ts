// The page preview of a printed document, drawn by the same layout code as
// the PDF: the Печать tab shows the draft's pages, «Редакции» an approved
// edition's. Thumbnails come in small batches: the first pages at once,
// the rest as their placeholders scroll into view; a click shows one page
// large.
//
// data-testid: print-page-count, print-pages, print-thumb (data-index,
// data-loaded), print-large, print-large-close, print-preview-warnings,
// print-preview-error.

import { AppError } from "../../api.js";
import { h } from "../../dom.js";
import type { PreviewPages } from "../../api.js";

const THUMB_DPI = 60;
const LARGE_DPI = 130;
const FIRST_BATCH = 4;
const BATCH = 4;

/** Pages `first .. first + count` at `dpi`, with the page count. */
export type FetchPages = (dpi: number, first: number, count: number) => Promise<PreviewPages>;

export interface PagePreview {
  readonly element: HTMLElement;
  /** Draws the preview anew from `fetch`; an earlier load still running is forgotten. */
  load(fetch: FetchPages): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof AppError ? error.message : "Не удалось показать страницы.";
}

function thumbImage(page: PreviewPages["pages"][number]): HTMLElement[] {
  return [
    h("img", {
      className: "print-thumb-image",
      attrs: { src: page.src, alt: `Страница ${page.index + 1}`, width: String(page.width_px), height: String(page.height_px) },
    }),
    h("span", { className: "print-thumb-number" }, String(page.index + 1)),
  ];
}

export function pagePreview(): PagePreview {
  const pageCount = h("p", { className: "print-count", testId: "print-page-count" });
  const warnings = h("div", { testId: "print-preview-warnings" });
  const pages = h("div", { className: "print-pages", testId: "print-pages" });
  const large = h("div", { className: "print-large", testId: "print-large", attrs: { hidden: "" } });
  let generation = 0;
  let observer: IntersectionObserver | null = null;

  const showLarge = async (fetch: FetchPages, index: number, mine: number): Promise<void> => {
    large.hidden = false;
    large.replaceChildren(h("p", { className: "loading" }, `Страница ${index + 1}…`));
    try {
      const result = await fetch(LARGE_DPI, index, 1);
      if (mine !== generation) return;
      const page = result.pages[0];
      if (page === undefined) return;
      const close = h("button", { className: "button", testId: "print-large-close", attrs: { type: "button" } }, "Закрыть");
      close.addEventListener("click", () => {
        large.hidden = true;
        large.replaceChildren();
      });
      large.replaceChildren(
        h("div", { className: "print-large-bar" }, h("span", {}, `Страница ${index + 1} из ${result.page_count}`), close),
        h("img", { className: "print-large-image", attrs: { src: page.src, alt: `Страница ${index + 1}` } }),
      );
      large.scrollIntoView({ block: "nearest" });
    } catch (error) {
      large.replaceChildren(h("p", { className: "print-status error" }, message(error)));
    }
  };

  const fill = async (fetch: FetchPages, slots: HTMLElement[], first: number, count: number, mine: number): Promise<void> => {
    const result = await fetch(THUMB_DPI, first, count);
    if (mine !== generation) return;
    for (const page of result.pages) {
      const slot = slots[page.index];
      if (slot === undefined) continue;
      slot.dataset["loaded"] = "true";
      slot.replaceChildren(...thumbImage(page));
    }
  };

  const load = async (fetch: FetchPages): Promise<void> => {
    const mine = ++generation;
    observer?.disconnect();
    large.hidden = true;
    large.replaceChildren();
    warnings.replaceChildren();
    pages.replaceChildren(h("p", { className: "loading" }, "Подготовка предпросмотра…"));
    pageCount.textContent = "";
    try {
      const head = await fetch(THUMB_DPI, 0, FIRST_BATCH);
      if (mine !== generation) return;
      pageCount.textContent = `Страниц: ${head.page_count}`;
      const slots: HTMLElement[] = [];
      const ratio = head.pages[0] !== undefined ? head.pages[0].height_px / head.pages[0].width_px : 1.414;
      for (let i = 0; i < head.page_count; i++) {
        const slot = h("button", {
          className: "print-thumb",
          testId: "print-thumb",
          attrs: { type: "button", "data-index": String(i), "aria-label": `Страница ${i + 1}` },
        });
        slot.style.setProperty("--ratio", String(ratio));
        slot.addEventListener("click", () => void showLarge(fetch, i, mine));
        slots.push(slot);
      }
      pages.replaceChildren(...slots);
      for (const page of head.pages) {
        const slot = slots[page.index];
        if (slot === undefined) continue;
        slot.dataset["loaded"] = "true";
        slot.append(...thumbImage(page));
      }
      const pending = new Set<number>();
      observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const index = Number((entry.target as HTMLElement).dataset["index"]);
          if (pending.has(index) || slots[index]?.dataset["loaded"] === "true") continue;
          const first = index - (index % BATCH);
          const count = Math.min(BATCH, head.page_count - first);
          for (let i = first; i < first + count; i++) pending.add(i);
          void fill(fetch, slots, first, count, mine).catch((error) => {
            console.error("preview failed:", error);
            for (let i = first; i < first + count; i++) pending.delete(i);
          });
        }
      }, { rootMargin: "300px" });
      for (const slot of slots) if (slot.dataset["loaded"] !== "true") observer.observe(slot);
      for (const w of head.warnings) warnings.append(h("p", { className: "print-warning" }, w));
    } catch (error) {
      if (mine !== generation) return;
      pages.replaceChildren(h("p", { className: "print-status error", testId: "print-preview-error" }, message(error)));
    }
  };

  return { element: h("div", { className: "print-preview" }, pageCount, large, warnings, pages), load };
}
