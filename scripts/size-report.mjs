// Prints the gzip size of what the first page load downloads (html, js, wasm,
// css in dist/) and fails above the budget; the same for the app embedded in a
// portal's element (embed.js, its stylesheet, the app's script and wasm; the
// portal's page is the portal's); lists the page chunks (dist/chunks/), which
// load only when their page is opened. Usage: node size-report.mjs <dist> <budget KB>
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { isEmbedOnly } from "./embed-files.mjs";

const [dir = "dist", budgetKb = "200"] = process.argv.slice(2);
const budget = Number(budgetKb) * 1000;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const size = (name) => {
  const bytes = readFileSync(join(dir, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const files = readdirSync(dir).filter((name) => [".html", ".js", ".wasm", ".css"].includes(extname(name)));

/** Prints one load's files and total; whether it is over the budget. */
function report(title, names) {
  const rows = names.map(size).sort((a, b) => b.gzip - a.gzip);
  console.log(`${title} (gzip -9):`);
  for (const { name, raw, gzip } of rows) {
    console.log(`  ${name.padEnd(40)} ${kb(raw).padStart(10)} raw ${kb(gzip).padStart(10)} gzip`);
  }
  const total = rows.reduce((sum, row) => sum + row.gzip, 0);
  console.log(`  ${"total".padEnd(40)} ${"".padStart(14)} ${kb(total).padStart(10)} gzip (budget ${kb(budget)})`);
  if (total > budget) console.error(`size report: ${title}: ${kb(total)} is over the ${kb(budget)} budget`);
  return total > budget;
}

const over = [
  report("first page load", files.filter((name) => !isEmbedOnly(name))),
  report(
    "first load embedded in a portal's element",
    files.filter((name) => isEmbedOnly(name) || /^vardkoll-[0-9a-f]+(_bg\.wasm|\.js)$/.test(name)),
  ),
];
// Page chunks load only when their page is opened: reported, not budgeted.
const chunks = join(dir, "chunks");
if (existsSync(chunks)) {
  console.log("page chunks, loaded on first use (gzip -9):");
  for (const file of readdirSync(chunks, { recursive: true }).filter((f) => [".js", ".wasm"].includes(extname(f))).sort()) {
    const bytes = readFileSync(join(chunks, file));
    console.log(`  ${file.padEnd(40)} ${kb(bytes.length).padStart(10)} raw ${kb(gzipSync(bytes, { level: 9 }).length).padStart(10)} gzip`);
  }
}
if (over.some(Boolean)) process.exit(1);
