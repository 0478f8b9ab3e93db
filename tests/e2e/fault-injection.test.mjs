// Fault injection: 1,000 referral requests through the app's real client (its
// outbox, sent from the browser) against two server instances on one PostgreSQL
// database, behind a proxy that balances between them and drops connections,
// loses answers, delays, and answers 500, 503 and 429 — while the test reloads
// the page, takes the browser offline, and kills one instance with SIGKILL in the
// middle (and starts it again). At the end every request is stored exactly once,
// every acknowledged one is there, none is left in the outbox, and no identity
// number is left in the browser. Prints the counts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startApiInstances } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";
import { startServer } from "./static-server.mjs";

const REQUESTS = Number(process.env.VARDKOLL_FAULT_REQUESTS ?? 1000);
const TIME_LIMIT_MS = 300_000;
const dist = fileURLToPath(new URL("../../dist", import.meta.url));
let api;
let instances;
let proxy;
let site;
let browser;

before(async () => {
  // Only the proxy limits the rate here.
  instances = await startApiInstances(2, { VARDKOLL_RATE_PER_SECOND: "100000", VARDKOLL_RATE_BURST: "100000" });
  api = instances[0];
  proxy = await startFaultProxy(instances.map((i) => i.url));
  site = await startServer(dist, 0, proxy.url);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await proxy?.close();
  for (const instance of instances ?? []) await instance.stop();
});

/** Requests as the app's outbox stores them (`vardkoll.referrals`, version 1). */
function outboxOf(count, providers) {
  const pending = Array.from({ length: count }, (_, i) => ({
    key: `fault-${String(i).padStart(5, "0")}-${Math.random().toString(36).slice(2, 10)}`,
    request: {
      personalIdentityNumber: "19121212-1212",
      name: `Patient ${i}`,
      phone: "070-123 45 67",
      serviceCode: "op-hoft",
      preferredProviders: [providers[i % providers.length]],
      canTravel: i % 2 === 0,
      interpreter: { needed: false },
      message: "",
      consentToShare: true,
    },
    label: { service: "Höftledsplastik", providers: [providers[i % providers.length]] },
    queuedAt: Date.now(),
    failures: 0,
    nextAttempt: 0,
  }));
  return JSON.stringify({ version: 1, pending, sent: [] });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test(`${REQUESTS} requests survive faults, reloads, going offline and a killed instance: each stored exactly once`, async () => {
  const providers = (await (await fetch(`${api.url}/api/v1/providers`)).json()).map((p) => p.id);
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const panics = [];
  page.on("pageerror", (error) => panics.push(String(error)));
  await page.goto(site.url);
  await page.locator("h1").waitFor();
  await page.evaluate((doc) => localStorage.setItem("vardkoll.referrals", doc), outboxOf(REQUESTS, providers));

  const started = Date.now();
  const state = () =>
    page.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem("vardkoll.referrals") ?? '{"pending":[],"sent":[]}');
      return { pending: doc.pending.length, rejected: doc.pending.filter((p) => p.rejected).length, sent: doc.sent.length };
    });
  let reloads = 0;
  let offlineSpells = 0;
  let killed = null;
  let now = { pending: REQUESTS };
  await page.reload(); // the app starts with a full outbox
  while (now.pending > 0) {
    // A third of the way: the second instance dies mid-write (SIGKILL), and
    // comes back a few seconds later on the same address and database.
    if (!killed && now.pending < (REQUESTS * 2) / 3) {
      await instances[1].kill();
      killed = { at: REQUESTS - now.pending, time: Date.now() };
    }
    if (killed && !killed.restarted && Date.now() - killed.time > 4000) {
      instances[1] = await instances[1].restart();
      killed.restarted = true;
    }
    assert.ok(Date.now() - started < TIME_LIMIT_MS, `still ${now.pending} waiting after ${TIME_LIMIT_MS / 1000} s`);
    await sleep(1500 + Math.random() * 2000);
    if (reloads % 4 === 2) {
      // Offline for a while: sends fail at once, then the online event sends again.
      await context.setOffline(true);
      await sleep(1000);
      await context.setOffline(false);
      offlineSpells++;
    } else {
      await page.reload(); // mid-send
      await page.locator("h1").waitFor();
    }
    reloads++;
    now = await state();
    assert.equal(now.rejected, 0, "no request may be turned down");
  }
  const seconds = (Date.now() - started) / 1000;
  const final = await state();
  const stored = await api.referralCount();
  const references = await page.evaluate(() =>
    JSON.parse(localStorage.getItem("vardkoll.referrals")).sent.map((s) => s.reference),
  );
  const leftovers = await page.evaluate(() => JSON.stringify(localStorage).includes("personalIdentityNumber"));
  const acknowledgedMissing = await page.evaluate(async (sent) => {
    const missing = [];
    for (const { reference, token } of sent) {
      const r = await fetch(`/api/v1/referrals/${reference}`, { headers: { Authorization: `Bearer ${token}` } });
      if (r.status !== 200) missing.push(reference);
    }
    return missing;
  }, await page.evaluate(() => JSON.parse(localStorage.getItem("vardkoll.referrals")).sent));
  const report = { requests: REQUESTS, storedOnServer: stored, sentInBrowser: final.sent, leftInOutbox: final.pending, reloads, offlineSpells, killedAfter: killed?.at, seconds, proxy: proxy.counts };
  console.log(`fault injection: ${JSON.stringify(report)}`);

  assert.equal(final.pending, 0);
  assert.equal(final.sent, REQUESTS);
  assert.equal(new Set(references).size, REQUESTS, "one reference per request");
  assert.equal(stored, REQUESTS, "each request stored exactly once");
  assert.deepEqual(acknowledgedMissing, [], "every acknowledged request is on the server");
  // An instance killed after its commit but before its answer: the request is
  // stored, and the retry gets it back as a replay.
  assert.ok(proxy.counts.created <= REQUESTS, "no request created twice");
  assert.ok(killed?.restarted, "one instance was killed and started again");
  for (const [instance, n] of Object.entries(proxy.counts.byInstance)) assert.ok(n > 0, `${instance} took requests`);
  assert.ok(proxy.counts.replayed > 0, "repeats were answered with the original");
  assert.equal(leftovers, false, "no identity number left in the browser");
  assert.deepEqual(panics, []);
  await context.close();
});
