// Signing in with a real OpenID Connect provider (oidc-provider, started here
// on a free loopback port), end to end in Chromium against the real server:
// sign in (authorization code + PKCE), send a request with the verified
// identity (never typed, never stored), sign out, sign in in a fresh browser
// context and find the request from the server; another patient sees none of
// it; a request refused for want of a sign-in waits and goes after signing in.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startApi } from "./api-server.mjs";
import { launch, openPage } from "./browser.mjs";
import { startOidcProvider } from "./oidc-provider.mjs";
import { DIST } from "./stack.mjs";
import { startServer } from "./static-server.mjs";

const dist = mkdtempSync(join(tmpdir(), "vardkoll-signin-"));
cpSync(DIST, dist, { recursive: true });
let api;
let site;
let provider;
let browser;

before(async () => {
  const apiPort = await freePort();
  site = await startServer(dist, 0, `http://127.0.0.1:${apiPort}`);
  provider = await startOidcProvider({ redirectUris: [`${site.url}/`] });
  api = await startApi({ VARDKOLL_OIDC_ISSUER: provider.issuer }, apiPort);
  // What a deployment sets: the provider in config.json, and its origin in the
  // page's Content-Security-Policy (connect-src) for discovery and tokens.
  writeFileSync(
    join(dist, "config.json"),
    JSON.stringify({
      apiBaseUrl: "/api/v1",
      oidc: { issuer: provider.issuer, clientId: "vardkoll-app", scopes: "openid profile pin" },
    }),
  );
  const index = join(dist, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("connect-src 'self'", `connect-src 'self' ${provider.issuer}`));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
  await provider?.close();
  rmSync(dist, { recursive: true, force: true });
});

/**
 * Errors on the app's own pages: the provider's pages are not ours (they load
 * their own fonts and icon, which this offline machine cannot reach).
 */
function appErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    const from = message.location().url ?? "";
    if (message.type() === "error" && !from.startsWith(provider.issuer) && new URL(page.url()).origin === site.url) {
      errors.push(`${message.text()} (${from})`);
    }
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/** Signs in as `login` at the provider's own pages (login, then consent). */
async function signIn(page, login) {
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any");
  await page.locator("button[type=submit]").click();
  // The first time, the provider asks the patient to let the app in.
  const consent = page.getByRole("button", { name: "Continue" });
  await Promise.race([consent.click().catch(() => {}), page.getByText("Inloggad som").waitFor()]);
  await page.getByText("Inloggad som").waitFor();
}

const mine = async (sub) => {
  const token = await provider.token(sub);
  const r = await fetch(`${api.url}/api/v1/me/referrals`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  return r.json();
};

test("a signed-in patient sends a request with their verified identity and finds it on another device", async () => {
  const { context, page } = await openPage(browser, `${site.url}/remiss?tjanst=op-hoft`);
  const errors = appErrors(page);
  await signIn(page, "tolvan");
  // Back where the patient was, the code gone from the address.
  await page.waitForURL(/\/remiss\?tjanst=op-hoft$/);
  assert.match(await page.locator(".account__name").textContent(), /Tolvan Tolvansson/);
  // The identity comes from the sign-in: shown, not a field.
  const identity = page.locator(".signed-in-identity");
  await identity.getByText("19121212-1212").waitFor();
  assert.equal(await page.locator("#referral-identity").count(), 0);
  await page.getByLabel("Telefon").fill("070-123 45 67");
  await page.waitForFunction(() => document.querySelector("#referral-service")?.selectedIndex > 0);
  await page.locator("#referral-provider-0").selectOption({ index: 1 });
  await page.getByLabel("Jag samtycker till att förfrågan").check();
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();

  // Bound to the patient on the server; never in the browser's storage or address.
  assert.deepEqual((await mine("tolvan")).map((r) => r.reference), [reference]);
  assert.deepEqual(await mine("lisa-bergstrom"), []);
  const lisa = await provider.token("lisa-bergstrom");
  const other = await fetch(`${api.url}/api/v1/referrals/${reference}`, { headers: { Authorization: `Bearer ${lisa}` } });
  assert.equal(other.status, 404, "another patient's token sees nothing, not even that it exists");
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.doesNotMatch(storage, /1212121212|Tolvan/);
  assert.doesNotMatch(page.url(), /1212/);

  // Signing out ends the session at the provider too and clears the patient.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("button", { name: /sign me out/i }).click();
  await page.getByRole("button", { name: "Logga in" }).waitFor();
  assert.equal(await page.getByText("Tolvan Tolvansson").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();

  // Another device: a fresh browser context with nothing stored.
  const fresh = await openPage(browser, `${site.url}/forfragningar`);
  const freshErrors = appErrors(fresh.page);
  await signIn(fresh.page, "tolvan");
  await fresh.page.locator(".request__reference", { hasText: reference }).waitFor();
  assert.deepEqual(freshErrors, []);
  await fresh.context.close();

  // Another patient signed in sees none of it.
  const lisaPage = await openPage(browser, `${site.url}/forfragningar`);
  await signIn(lisaPage.page, "lisa-bergstrom");
  await lisaPage.page.getByText("Du har inga förfrågningar").waitFor({ state: "attached" });
  assert.equal(await lisaPage.page.locator(".request__reference").count(), 0);
  await lisaPage.context.close();
});

test("a request sent without a sign-in waits, kept, and goes once the patient signs in", async () => {
  const { context, page } = await openPage(browser, `${site.url}/remiss?tjanst=op-hoft`);
  const errors = appErrors(page);
  await page.getByRole("button", { name: "Logga in" }).waitFor();
  await page.getByLabel("Personnummer eller samordningsnummer").fill("19811228-9874");
  await page.getByLabel("Namn").fill("Lisa Bergström");
  await page.getByLabel("Telefon").fill("070-765 43 21");
  await page.waitForFunction(() => document.querySelector("#referral-service")?.selectedIndex > 0);
  await page.locator("#referral-provider-0").selectOption({ index: 1 });
  await page.getByLabel("Jag samtycker till att förfrågan").check();
  const before = (await mine("lisa-bergstrom")).length;
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.goto(`${site.url}/forfragningar`);
  await page.getByText("Förfrågan är sparad och skickas när du har loggat in igen.").waitFor();
  assert.equal((await mine("lisa-bergstrom")).length, before, "the server took nothing without a sign-in");
  await signIn(page, "lisa-bergstrom");
  await page.locator(".request__reference").first().waitFor();
  assert.equal((await mine("lisa-bergstrom")).length, before + 1);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.doesNotMatch(stored, /198112289874|19811228-9874/, "sent: the identity number has left storage");
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await context.close();
});
