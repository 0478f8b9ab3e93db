// Benchmark of the comparison table in headless Chromium on the release build:
// (a) switching to another service, (b) sorting, (c) filtering, on a service
// with 1,000 provider rows — and the same DOM work by a hand-written JavaScript
// baseline (bench/baseline.js) in the same run, as js-framework-benchmark does.
// The baseline page is a static copy of the app's rendered page whose table
// baseline.js drives, so both lay out the same document.
// Each operation is timed from the click to the first frame after the table has
// changed, app and baseline alternating run by run. Both sort and filter all 1,000 rows and draw the first page (25 rows),
// as the app does. Prints medians and the ratio Vårdkoll / baseline.
//
//   node bench-compare.mjs [runs]      (after `trunk build --release`)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { startServer } from "./static-server.mjs";
import { PROVIDERS, PROVIDER_COUNT, SERVICES, statistics } from "./bench/data.mjs";

const RUNS = Number(process.argv[2] ?? 20);
// Both sides sort and filter all 1,000 rows and draw the first 25 (the app's page size).
const PAGE_ROWS = 25;
const WARMUP = 4;
const GOAL_RATIO = 1.3;
const GOAL_MS = 50;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const bodies = {
  "/api/v1/services": JSON.stringify(SERVICES),
  "/api/v1/providers": JSON.stringify(PROVIDERS),
  "/api/v1/statistics bench-a": JSON.stringify(statistics("bench-a")),
  "/api/v1/statistics bench-b": JSON.stringify(statistics("bench-b")),
};
const bodyFor = (url) => {
  const { pathname, searchParams } = new URL(url, "http://x");
  return bodies[searchParams.has("service") ? `${pathname} ${searchParams.get("service")}` : pathname];
};
const files = {
  "/baseline.html": [here("bench/baseline.html"), "text/html; charset=utf-8"],
  "/baseline.js": [here("bench/baseline.js"), "text/javascript; charset=utf-8"],
  "/main.css": [here("../../style/main.css"), "text/css; charset=utf-8"],
};
const api = createServer(async (req, res) => {
  const body = bodyFor(req.url);
  if (body) {
    res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  } else if (files[req.url]) {
    const [path, type] = files[req.url];
    res.writeHead(200, { "Content-Type": type }).end(await readFile(path));
  } else {
    res.writeHead(404, { "Content-Type": "application/json" }).end('{"type":"about:blank","title":"Not found","status":404}');
  }
});
await new Promise((ok) => api.listen(0, "127.0.0.1", ok));
const apiUrl = `http://127.0.0.1:${api.address().port}`;
const site = await startServer(here("../../dist"), 0, apiUrl);
const browser = await launch();

/**
 * Runs in the page: performs `action`, waits (in microtasks, so no frame can
 * pass) until the table shows `expected`, forces style and layout, and takes
 * that time; then waits for the next frame to be painted and takes that time too.
 */
async function timed({ action, expected }) {
  const signature = () => {
    const rows = document.querySelectorAll("table.provider-table tbody tr");
    const count = document.querySelector(".table-count, #count")?.textContent;
    const first = rows[0]?.querySelector(".provider-name")?.textContent;
    const last = rows[rows.length - 1]?.querySelector(".provider-name")?.textContent;
    return `${rows.length}|${count}|${first}|${last}|${document.querySelector("table.provider-table caption")?.textContent}`;
  };
  const before = signature();
  const started = performance.now();
  if (action.kind === "call") window.baseline[action.name](...(action.args ?? []));
  else if (action.kind === "button") [...document.querySelectorAll("button")].find((b) => b.textContent.trim().startsWith(action.text)).click();
  else document.querySelector(action.selector).click();
  const done = () => (expected ? signature() === expected : signature() !== before);
  for (let spins = 0; !done(); spins++) {
    if (spins < 100_000) await Promise.resolve();
    else await new Promise((r) => setTimeout(r, 0));
    if (performance.now() - started > 10_000) throw new Error(`the table did not change after ${JSON.stringify(action)}`);
  }
  const scripted = performance.now() - started;
  document.body.getBoundingClientRect();
  const laidOut = performance.now() - started;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { scripted, laidOut, painted: performance.now() - started, signature: signature() };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Times `steps` (cycled) on both pages, alternating app and baseline run by run.
 * Warm-up runs learn what the table shows after each step, so measured runs
 * wait for exactly that state.
 */
async function run(app, baseline) {
  const times = { app: { scripted: [], laidOut: [], painted: [] }, baseline: { scripted: [], laidOut: [], painted: [] } };
  const expected = { app: [], baseline: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [side, { page, steps }] of Object.entries({ app, baseline })) {
      const step = i % steps.length;
      const result = await page.evaluate(timed, { ...steps[step], expected: i >= WARMUP ? expected[side][step] : undefined });
      if (i < WARMUP) expected[side][step] = result.signature;
      else {
        times[side].scripted.push(result.scripted);
        times[side].laidOut.push(result.laidOut);
        times[side].painted.push(result.painted);
      }
      await page.evaluate(() => new Promise((r) => setTimeout(r, 20)));
    }
  }
  const summary = (t) => ({ scripted: median(t.scripted), laidOut: median(t.laidOut), painted: median(t.painted) });
  return { app: summary(times.app), baseline: summary(times.baseline) };
}

