// The README's first command, as a newcomer runs it: `scripts/serve` builds the
// app (a development build, beside the release build the other tests use),
// starts the API server, the test login and a mail sink, and serves the app;
// the pages open in Chromium with their headings, the README's walk from
// patient to navigator and back works with the test persons, the e-mail lands
// in the folder announced, and it stops on a signal, taking everything with
// it. With a provider and a mail server of the operator's it starts neither of
// its own. A build that fails stops it at once with a message, instead of
// serving nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { fillRequest } from "./signin-helpers.mjs";
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

/** Signs in at the test login as the test person named `name`, from the header's button. */
async function signInAs(page, name) {
  await page.getByRole("button", { name: "Logga in" }).first().click();
  await page.getByRole("heading", { name: "Testinloggning — inte en riktig e-legitimation", level: 1 }).waitFor();
  await page.getByText("Test login — not a real e-ID").waitFor();
  await page.getByRole("button", { name, exact: true }).click();
  await page.locator(".account__name", { hasText: name }).waitFor();
}

/** Signs out, at the test login too. */
async function signOut(page) {
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("button", { name: /sign me out/i }).click();
  await page.getByRole("button", { name: "Logga in" }).first().waitFor();
}

/** The .eml files in `dir` (none while it does not exist). */
const emails = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".eml")) : []);

