// Fault injection: what the app's outbox sends must reach the server exactly
// once, whatever goes wrong on the way. Both tests run the app's real client in
// Chromium against two server instances on one PostgreSQL database, behind a
// proxy (fault-proxy.mjs) that balances between them and, on the calls that
// store something, drops connections, loses responses after the server stored
// the call, delays, and responds 500, 503 and 429 — while the test reloads the
// page, takes the browser offline, and kills one instance with SIGKILL in the
// middle (and starts it again).
//
// - Requests: 1,000 referral requests (VARDKOLL_FAULT_REQUESTS) queued in the
//   outbox. At the end every request is stored exactly once, every
//   acknowledged one is there, none is left in the outbox, and no identity
//   number is left in the browser.
// - Answers: a patient's answer to an offer goes through the outbox like a
//   request. 60 requests (VARDKOLL_FAULT_ANSWERS) are made through the API
//   and offered a time by a navigator; the outbox holds them as the app keeps
//   sent requests (with each request's token, which authorises its answer
//   where nobody signs in) and one answer each — accept, decline, another
//   time or withdraw. At the end each request has exactly one patient answer
//   in its history and the status that answer gives, the app shows it, and
//   nothing is left waiting or refused in the outbox.
//
// The instances under test have no sign-in configured (the deployment where
// answers travel with the request's token). Offers need a navigator, and the
// staff API needs an identity provider: for the answers a third instance on
// the same database trusts the test OpenID provider and only sets up the
// offers, outside the proxy. Each test prints its counts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startApi, startApiInstances } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { FAULTS, startFaultProxy } from "./fault-proxy.mjs";
import { startOidcProvider } from "./oidc-provider.mjs";
import { moveAs } from "./staff-api.mjs";
import { startServer } from "./static-server.mjs";

const REQUESTS = Number(process.env.VARDKOLL_FAULT_REQUESTS ?? 1000);
const ANSWERS = Number(process.env.VARDKOLL_FAULT_ANSWERS ?? 60);
const TIME_LIMIT_MS = 300_000;
const ANSWERS_TIME_LIMIT_MS = 90_000;
/** The instances' own rate limit out of the way: only the proxy limits the rate. */
const UNLIMITED = { VARDKOLL_RATE_PER_SECOND: "100000", VARDKOLL_RATE_BURST: "100000" };
const dist = fileURLToPath(new URL("../../dist", import.meta.url));
let api;
let instances;
let proxy;
let site;
let browser;

