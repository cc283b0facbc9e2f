// Helpers of the tests that use find (find.test.mjs, find-headers.test.mjs,
// shape-extra.test.mjs): the editor opened on a tab, Ctrl+<key>, typing,
// the panel's hits, what has focus, a window of a given size. Waits are generous: the machine running
// these may be loaded.

import { KEY, waitUntil } from "./harness.mjs";

const SLOW = 60_000;

/** The first programme of the list, opened on `tab`; returns its id. */
export async function openProgramme(session, tab) {
  await session.waitFor('[data-testid="programme-row"]', SLOW);
  const id = await session.script(`return document.querySelector('[data-testid="programme-row"]').dataset.id;`);
  await session.script(`location.hash = arguments[0];`, [`#/programmes/${id}/${tab}`]);
  await session.waitFor(`[data-testid="editor"][data-tab="${tab}"]`, SLOW);
  return id;
}

/** Ctrl+<key> as the keyboard sends it, to whatever has focus. */
export async function ctrl(session, key) {
  await session.call("POST", "/actions", {
    actions: [
      {
        type: "key",
        id: "keyboard",
        actions: [
          { type: "keyDown", value: KEY.control },
          { type: "keyDown", value: key },
          { type: "keyUp", value: key },
          { type: "keyUp", value: KEY.control },
        ],
      },
    ],
  });
  await session.call("DELETE", "/actions");
}

/** Types into the element matching `css` (keys, as she would). */
export async function typeInto(session, css, text) {
  const element = await session.waitFor(css, SLOW);
  await session.call("POST", `/element/${element}/value`, { text });
}

/** The panel's hits: [where, the matched text] each. */
export function hitTexts(session) {
  return session.script(
    `return [...document.querySelectorAll('[data-testid="find-hits"] .find-hit')].map((b) => [
       b.querySelector(".find-hit-where").textContent, b.querySelector("mark").textContent]);`,
  );
}

/** What has focus: its test id, value and selection, its item, its card, the tab. */
export function focused(session) {
  return session.script(
    `const el = document.activeElement;
     const row = el && el.closest('[data-uid]');
     return el ? { testid: el.dataset.testid ?? null, uid: row ? row.dataset.uid : null,
       selected: typeof el.selectionStart === "number" ? el.value.slice(el.selectionStart, el.selectionEnd) : null,
       value: el.value ?? null, placeholder: el.placeholder ?? null,
       open: el.closest("details")?.open ?? null,
       tab: document.querySelector('[data-testid="editor"]')?.dataset.tab ?? null } : null;`,
  );
}

/** Resizes the window and waits until the page has the new size (the window manager may add its frame). */
export async function resize(session, width, height) {
  await session.call("POST", "/window/rect", { width, height });
  await waitUntil(`a window of ${width}×${height}`, async () => {
    const [w, h] = await session.script(`return [window.innerWidth, window.innerHeight];`);
    return Math.abs(w - width) <= 40 && Math.abs(h - height) <= 80;
  }, SLOW);
}
