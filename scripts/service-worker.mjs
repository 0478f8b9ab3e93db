// Trunk post-build hook: writes this build's version and the files to precache
// into sw.js (see public/sw.js): every hashed build file and page chunk, the
// runtime config, the manifest and icons — not index.html (the page is fetched
// network-first), not sw.js itself, not what only embedding in a portal's
// element uses (embed.js and its stylesheet; no worker is registered there)
// and not the staff's pages (staff-pages.mjs: no patient downloads them).
// The version is a hash of all of them, so any change to the build makes a new
// worker that the app offers to reload into.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isEmbedOnly } from "./embed-files.mjs";
import { isStaffOnly } from "./staff-pages.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("service-worker: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1).split("\\").join("/"))
  .filter((path) => path !== "sw.js" && path !== "index.html" && !isEmbedOnly(path) && !isStaffOnly(path))
  .sort();
const hash = createHash("sha256");
for (const path of [...files, "index.html"]) hash.update(path).update(readFileSync(join(dir, path)));
const version = hash.digest("hex").slice(0, 16);
const file = join(dir, "sw.js");
const source = readFileSync(file, "utf8");
if (!source.includes("__VARDKOLL_PRECACHE__") || !source.includes("__VARDKOLL_VERSION__")) {
  console.error("service-worker: sw.js has no placeholders");
  process.exit(1);
}
writeFileSync(file, source.replace("__VARDKOLL_VERSION__", version).replace("__VARDKOLL_PRECACHE__", JSON.stringify(files)));
console.log(`service-worker: version ${version}, ${files.length} files precached`);
