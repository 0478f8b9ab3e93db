// Where a first visit's main-thread time goes: the long tasks (over 25 ms) of
// one page load with the CPU four times slower (as Lighthouse's mobile profile),
// each with the trace events it spent its time on (wasm.CompileLazy, Layout,
// fetch, …). For finding what makes total blocking time; run it on the
// release build (scripts/bench-lighthouse builds one):
//   node tests/lighthouse/long-tasks.mjs "/vantetider?tjanst=op-hoft"
import puppeteer from "puppeteer-core";
import { fileURLToPath } from "node:url";
import { startApi } from "../e2e/api-server.mjs";
import { startServer } from "../e2e/static-server.mjs";

const LONG_US = 25_000;
const path = process.argv[2] ?? "/";
const dist = fileURLToPath(new URL("../../dist", import.meta.url));
const api = await startApi();
const site = await startServer(dist, 0, api.url, { compress: true });
let trace;
try {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.tracing.start({ categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "v8.wasm", "v8"] });
    await page.goto(`${site.url}${path}`, { waitUntil: "networkidle0" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString("utf8"));
  } finally {
    await browser.close();
  }
} finally {
  await site.close();
  await api.stop();
}

// The page's main thread: the renderer main thread with the most events.
const events = trace.traceEvents;
const complete = (thread) => events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === "X");
const main = events
  .filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain")
  .map((thread) => complete(thread))
  .sort((a, b) => b.length - a.length)[0];
const tasks = main.filter((e) => (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur > LONG_US);
console.log(`${path}: ${tasks.length} tasks over ${LONG_US / 1000} ms (CPU 4x slower)`);
for (const task of tasks) {
  const spent = new Map();
  for (const e of main) {
    if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
    spent.set(e.name, (spent.get(e.name) ?? 0) + e.dur);
  }
  console.log(`  at ${((task.ts - tasks[0].ts) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms`);
  for (const [name, us] of [...spent].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
    console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
  }
}
