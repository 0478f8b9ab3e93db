// Trunk post-build hook (last): for release builds, drops the comment lines and
// indentation of the hand-written scripts Trunk copies as they are (sw.js,
// pwa.js, embed.js) — their comments are for readers of public/, not for
// patients' downloads. Only whole-line `//` comments go: these files have no
// block comments and no multi-line strings, which the check below enforces.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-scripts: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
for (const name of ["sw.js", "pwa.js", "embed.js"]) {
  const file = join(dir, name);
  const source = readFileSync(file, "utf8");
  if (source.includes("/*") || source.split("`").some((part, i) => i % 2 === 1 && part.includes("\n"))) {
    console.error(`minify-scripts: ${name} has a block comment or a multi-line template string; extend me`);
    process.exit(1);
  }
  const lines = source.split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("//"));
  writeFileSync(file, `${lines.join("\n")}\n`);
  console.log(`minify-scripts: ${name} ${source.length} -> ${lines.join("\n").length + 1} bytes`);
}
