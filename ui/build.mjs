// Builds ui/dist from scratch: compile src/*.ts with tsc, then copy the static
// files. Plain Node so that it runs the same on Windows and Linux; dist is
// emptied first so a deleted module cannot linger in the app.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", join(here, "tsconfig.json")], { stdio: "inherit" });
mkdirSync(dist, { recursive: true });
for (const file of ["index.html", "styles.css"]) {
  copyFileSync(join(here, file), join(dist, file));
}