test("scripts/serve serves the app, the API, a test login and a mail folder, and stops with all", { timeout: 30 * 60_000 }, async () => {
  const [port, apiPort, oidcPort, smtpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-serve-"));
  const mail = join(dir, "mail");
  const releaseIndex = existsSync(join(DIST, "index.html")) ? readFileSync(join(DIST, "index.html"), "utf8") : null;
  const run = serve(["--port", String(port)], {
    VARDKOLL_ADDR: `127.0.0.1:${apiPort}`,
    VARDKOLL_DB: join(dir, "serve.sqlite3"),
    VARDKOLL_SERVE_OIDC_PORT: String(oidcPort),
    VARDKOLL_SERVE_SMTP_PORT: String(smtpPort),
    VARDKOLL_SERVE_MAIL_DIR: mail,
    VARDKOLL_MAIL_POLL_SECONDS: "1",
    // Nothing of the operator's: the test login and the mail sink are started.
    VARDKOLL_OIDC_ISSUER: "",
    VARDKOLL_SMTP_URL: "",
  });
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

    // The test login and the mail folder are announced.
    assert.match(run.output, new RegExp(`test login at http://127\\.0\\.0\\.1:${oidcPort} `));
    assert.ok(run.output.includes(`e-mail is written to ${mail}/`), run.output);
    // The README's walk, in one browser: the patient asks for care elsewhere
    // (signed in at the test login, which says what it is) ...
    const address = "tolvan@example.se";
    await page.goto(`http://127.0.0.1:${port}/remiss?tjanst=op-hoft`);
    await signInAs(page, "Tolvan Tolvansson");
    await page.locator(".signed-in-identity").getByText("19121212-1212").waitFor();
    await fillRequest(page, "070-123 45 67", null, address);
    // The scheduler's clinic first, in another region: its time comes first
    // among the suggestions.
    await page.locator("#referral-provider-0").selectOption("akademiska-sjukhuset");
    await page.getByLabel("Jag kan resa till en annan ort för vården").check();
    await page.getByRole("button", { name: "Skicka förfrågan" }).click();
    await page.getByText("Förfrågan är mottagen").waitFor();
    const reference = (await page.locator(".receipt__reference").textContent()).trim();
    await signOut(page);
    // ... Region Stockholm's navigator offers one of the suggested times ...
    await page.goto(`http://127.0.0.1:${port}/vardlotsen`);
    await signInAs(page, "Nora Navigator");
    await page.getByRole("button", { name: `Öppna ${reference}` }).click();
    const detail = page.locator(".navigator__detail");
    await detail.getByLabel("Handläggs").check();
    await detail.getByRole("button", { name: "Spara" }).click();
    await detail.locator(".suggestions-table tbody tr").first().getByRole("button", { name: /^Erbjud Akademiska sjukhuset/ }).click();
    await detail.getByRole("button", { name: "Spara" }).click();
    await detail.locator(".request__history li", { hasText: "Tid erbjuden" }).waitFor();
    await signOut(page);
    // ... the patient accepts it; the news went to the mail folder ...
    await page.goto(`http://127.0.0.1:${port}/forfragningar`);
    await signInAs(page, "Tolvan Tolvansson");
    const card = page.locator("article.request", { hasText: reference });
    await card.getByRole("button", { name: "Tacka ja till tiden" }).click();
    await card.locator("dd .status", { hasText: "Tid bokad" }).waitFor();
    await signOut(page);
    // ... and the scheduler sees the time booked, by that request.
    await page.goto(`http://127.0.0.1:${port}/lediga-tider`);
    await signInAs(page, "Sara Schemaläggare");
    await page.locator(".free-times-table tbody tr", { hasText: `Bokad (${reference})` }).waitFor();
    assert.deepEqual(errors, []);
    for (let i = 0; emails(mail).length < 2 && i < 100; i++) await new Promise((ok) => setTimeout(ok, 100));
    const received = emails(mail);
    assert.ok(received.length >= 2, `news on the request as .eml files in ${mail}: ${received}`);
    const message = readFileSync(join(mail, received[0]), "utf8");
    assert.match(message, new RegExp(`^To: ${address}`, "m"));
    assert.ok(message.includes(`http://127.0.0.1:${port}/forfragningar`), "the link goes to the app as served");
  } finally {
    await browser.close();
    process.kill(-run.child.pid, "SIGTERM");
    await within(run.exit, 20_000);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(run.exited, "scripts/serve stopped on SIGTERM");
  assert.equal(await listening(port), false, "Trunk stopped");
  assert.equal(await listening(apiPort), false, "the API server stopped");
  assert.equal(await listening(oidcPort), false, "the test login stopped");
  assert.equal(await listening(smtpPort), false, "the mail sink stopped");
});

test("scripts/serve starts no test login and no mail sink where the operator configured their own", { timeout: 10 * 60_000 }, async () => {
  const [port, apiPort, oidcPort, smtpPort, theirs] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-serve-"));
  const issuer = `http://127.0.0.1:${theirs}`;
  const run = serve(["--port", String(port)], {
    VARDKOLL_ADDR: `127.0.0.1:${apiPort}`,
    VARDKOLL_DB: join(dir, "serve.sqlite3"),
    VARDKOLL_SERVE_OIDC_PORT: String(oidcPort),
    VARDKOLL_SERVE_SMTP_PORT: String(smtpPort),
    VARDKOLL_OIDC_ISSUER: issuer,
    VARDKOLL_SMTP_URL: `smtp://127.0.0.1:${theirs}`,
    VARDKOLL_APP_URL: `http://127.0.0.1:${port}`,
  });
  try {
    // The server starts after the test login would have: once it answers, all is decided.
    await answered(`http://127.0.0.1:${apiPort}/api/v1/health`, run, 8 * 60_000);
    assert.ok(run.output.includes(`VARDKOLL_OIDC_ISSUER is set (${issuer}): the server trusts it; no test login is started`), run.output);
    assert.match(run.output, /VARDKOLL_SMTP_URL is set: e-mail goes there; no mail sink is started/);
    assert.doesNotMatch(run.output, /test login at|e-mail is written to/);
    assert.equal(await listening(oidcPort), false, "no test login");
    assert.equal(await listening(smtpPort), false, "no mail sink");
    // The app's build names no provider of scripts/serve's.
    const config = JSON.parse(readFileSync(join(ROOT, "target/serve/dist/config.json"), "utf8"));
    assert.equal(config.oidc, undefined);
  } finally {
    process.kill(-run.child.pid, "SIGTERM");
    await within(run.exit, 20_000);
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(run.exited, "scripts/serve stopped on SIGTERM");
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
