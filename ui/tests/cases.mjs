// How the unit tests here check a table of cases: imported by the
// *.test.mjs files, not a test file itself (`node --test` does not run it).

import assert from "node:assert/strict";

/**
 * Checks fn on each case, [...the arguments, what fn returns]: an array or
 * object with deepEqual, anything else with equal. A failed case names the
 * call it checked, e.g. parseDate("31.02.2025").
 */
export function returns(fn, cases) {
  for (const c of cases) {
    const args = c.slice(0, -1);
    const expected = c.at(-1);
    const check = typeof expected === "object" && expected !== null ? assert.deepEqual : assert.equal;
    check(fn(...args), expected, `${fn.name}(${args.map((arg) => JSON.stringify(arg)).join(", ")})`);
  }
}