async function openApp() {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.url}/vantetider?tjanst=bench-a`);
  await page.waitForFunction((n) => document.querySelectorAll("table.provider-table tbody tr").length === n, PAGE_ROWS);
  return { page, errors };
}

/** The baseline page holds a static copy of the app's rendered page, so both lay out the same document. */
async function openBaseline(appPage) {
  const html = await appPage.evaluate(() => document.querySelector("main").outerHTML);
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${apiUrl}/baseline.html`);
  await page.evaluate(async (html) => {
    document.querySelector("main").outerHTML = html;
    await window.baseline.init();
    window.baseline.show("bench-a");
  }, html);
  return { page };
}

const twice = (step) => [step, step];
const STEPS = {
  switch: {
    app: [
      { action: { kind: "button", text: "Benchmark B" }, target: "Benchmark B" },
      { action: { kind: "button", text: "Benchmark A" }, target: "Benchmark A" },
    ],
    baseline: [
      { action: { kind: "call", name: "show", args: ["bench-b"] }, target: "bench-b" },
      { action: { kind: "call", name: "show", args: ["bench-a"] }, target: "bench-a" },
    ],
  },
  // Toggles: two steps each, so each step always leads to the same state.
  sort: {
    app: twice({ action: { kind: "selector", selector: "th:nth-child(2) button.sort-button" } }),
    baseline: twice({ action: { kind: "call", name: "toggleSort" } }),
  },
  filter: {
    app: twice({ action: { kind: "selector", selector: "#filter-capacity" } }),
    baseline: twice({ action: { kind: "call", name: "toggleCapacity" } }),
  },
};

try {
  const appPage = await openApp();
  const baselinePage = await openBaseline(appPage.page);
  const app = {};
  const baseline = {};
  for (const [op, steps] of Object.entries(STEPS)) {
    const result = await run({ page: appPage.page, steps: steps.app }, { page: baselinePage.page, steps: steps.baseline });
    app[op] = result.app;
    baseline[op] = result.baseline;
  }
  if (appPage.errors.length) throw new Error(appPage.errors.join("\n"));
  console.log(`comparison table, ${PROVIDER_COUNT} provider rows (first ${PAGE_ROWS} drawn), median of ${RUNS} runs, ms`);
  console.log("  click to laid out: script, style and layout (forced), measured in microtasks: no frame wait");
  console.log("  click to painted:  to the first frame after, including the wait for it (vsync) and raster");
  console.log("operation   vardkoll   baseline   ratio  |  painted: vardkoll   baseline   ratio  | goal");
  let met = true;
  for (const op of Object.keys(STEPS)) {
    const a = app[op];
    const b = baseline[op];
    const ratio = a.laidOut / b.laidOut;
    const ok = ratio <= GOAL_RATIO && a.painted < GOAL_MS;
    met &&= ok;
    const f = (n, w) => n.toFixed(1).padStart(w);
    if (process.env.BENCH_DETAIL) console.log(`  ${op}: script only ${a.scripted.toFixed(1)} vs ${b.scripted.toFixed(1)}`);
    console.log(
      `${op.padEnd(10)} ${f(a.laidOut, 9)} ${f(b.laidOut, 10)} ${ratio.toFixed(2).padStart(7)}  |  ${f(a.painted, 17)} ${f(b.painted, 10)} ${(a.painted / b.painted).toFixed(2).padStart(7)}  | ${ok ? "met" : "NOT met"}`,
    );
  }
  console.log(met ? "all goals met (ratio of laid-out times <= 1.3, painted median < 50 ms)" : `goal: ratio <= ${GOAL_RATIO} and < ${GOAL_MS} ms median`);
} finally {
  await browser.close();
  await site.close();
  api.close();
}