before(async () => {
  instances = await startApiInstances(2, UNLIMITED);
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

/** A new database on the test PostgreSQL server: its URL. */
function newDatabase() {
  const server = process.env.VARDKOLL_TEST_DATABASE_URL;
  if (!server) throw new Error("the answers need PostgreSQL: run scripts/test, or scripts/postgres start DIR and export VARDKOLL_TEST_DATABASE_URL");
  const name = `e2e_answers_${Date.now()}_${process.pid}`;
  execFileSync("psql", [server, "-q", "-c", `CREATE DATABASE ${name}`], { stdio: ["ignore", "ignore", "inherit"] });
  return `${server.slice(0, server.lastIndexOf("/"))}/${name}`;
}

/** What each answer makes of an offered request. */
const OUTCOME = { accept: "booked", decline: "offer_declined", another_time: "under_review", withdraw: "withdrawn" };
const KINDS = Object.keys(OUTCOME);
const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** `items` through `work`, `width` at a time. */
async function inBatches(items, width, work) {
  const results = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

/** An anonymous request of home region 01, sent as the app sends it: what the app keeps of it. */
async function anonymousRequest(api, i) {
  const key = `answer-fault-${String(i).padStart(4, "0")}-${Math.random().toString(36).slice(2, 10)}`;
  const r = await fetch(`${api.url}/api/v1/referrals`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({
      personalIdentityNumber: "19121212-1212",
      name: `Patient ${i}`,
      phone: "070-123 45 67",
      serviceCode: "op-hoft",
      preferredProviders: ["karolinska-solna"],
      homeRegion: "01",
      canTravel: true,
      interpreter: { needed: false },
      message: "",
      consentToShare: true,
    }),
  });
  const created = await r.json();
  assert.equal(r.status, 201, JSON.stringify(created));
  return { key, ...created };
}

/** The request as its token reads it: status and history. */
async function readRequest(api, { reference, token }) {
  const r = await fetch(`${api.url}/api/v1/referrals/${reference}`, { headers: { Authorization: `Bearer ${token}` } });
  const view = await r.json();
  assert.equal(r.status, 200, JSON.stringify(view));
  return view;
}

/**
 * The outbox (`vardkoll.referrals`, version 1) as the app keeps it after
 * sending `requests` and reading each one's offer, with the patient's answer
 * to each one written down and not yet sent (`answers`, one Idempotency-Key
 * each, kept for every attempt).
 */
function outboxWithAnswers(requests) {
  const sent = requests.map((r) => ({
    key: r.key,
    reference: r.reference,
    token: r.token,
    label: { service: "Höftledsplastik", providers: ["karolinska-solna"] },
    createdAt: r.createdAt,
    status: r.view.status,
    history: r.view.history,
  }));
  const answers = requests.map((r) => ({
    key: crypto.randomUUID(),
    reference: r.reference,
    answer: r.answer,
    failures: 0,
    nextAttempt: 0,
  }));
  return JSON.stringify({ version: 1, pending: [], sent, answers });
}

test(`${ANSWERS} answers to offers survive the same faults, reloads and a killed instance: each recorded exactly once`, async (t) => {
  const setupStarted = Date.now();
  const database = newDatabase();
  const provider = await startOidcProvider();
  t.after(() => provider.close());
  const under = await Promise.all([0, 1].map(() => startApi({ VARDKOLL_DATABASE_URL: database, ...UNLIMITED })));
  t.after(async () => {
    for (const instance of under) await instance.stop();
  });
  // The navigators' door to the same database: sets up the offers, never behind the proxy.
  const staff = await startApi({ VARDKOLL_DATABASE_URL: database, VARDKOLL_OIDC_ISSUER: provider.issuer, ...UNLIMITED });
  t.after(() => staff.stop());
  const answerProxy = await startFaultProxy(under.map((i) => i.url), 20261207);
  t.after(() => answerProxy.close());
  const answerSite = await startServer(dist, 0, answerProxy.url);
  t.after(() => answerSite.close());

  // Requests sent and offered a time (a time agreed outside Vårdkoll, which
  // every answer may take), as a navigator of region 01 does on Vårdlotsen.
  const requests = await inBatches(Array.from({ length: ANSWERS }, (_, i) => i), 10, async (i) => {
    const created = await anonymousRequest(under[0], i);
    await moveAs(staff, provider, "navigator-01", created.reference, "under_review");
    await moveAs(staff, provider, "navigator-01", created.reference, "offered", {
      offer: { providerId: "karolinska-solna", date: inDays(14), time: "10:00" },
    });
    const view = await readRequest(under[0], created);
    assert.equal(view.status, "offered");
    return { ...created, view, answer: KINDS[i % KINDS.length] };
  });
  const setupSeconds = (Date.now() - setupStarted) / 1000;

  const context = await browser.newContext({ locale: "sv-SE" });
  t.after(() => context.close());
  const page = await context.newPage();
  const panics = [];
  page.on("pageerror", (error) => panics.push(String(error)));
  await page.goto(`${answerSite.url}/forfragningar`);
  await page.locator("h1").first().waitFor();
  await page.evaluate((doc) => localStorage.setItem("vardkoll.referrals", doc), outboxWithAnswers(requests));

  const state = () =>
    page.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem("vardkoll.referrals") ?? '{"pending":[],"sent":[]}');
      const answers = doc.answers ?? [];
      return { waiting: answers.filter((a) => !a.refused && !a.needsSignIn).length, refused: answers.filter((a) => a.refused).length, needSignIn: answers.filter((a) => a.needsSignIn).length, left: answers.length };
    });
  const started = Date.now();
  let reloads = 0;
  let offlineSpells = 0;
  let disruptions = 0;
  let killed = null;
  let nextDisruption = Date.now() + 500;
  await page.reload(); // the app starts with the answers waiting
  await page.locator("h1").first().waitFor();
  let now = await state();
  while (now.left > 0) {
    // A third of the way: the second instance dies (SIGKILL), and comes back
    // a few seconds later on the same address and database.
    if (!killed && now.left <= (ANSWERS * 2) / 3) {
      await under[1].kill();
      killed = { at: ANSWERS - now.left, time: Date.now() };
    }
    if (killed && !killed.restarted && Date.now() - killed.time > 3000) {
      under[1] = await under[1].restart();
      killed.restarted = true;
    }
    assert.ok(Date.now() - started < ANSWERS_TIME_LIMIT_MS, `still ${now.left} answers waiting after ${ANSWERS_TIME_LIMIT_MS / 1000} s`);
    if (Date.now() >= nextDisruption) {
      if (disruptions % 3 === 2) {
        // Offline for a while: sends fail at once, then the online event sends again.
        await context.setOffline(true);
        await sleep(700);
        await context.setOffline(false);
        offlineSpells++;
      } else {
        await page.reload(); // mid-send
        await page.locator("h1").first().waitFor();
        reloads++;
      }
      disruptions++;
      nextDisruption = Date.now() + 800 + Math.random() * 1200;
    }
    await sleep(200);
    now = await state();
    assert.equal(now.refused, 0, "no answer may be refused");
    assert.equal(now.needSignIn, 0, "no answer may wait for a sign-in");
  }
  const seconds = (Date.now() - started) / 1000;
  // The killed instance is back before the counting (when the outbox was quicker).
  if (killed && !killed.restarted) {
    under[1] = await under[1].restart();
    killed.restarted = true;
  }

  // On the server, read with each request's own token past the proxy.
  const views = await inBatches(requests, 10, (r) => readRequest(under[0], r));
  let storedOnce = 0;
  let duplicates = 0;
  let missing = 0;
  const wrong = [];
  views.forEach((view, i) => {
    const given = view.history.filter((change) => change.answer);
    if (given.length === 1) storedOnce++;
    if (given.length === 0) missing++;
    duplicates += Math.max(0, given.length - 1);
    const { reference, answer } = requests[i];
    if (view.status !== OUTCOME[answer] || given.some((change) => change.answer !== answer)) {
      wrong.push(`${reference}: ${answer} -> ${view.status} (${given.map((c) => c.answer).join(", ")})`);
    }
  });
  // What the app keeps: each sent request with the status its answer gave.
  const shown = await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem("vardkoll.referrals"));
    return { answers: (doc.answers ?? []).length, statuses: Object.fromEntries(doc.sent.map((s) => [s.reference, s.status])) };
  });
  const notShown = requests.filter((r) => shown.statuses[r.reference] !== OUTCOME[r.answer]).map((r) => r.reference);
  const faultsInjected = FAULTS.reduce((sum, [name]) => sum + answerProxy.counts[name], 0);
  const report = {
    answers: ANSWERS,
    byKind: Object.fromEntries(KINDS.map((k) => [k, requests.filter((r) => r.answer === k).length])),
    storedOnce,
    duplicates,
    missing,
    leftInOutbox: shown.answers,
    faultsInjected,
    reloads,
    offlineSpells,
    killedAfter: killed?.at,
    setupSeconds,
    seconds,
    proxy: answerProxy.counts,
  };
  console.log(`fault injection, answers: ${JSON.stringify(report)}`);

  assert.equal(shown.answers, 0, "nothing left in the answer outbox");
  assert.equal(duplicates, 0, "no answer recorded twice");
  assert.equal(missing, 0, "every answer recorded");
  assert.equal(storedOnce, ANSWERS, "each answer recorded exactly once");
  assert.deepEqual(wrong, [], "each request has the status its answer gives");
  assert.deepEqual(notShown, [], "the app shows each answer's outcome");
  assert.ok(answerProxy.counts.created <= ANSWERS, "no answer recorded twice through the proxy");
  assert.ok(answerProxy.counts.replayed > 0, "repeats were answered with the answer recorded");
  assert.ok(faultsInjected > 0, "faults were injected");
  assert.ok(killed?.restarted, "one instance was killed and started again");
  assert.deepEqual(panics, []);
});
