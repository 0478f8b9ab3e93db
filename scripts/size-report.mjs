// Prints the gzip size of what the browser downloads, and fails over budget:
// - the first page load: the page, stylesheet and scripts in dist/ and the
//   app's main module with its loader (app/<hash>/, but for the packs);
// - the same embedded in a portal's element (embed.js, its stylesheet, the app;
//   the portal's page is the portal's);
// - each split point, loaded on first use: its pack, one file with its module
//   and the shared chunks it needs; and the four patient pages together, with
//   their parts, as a visit that opens all four downloads them (a chunk two
//   pages share counts twice: it is in both packs). Vårdlotsen, the staff's
//   page, is not one of them.
// Usage: node size-report.mjs [dist]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { isEmbedOnly } from "./embed-files.mjs";
import { pageOf } from "./split-packs.mjs";
import { STAFF_PAGES } from "./staff-pages.mjs";

const KB = 1000;
// Goals, and the limit above which the test fails (issue 10: the first load
// at most 160, failing above 170; each page at most 100; all four at most 400).
const BUDGET = {
  firstLoad: { goal: 160 * KB, limit: 170 * KB },
  page: { goal: 100 * KB, limit: 200 * KB },
  allPages: { goal: 400 * KB, limit: 450 * KB },
};
const [dir = "dist"] = process.argv.slice(2);
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const gzip = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const raw = (file) => readFileSync(join(dir, file)).length;
const problems = [];
const summary = [];

/** Prints one download's files and total, checked against `budget` (bytes). */
function report(title, files, { goal, limit }) {
  const rows = files.map((name) => ({ name, raw: raw(name), gzip: gzip(name) })).sort((a, b) => b.gzip - a.gzip);
  console.log(`${title} (gzip -9):`);
  for (const row of rows) console.log(`  ${row.name.padEnd(56)} ${kb(row.raw).padStart(10)} raw ${kb(row.gzip).padStart(10)} gzip`);
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  const verdict = total > limit ? "OVER THE LIMIT" : total > goal ? "over the goal" : "within the goal";
  console.log(`  ${"total".padEnd(56)} ${"".padStart(14)} ${kb(total).padStart(10)} gzip (goal ${kb(goal)}, limit ${kb(limit)}: ${verdict})`);
  if (total > limit) problems.push(`${title}: ${kb(total)} is over the ${kb(limit)} limit`);
  summary.push(`${title}: ${kb(total)} (${verdict})`);
  return total;
}

const apps = existsSync(join(dir, "app")) ? readdirSync(join(dir, "app")) : [];
if (apps.length !== 1) {
  console.error(`size report: expected one app/<hash>/ in ${dir}, found ${apps.length}`);
  process.exit(1);
}
const app = `app/${apps[0]}`;
const appFiles = readdirSync(join(dir, app), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(dir.length + 1).split("\\").join("/"));
const isSplit = (file) => file.endsWith(".pack");
const main = appFiles.filter((file) => !isSplit(file));
const page = readdirSync(dir).filter((name) => [".html", ".js", ".css"].includes(extname(name)));

report("first page load", [...page.filter((name) => !isEmbedOnly(name)), ...main], BUDGET.firstLoad);
report("first load embedded in a portal's element", [...page.filter(isEmbedOnly), ...main], BUDGET.firstLoad);

// Each split point is one file, NAME.pack (scripts/split-packs.mjs): its own
// module and the chunks it needs; a part of a page (`part_PAGE_WHAT`) has only
// what its page did not load, and counts with its page.
const packs = appFiles.filter(isSplit).map((file) => ({ file, name: file.match(/([^/]+)\.pack$/)[1] }));
if (packs.length === 0) problems.push(`no split points (*.pack) in ${app}`);
const pageFiles = [];
for (const { file, name } of packs) {
  let page;
  try {
    page = pageOf(name, packs);
  } catch (error) {
    problems.push(error.message);
  }
  const owner = page?.name ?? name;
  const isPage = owner.startsWith("page_");
  const title = page ? `split point ${name}, loaded after ${page.name}` : `split point ${name}, loaded on first use`;
  report(title, [file], isPage ? BUDGET.page : BUDGET.allPages);
  if (isPage && !STAFF_PAGES.includes(owner)) pageFiles.push(file);
}
report("the four patient pages together", pageFiles, BUDGET.allPages);

console.log(`summary:\n  ${summary.join("\n  ")}`);
for (const problem of problems) console.error(`size report: ${problem}`);
if (problems.length > 0) process.exit(1);
