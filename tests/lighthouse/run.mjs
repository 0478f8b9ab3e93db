// Lighthouse, mobile profile (its default: a mid-range phone on a slow 4G
// connection, simulated), on the release build served compressed (brotli) with
// the real API server (VARDKOLL_SERVER_BIN: scripts/bench-lighthouse gives it
// the release build), in the system Chromium. Prints performance, accessibility
// and best-practices scores for each page and fails below the goal of 95. Each
// page is a first visit in a browser of its own: no service worker or cache
// left by the page before serves it. Scores vary from run to run (total
// blocking time most, on a busy two-core machine), so each page is measured
// LIGHTHOUSE_RUNS times (3) and judged by its median run, as Lighthouse's own
// documentation advises; every run is printed. LIGHTHOUSE_PAGE=/path runs that page alone;
// LIGHTHOUSE_SAVE=dir writes each page's full report there (JSON), for its long
// tasks and script timings; LIGHTHOUSE_DIST=dir measures another build than dist/
// (to compare two builds, run by run).
import { launch as launchChrome } from "chrome-launcher";
import lighthouse from "lighthouse";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startApi } from "../e2e/api-server.mjs";
import { startServer } from "../e2e/static-server.mjs";

const GOAL = Number(process.env.LIGHTHOUSE_GOAL ?? 95);
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const dist = process.env.LIGHTHOUSE_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url));
const api = await startApi();
const site = await startServer(dist, 0, api.url, { compress: true });
const chromeOptions = {
  chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=sv-SE",
  ],
};
const only = process.env.LIGHTHOUSE_PAGE;
const pages = only ? [[only, only]] : [
  ["Mina vårdgarantier", "/"],
  ["Väntetider", "/vantetider?tjanst=op-hoft"],
  ["Begär vård", "/remiss?tjanst=op-hoft"],
  ["Mina förfrågningar", "/forfragningar"],
];
const categories = ["performance", "accessibility", "best-practices"];
let failed = false;
try {
  console.log(`lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobile profile, goal ${GOAL}, median of ${RUNS} run(s) per page`);
  console.log(`${"page".padEnd(22)}${categories.map((c) => c.padStart(16)).join("")}   FCP / LCP / TBT`);
  const scoresOf = (lhr) => categories.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
  const line = (label, lhr) => {
    const audit = (id) => lhr.audits[id]?.displayValue ?? "–";
    return `${label.padEnd(22)}${scoresOf(lhr).map((s) => String(s).padStart(16)).join("")}   ${audit("first-contentful-paint")} / ${audit("largest-contentful-paint")} / ${audit("total-blocking-time")}`;
  };
  for (const [name, path] of pages) {
    const runs = [];
    // A run Lighthouse could not record (its own trace error) is run again, twice at most.
    for (let attempt = 0; runs.length < RUNS && attempt < RUNS + 2; attempt++) {
      const chrome = await launchChrome(chromeOptions);
      const result = await lighthouse(`${site.url}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: categories,
      }).finally(() => chrome.kill());
      if (result.lhr.runtimeError) {
        console.log(`  (${name}: Lighthouse could not record the run: ${result.lhr.runtimeError.code}; again)`);
        continue;
      }
      runs.push(result.lhr);
      if (RUNS > 1) console.log(line(`  run ${runs.length}`, result.lhr));
    }
    if (runs.length === 0) {
      console.log(`${name}: no run recorded`);
      failed = true;
      continue;
    }
    const lhr = runs.sort((a, b) => scoresOf(a)[0] - scoresOf(b)[0])[Math.floor((runs.length - 1) / 2)];
    if (process.env.LIGHTHOUSE_SAVE) {
      mkdirSync(process.env.LIGHTHOUSE_SAVE, { recursive: true });
      writeFileSync(join(process.env.LIGHTHOUSE_SAVE, `${path.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "index"}.json`), JSON.stringify(lhr));
    }
    if (scoresOf(lhr).some((s) => s < GOAL)) failed = true;
    console.log(line(name, lhr));
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 0.9) console.log(`    ${c}: ${a.id} (${a.displayValue ?? a.score})`);
      }
    }
  }
} finally {
  await site.close();
  await api.stop();
}
if (failed) {
  console.log(`below the goal of ${GOAL} on at least one page`);
  process.exit(1);
}
