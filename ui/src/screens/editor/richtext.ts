// Editing one block of rich text (paragraph, numbered or bulleted list), used
// by the passport rows and the sections. A list is typed one item per line;
// its numbers or bullets are shown beside it as they will be printed and are
// never typed (markers pasted from Word are stripped).
//
// data-testid (with the caller's prefix P): P-kind, P-text (the paragraph
// or the list's lines), P-preview (the list as printed), P-delete, P-up,
// P-down.

import { h } from "../../dom.js";
import type { TextBlock } from "../../api.js";
import { cleanListPaste, cleanParagraph, listItems } from "../../pasted.js";
import { textField } from "./fields.js";

export type TextKind = TextBlock["type"];

export const TEXT_KINDS: [TextKind, string][] = [
  ["paragraph", "Абзац"],
  ["numbered", "Нумерованный список"],
  ["bulleted", "Маркированный список"],
];

/** The same text in another kind: paragraphs split into items by line and back. */
export function convertBlock(block: TextBlock, kind: TextKind): TextBlock {
  const lines = block.type === "paragraph" ? block.text.split("\n").map((l) => l.trim()).filter((l) => l !== "") : block.items;
  if (kind === "paragraph") return { type: "paragraph", text: lines.join("\n") };
  return { type: kind, items: lines };
}

export function kindSelect(testId: string, value: string, options: [string, string][], onChange: (kind: string) => void): HTMLSelectElement {
  const select = h(
    "select",
    { className: "field field-select field-kind", testId, attrs: { "aria-label": "Вид блока" } },
    ...options.map(([key, label]) => h("option", { attrs: { value: key } }, label)),
  );
  select.value = value;
  select.addEventListener("change", () => onChange(select.value));
  return select;
}

/**
 * The text area of a block. `block` is the caller's working copy: it is
 * updated in place before `send` is called.
 */
export function textBlockBody(block: TextBlock, testPrefix: string, send: () => void): HTMLElement {
  if (block.type === "paragraph") {
    return textField({
      testId: `${testPrefix}-text`,
      value: block.text,
      multiline: true,
      className: "field field-multiline field-paragraph",
      label: "Абзац",
      onPaste: cleanParagraph,
      send: (value) => {
        block.text = value;
        send();
      },
    });
  }
  const numbered = block.type === "numbered";
  const preview = h("ol", {
    className: numbered ? "list-preview list-numbered" : "list-preview list-bulleted",
    testId: `${testPrefix}-preview`,
    attrs: { "aria-label": "Так список будет напечатан" },
  });
  const showPreview = (items: string[]): void => {
    preview.replaceChildren(
      ...items.map((item, i) => h("li", {}, h("span", { className: "list-number" }, numbered ? `${i + 1}.` : "–"), item)),
    );
  };
  const field = textField({
    testId: `${testPrefix}-text`,
    value: block.items.join("\n"),
    multiline: true,
    className: "field field-multiline field-list",
    label: numbered ? "Нумерованный список: пункт на строке" : "Маркированный список: пункт на строке",
    placeholder: "Каждый пункт — с новой строки, без номеров",
    onPaste: cleanListPaste,
    send: (value) => {
      block.items = listItems(value);
      send();
    },
  });
  field.addEventListener("input", () => showPreview(listItems(field.value)));
  showPreview(block.items);
  return h(
    "div",
    { className: "list-editor" },
    field,
    h("div", { className: "list-preview-box" }, h("span", { className: "preview-caption" }, "В печати:"), preview),
  );
}
