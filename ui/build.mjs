// Builds ui/dist: compile src/*.ts with tsc into a fresh staging folder, copy
// the static files beside them, then bring dist in line with it. Plain Node so
// that it runs the same on Windows and Linux.
//
// Only files whose content changed are written, and files no longer built are
// removed: the app embeds ui/dist and Cargo rebuilds it (a release build with
// LTO takes minutes) whenever a file there looks new, so an unchanged interface
// must leave dist untouched, while a deleted module must not linger in the app.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const staging = join(here, ".dist-staging");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function same(a, b) {
  return existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));
}

rmSync(staging, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(here, "tsconfig.json"), "--outDir", staging], { stdio: "inherit" });
for (const file of ["index.html", "styles.css"]) {
  copyFileSync(join(here, file), join(staging, file));
}

const built = new Set(files(staging).map((path) => relative(staging, path)));
let written = 0;
let removed = 0;
for (const name of built) {
  const from = join(staging, name);
  const to = join(dist, name);
  if (!same(from, to)) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    written += 1;
  }
}
for (const path of files(dist)) {
  if (!built.has(relative(dist, path))) {
    rmSync(path);
    removed += 1;
  }
}
rmSync(staging, { recursive: true, force: true });
console.log(`ui/dist: ${built.size} files, ${written} written, ${removed} removed`);
