// The README's first command, as a newcomer runs it: `scripts/serve` builds the
// app (a development build, beside the release build the other tests use),
// starts the API server and serves both; the pages open in Chromium with their
// headings, and it stops on a signal, taking the server with it. A build that
// fails stops it at once with a message, instead of serving nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { DIST } from "./stack.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Starts `scripts/serve` with `args` and `env` in a process group of its own; its output is kept. */
function serve(args, env) {
  const child = spawn(join(ROOT, "scripts/serve"), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run = { child, output: "", exited: null };
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (data) => (run.output += data));
  run.exit = new Promise((ok) => child.on("exit", (code, signal) => ok((run.exited = { code, signal }))));
  return run;
}

/** `promise`'s value, or null after `ms` (the timer cleared either way: a pending one would keep the test file running). */
async function within(promise, ms) {
  let timer;
  const late = new Promise((ok) => (timer = setTimeout(() => ok(null), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const listening = (port) =>
  new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.on("connect", () => ok(socket.destroy() || true));
    socket.on("error", () => ok(false));
  });

/** Waits until `url` answers 200, the process ends (an error) or `ms` pass. */
async function answered(url, run, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (run.exited) throw new Error(`scripts/serve ended (${JSON.stringify(run.exited)}):\n${run.output}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`nothing at ${url} after ${ms / 1000} s:\n${run.output}`);
}

test("scripts/serve serves the app and the API, and stops with both", { timeout: 30 * 60_000 }, async () => {
  const [port, apiPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-serve-"));
  const releaseIndex = existsSync(join(DIST, "index.html")) ? readFileSync(join(DIST, "index.html"), "utf8") : null;
  const run = serve(["--port", String(port)], { VARDKOLL_ADDR: `127.0.0.1:${apiPort}`, VARDKOLL_DB: join(dir, "serve.sqlite3") });
  const browser = await launch();
  try {
    // A first build on a fresh machine compiles the app for WebAssembly.
    await answered(`http://127.0.0.1:${port}/`, run, 25 * 60_000);
    const page = await browser.newPage({ locale: "sv-SE" });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
    await page.locator("#new-episode-title").waitFor(); // the page's split point loaded
    await page.goto(`http://127.0.0.1:${port}/vantetider?tjanst=op-hoft`);
    await page.getByRole("heading", { name: "Väntetider", level: 1 }).waitFor();
    // The comparison's rows come from the API, through Trunk's proxy.
    await page.locator("table.provider-table tbody tr").first().waitFor();
    assert.deepEqual(errors, []);
    // The demo has free times to offer (care mediation): the sample's.
    assert.match(run.output, /\d{3,} free times imported/);
    // The development build went to its own folder: the release build is as it was.
    if (releaseIndex !== null) assert.equal(readFileSync(join(DIST, "index.html"), "utf8"), releaseIndex, "dist/ untouched");
  } finally {
    await browser.close();
    process.kill(-run.child.pid, "SIGTERM");
    await within(run.exit, 20_000);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(run.exited, "scripts/serve stopped on SIGTERM");
  assert.equal(await listening(port), false, "Trunk stopped");
  assert.equal(await listening(apiPort), false, "the API server stopped");
});

test("scripts/serve stops with a message when the build fails, serving nothing", { timeout: 5 * 60_000 }, async () => {
  const [port, apiPort] = [await freePort(), await freePort()];
  // Trunk refuses to build for a version it is not: the first build fails.
  const run = serve(["--port", String(port)], { VARDKOLL_ADDR: `127.0.0.1:${apiPort}`, TRUNK_REQUIRED_VERSION: "^99" });
  const exited = await within(run.exit, 4 * 60_000);
  if (!exited) process.kill(-run.child.pid, "SIGKILL");
  assert.ok(exited && exited.code !== 0, `scripts/serve ended with an error (${JSON.stringify(exited)}):\n${run.output}`);
  assert.match(run.output, /development build failed/);
  assert.equal(await listening(port), false, "nothing is served");
  assert.equal(await listening(apiPort), false, "no API server is left behind");
});
