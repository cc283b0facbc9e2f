// Text pasted from Word and Excel, made into what the editor stores: running
// text with Word's soft line breaks joined, list lines without their typed
// markers, rows of cells from a copied table. Pure functions with no DOM
// (unit-tested in ui/tests/).

/** Normalises pasted running text: tabs and stray line breaks become spaces. */
export function cleanParagraph(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\u00a0/g, " ")
    .replace(/\t+/g, " ")
    // A line break inside a sentence (Word's soft wrap) joins the lines; an
    // empty line or a break after final punctuation keeps the paragraph.
    .replace(/([^\n.!?:;])\n(?=[^\n])/g, "$1 ")
    .replace(/\n{2,}/g, "\n")
    .replace(/ {2,}/g, " ")
    .trim();
}

// A marker must be followed by a space or a letter, so that «1.5 ставки» or
// «-5 °C» keep their numbers.
const LIST_MARKER = /^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-zа-яё]\)|[-–—•·*▪●○◦§])(?=\s|\p{L})\s*/iu;

/** Strips a typed or pasted list marker («1.», «1)», «–», «•») from a line. */
export function stripMarker(line: string): string {
  return line.replace(LIST_MARKER, "");
}

/** Pasted lines of a list: markers stripped, tabs gone, empty lines dropped. */
export function cleanListPaste(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => stripMarker(line.replace(/\u00a0/g, " ").replace(/\t+/g, " ")).replace(/ {2,}/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** The items of a list textarea: one per line, markers stripped, empty lines dropped. */
export function listItems(value: string): string[] {
  return value
    .split("\n")
    .map((line) => stripMarker(line).trim())
    .filter((line) => line !== "");
}

/**
 * The cells of tab-separated text as Excel and Word put a copied table on
 * the clipboard: a tab between cells, a line per row; a cell that holds line
 * breaks, tabs or quotes comes in double quotes, with each quote in it
 * doubled. The cells are as pasted (not trimmed); a last line break ends the
 * last row and does not start another.
 */
export function splitTabular(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/\r\n?/g, "\n");
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"' && cell === "") {
      quoted = true;
    } else if (c === "\t") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += c;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Rows of a tab-separated block (Excel, a Word table) for a simple table: each cell on one line, empty rows dropped. */
export function parseTabular(text: string): string[][] {
  return splitTabular(text)
    .map((cells) => cells.map((c) => c.replace(/\s+/g, " ").trim()))
    .filter((cells) => cells.some((c) => c !== ""));
}
