// Signing in with a real OpenID Connect provider (oidc-provider, started here
// on a free loopback port), end to end in Chromium against the real server:
// sign in (authorization code + PKCE), send a request with the verified
// identity (never typed, never stored), sign out, sign in in a fresh browser
// context and find the request from the server; another patient sees none of
// it; a request refused for want of a sign-in waits and goes after signing in.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startApi } from "./api-server.mjs";
import { violations } from "./axe.mjs";
import { holdsIdentityNumber, launch, openPage } from "./browser.mjs";
import { startOidcProvider } from "./oidc-provider.mjs";
import { startPortal } from "./portal.mjs";
import { appErrors as errorsOn, fillRequest, signIn, useProvider } from "./signin-helpers.mjs";
import { DIST } from "./stack.mjs";
import { startServer } from "./static-server.mjs";

const dist = mkdtempSync(join(tmpdir(), "vardkoll-signin-"));
cpSync(DIST, dist, { recursive: true });
// A second deployment of the build for a portal's iframe, asking for single
// sign-on in its config.json.
const framed = mkdtempSync(join(tmpdir(), "vardkoll-signin-framed-"));
cpSync(DIST, framed, { recursive: true });
let framedSite;
let framingPortal;
let api;
let apiPort;
let site;
let provider;
let browser;
let portal;
/** Errors on the app's own pages (see signin-helpers.mjs). */
const appErrors = (page) => errorsOn(page, provider, site.url);
/** Access tokens live this long here, so a test sees the app renew one. */
const TOKEN_SECONDS = 20;

before(async () => {
  apiPort = await freePort();
  site = await startServer(dist, 0, `http://127.0.0.1:${apiPort}`);
  portal = await startPortal(() => site.url);
  framedSite = await startServer(framed, 0, `http://127.0.0.1:${apiPort}`);
  framingPortal = await startPortal(() => framedSite.url);
  provider = await startOidcProvider({
    redirectUris: [`${site.url}/`, `${portal.url}/halsa/vardkoll/`, `${framedSite.url}/`],
    accessTokenTTL: TOKEN_SECONDS,
  });
  api = await startApi({ VARDKOLL_OIDC_ISSUER: provider.issuer }, apiPort);
  // What a deployment sets: the provider in config.json, and its origin in the
  // page's Content-Security-Policy (connect-src) for discovery and tokens.
  useProvider(dist, provider, { parentOrigins: [portal.url] });
  useProvider(framed, provider, { parentOrigins: [framingPortal.url], oidc: { singleSignOn: true } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await portal?.close();
  await framingPortal?.close();
  await site?.close();
  await framedSite?.close();
  await api?.stop();
  await provider?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(framed, { recursive: true, force: true });
});

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
  assert.deepEqual(await violations(page), [], "signed in: WCAG 2.1 AA");
  // On a phone the signed-in header leaves the screen to the page.
  await page.setViewportSize({ width: 390, height: 844 });
  const header = await page.locator(".site-header").evaluate((h) => h.getBoundingClientRect().height);
  assert.ok(header <= 200, `the header takes ${header} of 844 px`);
  await page.setViewportSize({ width: 1280, height: 720 });
  await fillRequest(page, "070-123 45 67");
  // The provider as the form names it ("Name, Town", without a note on whom it takes).
  const chosen = (await page.locator("#referral-provider-0 option:checked").textContent()).trim().replace(/ \(.*\)$/, "");
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
  assert.ok(!holdsIdentityNumber(storage, "191212121212"));
  assert.doesNotMatch(storage, /Tolvan/);
  assert.ok(!holdsIdentityNumber(page.url(), "191212121212"));

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
  // The providers asked for, by name from the catalogue: nothing of them was stored here.
  const card = fresh.page.locator("article.request", { hasText: reference });
  await card.getByText(chosen, { exact: true }).waitFor();
  // A new request here starts with the home region the last one named.
  await fresh.page.getByRole("link", { name: "Ny förfrågan" }).click();
  await fresh.page.waitForFunction(() => document.querySelector("#referral-home-region")?.value === "01");
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
  await fillRequest(page, "070-765 43 21", { identity: "19811228-9874", name: "Lisa Bergström" });
  const before = (await mine("lisa-bergstrom")).length;
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.goto(`${site.url}/forfragningar`);
  await page.getByText("Förfrågan är sparad och skickas när du har loggat in igen.").waitFor();
  assert.equal((await mine("lisa-bergstrom")).length, before, "the server took nothing without a sign-in");
  await signIn(page, "lisa-bergstrom");
  await page.locator(".request__reference").first().waitFor();
  assert.equal((await mine("lisa-bergstrom")).length, before + 1);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!holdsIdentityNumber(stored, "198112289874"), "sent: the identity number has left storage");
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  await context.close();
});

