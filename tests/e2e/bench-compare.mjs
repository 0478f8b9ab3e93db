// Benchmark of the comparison table in headless Chromium on the release build:
// (a) switching to another service, (b) sorting, (c) filtering, on a service
// with 1,000 provider rows — and the same DOM work by a hand-written JavaScript
// baseline (bench/baseline.js) in the same run, as js-framework-benchmark does.
// Each operation is timed from the click to the first frame after the table has
// changed. Prints medians and the ratio Vårdkoll / baseline.
//
//   node bench-compare.mjs [runs]      (after `trunk build --release`)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";
import { startServer } from "./static-server.mjs";
import { PROVIDERS, PROVIDER_COUNT, SERVICES, statistics } from "./bench/data.mjs";

const RUNS = Number(process.argv[2] ?? 20);
const WARMUP = 4;
const GOAL_RATIO = 1.3;
const GOAL_MS = 50;
const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const bodies = {
  "/api/v1/services": JSON.stringify(SERVICES),
  "/api/v1/providers": JSON.stringify(PROVIDERS),
  "/api/v1/statistics?service=bench-a": JSON.stringify(statistics("bench-a")),
  "/api/v1/statistics?service=bench-b": JSON.stringify(statistics("bench-b")),
};
const files = {
  "/baseline.html": [here("bench/baseline.html"), "text/html; charset=utf-8"],
  "/baseline.js": [here("bench/baseline.js"), "text/javascript; charset=utf-8"],
  "/main.css": [here("../../style/main.css"), "text/css; charset=utf-8"],
};
const api = createServer(async (req, res) => {
  if (bodies[req.url]) {
    res.writeHead(200, { "Content-Type": "application/json" }).end(bodies[req.url]);
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

/** Runs in the page: performs `action`, waits until the table differs, then one frame more. */
async function timed({ action, target }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const rows = () => document.querySelectorAll("table.provider-table tbody tr");
  const signature = () => {
    const all = rows();
    return `${all.length}|${all[0]?.querySelector(".provider-name")?.textContent}|${document.querySelector("table.provider-table caption")?.textContent}`;
  };
  const before = signature();
  const started = performance.now();
  if (action.kind === "call") window.baseline[action.name](...(action.args ?? []));
  else if (action.kind === "button") [...document.querySelectorAll("button")].find((b) => b.textContent.trim().startsWith(action.text)).click();
  else document.querySelector(action.selector).click();
  await frame();
  const deadline = started + 10_000;
  while ((signature() === before || (target && !signature().includes(target))) && performance.now() < deadline) await frame();
  const elapsed = performance.now() - started;
  if (signature() === before) throw new Error(`the table did not change after ${JSON.stringify(action)}`);
  return elapsed;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function run(page, steps) {
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = await page.evaluate(timed, steps[i % steps.length]);
    if (i >= WARMUP) times.push(t);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 20)));
  }
  return median(times);
}

async function measureApp() {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.url}/vantetider?tjanst=bench-a`);
  await page.waitForFunction((n) => document.querySelectorAll("table.provider-table tbody tr").length === n, PROVIDER_COUNT);
  const result = {
    switch: await run(page, [
      { action: { kind: "button", text: "Benchmark B" }, target: "Benchmark B" },
      { action: { kind: "button", text: "Benchmark A" }, target: "Benchmark A" },
    ]),
    sort: await run(page, [{ action: { kind: "selector", selector: "th:nth-child(2) button.sort-button" } }]),
    filter: await run(page, [{ action: { kind: "selector", selector: "#filter-capacity" } }]),
  };
  if (errors.length) throw new Error(errors.join("\n"));
  await context.close();
  return result;
}

async function measureBaseline() {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${apiUrl}/baseline.html`);
  await page.evaluate(async () => {
    await window.baseline.init();
    window.baseline.show("bench-a");
  });
  const result = {
    switch: await run(page, [
      { action: { kind: "call", name: "show", args: ["bench-b"] }, target: "bench-b" },
      { action: { kind: "call", name: "show", args: ["bench-a"] }, target: "bench-a" },
    ]),
    sort: await run(page, [{ action: { kind: "call", name: "toggleSort" } }]),
    filter: await run(page, [{ action: { kind: "call", name: "toggleCapacity" } }]),
  };
  await context.close();
  return result;
}

try {
  const app = await measureApp();
  const baseline = await measureBaseline();
  console.log(`comparison table, ${PROVIDER_COUNT} provider rows, median of ${RUNS} runs (ms, click to next frame)`);
  console.log("operation   vardkoll   baseline   ratio   goal");
  let met = true;
  for (const op of ["switch", "sort", "filter"]) {
    const ratio = app[op] / baseline[op];
    const ok = ratio <= GOAL_RATIO && app[op] < GOAL_MS;
    met &&= ok;
    console.log(`${op.padEnd(10)} ${app[op].toFixed(1).padStart(9)} ${baseline[op].toFixed(1).padStart(10)} ${ratio.toFixed(2).padStart(7)}   ${ok ? "met" : "NOT met"}`);
  }
  console.log(met ? "all goals met" : `goal: ratio <= ${GOAL_RATIO} and < ${GOAL_MS} ms median`);
} finally {
  await browser.close();
  await site.close();
  api.close();
}