test("the sign-in is renewed silently before the access token runs out", async () => {
  const { context, page } = await openPage(browser, `${site.url}/forfragningar`);
  const errors = appErrors(page);
  await signIn(page, "tolvan");
  const renewal = await page.waitForRequest(
    (request) => request.url().startsWith(provider.issuer) && /grant_type=refresh_token/.test(request.postData() ?? ""),
    { timeout: TOKEN_SECONDS * 1000 },
  );
  assert.equal((await renewal.response()).status(), 200);
  // Past the first token's end: still signed in, and the server still answers.
  await page.waitForTimeout(TOKEN_SECONDS * 1000 - 10_000);
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  const listed = await page.waitForResponse((r) => r.url().endsWith("/api/v1/me/referrals"));
  assert.equal(listed.status(), 200);
  assert.match(await page.locator(".account__name").textContent(), /Tolvan Tolvansson/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("in a portal's element: single sign-on without a second login, and none where the patient is not signed in", async () => {
  portal.elementAttributes = `data-oidc-issuer="${provider.issuer}" data-oidc-client-id="vardkoll-app" data-oidc-scopes="openid profile pin" data-single-sign-on`;
  portal.connectSrc = provider.issuer;
  // Signed in at the provider already (here: on the app's own site).
  const { context, page } = await openPage(browser, `${site.url}/`);
  await signIn(page, "tolvan");
  await page.goto(`${portal.url}/halsa/vardkoll/`);
  await page.locator(".account__name").waitFor();
  assert.match(await page.locator(".account__name").textContent(), /Tolvan Tolvansson/);
  assert.equal(new URL(page.url()).pathname, "/halsa/vardkoll/");
  assert.equal(new URL(page.url()).search, "", "the code has left the address");
  await context.close();

  // Not signed in at the provider: one silent try, then "Logga in", no loop.
  const fresh = await openPage(browser, `${portal.url}/halsa/vardkoll/`);
  const navigations = [];
  fresh.page.on("framenavigated", (frame) => frame === fresh.page.mainFrame() && navigations.push(frame.url()));
  await fresh.page.getByRole("button", { name: "Logga in" }).waitFor();
  await fresh.page.waitForTimeout(1500);
  assert.ok(navigations.length <= 2, `no redirect loop: ${navigations.join(" ")}`);
  assert.equal(await fresh.page.locator(".account__name").count(), 0);
  await fresh.context.close();
});

test("a portal hands the app its own token (the JS hook), and hears when the patient signs out", async () => {
  portal.elementAttributes = `data-oidc-issuer="${provider.issuer}" data-oidc-client-id="vardkoll-app"`;
  portal.connectSrc = "";
  const { context, page } = await openPage(browser, `${portal.url}/halsa/vardkoll/remiss`);
  const errors = appErrors(page);
  await page.getByRole("button", { name: "Logga in" }).waitFor();
  const token = await provider.token("lisa-bergstrom", { ttl: TOKEN_SECONDS });
  await page.evaluate((accessToken) => {
    const element = document.querySelector("[data-vardkoll]");
    window.portalEvents = [];
    for (const name of ["vardkoll:signed-out", "vardkoll:token-needed"]) {
      element.addEventListener(name, () => window.portalEvents.push(name));
    }
    element.dispatchEvent(new CustomEvent("vardkoll:sign-in", { detail: { accessToken } }));
  }, token);
  await page.locator(".account__name", { hasText: "Lisa Bergström" }).waitFor();
  await page.locator(".signed-in-identity").getByText("19811228-9874").waitFor();
  // Before it runs out, the app asks the portal for a new token.
  await page.waitForFunction(() => window.portalEvents.includes("vardkoll:token-needed"), null, {
    timeout: TOKEN_SECONDS * 1000,
  });
  await page.getByLabel("Telefon").fill("070-765 43 21");
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("button", { name: "Logga in" }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.portalEvents), ["vardkoll:token-needed", "vardkoll:signed-out"]);
  assert.equal(await page.locator(".signed-in-identity").count(), 0, "the identity is gone with the sign-out");
  assert.equal(await page.getByLabel("Telefon").inputValue(), "", "what was typed is gone with the sign-out");
  // A token that is not the provider's is not taken.
  await page.evaluate(() =>
    document
      .querySelector("[data-vardkoll]")
      .dispatchEvent(new CustomEvent("vardkoll:sign-in", { detail: { accessToken: "e30.e30.x" } })),
  );
  await page.getByText("Det gick inte att logga in just nu").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a request sent before the deployment had sign-in is claimed by its patient only", async () => {
  // The same database, first without an identity provider, then with one.
  const db = join(dist, "claim.sqlite3");
  await api.stop();
  api = await startApi({ VARDKOLL_DB: db }, apiPort);
  const { context, page } = await openPage(browser, `${site.url}/remiss?tjanst=op-hoft`);
  const errors = appErrors(page);
  await fillRequest(page, "070-123 45 67", { identity: "19121212-1212", name: "Tolvan Tolvansson" });
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();
  await api.stop();
  api = await startApi({ VARDKOLL_DB: db, VARDKOLL_OIDC_ISSUER: provider.issuer }, apiPort);
  assert.deepEqual(await mine("tolvan"), []);

  // Another patient signed in on this browser cannot take it.
  await page.goto(`${site.url}/forfragningar`);
  await signIn(page, "lisa-bergstrom");
  await page.locator(".request__reference", { hasText: reference }).waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(await mine("lisa-bergstrom"), [], "not Lisa's: it carries Tolvan's identity number");
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("button", { name: /sign me out/i }).click();
  await page.getByRole("button", { name: "Logga in" }).waitFor();

  // Its own patient signs in: it is theirs, on every device.
  await page.goto(`${site.url}/forfragningar`);
  await signIn(page, "tolvan");
  await page.locator(".request__reference", { hasText: reference }).waitFor();
  for (let i = 0; i < 50 && (await mine("tolvan")).length === 0; i++) await page.waitForTimeout(100);
  assert.deepEqual((await mine("tolvan")).map((r) => r.reference), [reference]);
  assert.deepEqual(errors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test("in an allowed portal's iframe the portal hands the app its token by message; another portal cannot", async () => {
  const other = await startPortal(() => site.url);
  const handIn = async (page, origin, accessToken) => {
    await page.frameLocator("iframe").getByRole("button", { name: "Logga in" }).waitFor();
    await page.evaluate(
      ({ origin, accessToken }) => {
        window.appMessages = [];
        window.addEventListener("message", (event) => event.origin === origin && window.appMessages.push(event.data.type));
        document.querySelector("iframe").contentWindow.postMessage({ type: "vardkoll:sign-in", accessToken }, origin);
      },
      { origin, accessToken },
    );
  };
  const token = await provider.token("lisa-bergstrom");

  const stranger = await openPage(browser, `${other.url}/iframe/remiss`);
  await handIn(stranger.page, site.url, token);
  await stranger.page.waitForTimeout(1000);
  assert.equal(await stranger.page.frameLocator("iframe").locator(".account__name").count(), 0, "not an allowed portal");
  await stranger.context.close();
  await other.close();

  const { context, page } = await openPage(browser, `${portal.url}/iframe/remiss`);
  await handIn(page, site.url, token);
  const app = page.frameLocator("iframe");
  await app.locator(".account__name", { hasText: "Lisa Bergström" }).waitFor();
  await app.locator(".signed-in-identity").getByText("19811228-9874").waitFor();
  await app.getByRole("button", { name: "Logga ut" }).click();
  await page.waitForFunction(() => window.appMessages.includes("vardkoll:signed-out"));
  await app.getByRole("button", { name: "Logga in" }).waitFor();
  await context.close();
});

test("when the sign-in code cannot be loaded, the patient hears so and signing in works on the next try", async () => {
  const { context, page } = await openPage(browser, `${site.url}/remiss`);
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  let blocked = true;
  await page.route("**/sign_in.pack", (route) => (blocked ? route.abort("internetdisconnected") : route.fallback()));
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("alert").filter({ hasText: "Det gick inte att logga in just nu" }).waitFor();
  assert.equal(new URL(page.url()).origin, site.url, "still in the app");
  blocked = false;
  await signIn(page, "tolvan");
  assert.equal(await page.getByRole("alert").filter({ hasText: "Det gick inte att logga in" }).count(), 0);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("in a portal's iframe: single sign-on without a second login where the patient is signed in", async () => {
  const { context, page } = await openPage(browser, `${site.url}/`);
  await signIn(page, "tolvan");
  await page.goto(`${framingPortal.url}/iframe/forfragningar`);
  const app = page.frameLocator("iframe");
  await app.locator(".account__name", { hasText: "Tolvan Tolvansson" }).waitFor();
  assert.equal(await app.getByRole("button", { name: "Logga in" }).count(), 0);
  await context.close();

  // Not signed in at the provider: one silent try, then "Logga in".
  const fresh = await openPage(browser, `${framingPortal.url}/iframe/forfragningar`);
  await fresh.page.frameLocator("iframe").getByRole("button", { name: "Logga in" }).waitFor();
  await fresh.page.waitForTimeout(1000);
  assert.equal(await fresh.page.frameLocator("iframe").getByRole("button", { name: "Logga in" }).count(), 1, "no loop");
  await fresh.context.close();
});
