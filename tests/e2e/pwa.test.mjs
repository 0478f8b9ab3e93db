// The installable app in Chromium: the manifest and its icons; the service
// worker keeps the deadline tracker, the last comparison and the request form
// working with the server gone, queues a request and never caches personal
// data; a new build is offered with a reload prompt and taken up on accept.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STAFF_PAGES } from "../../scripts/staff-pages.mjs";
import { isoDaysAgo } from "./browser.mjs";
import { startServer } from "./static-server.mjs";
import { DIST, useStack } from "./stack.mjs";

// A copy of the build, so the test can publish a "new version" of it.
const dist = mkdtempSync(join(tmpdir(), "vardkoll-pwa-"));
cpSync(DIST, dist, { recursive: true });
const stack = useStack({ dist });
after(() => rmSync(dist, { recursive: true, force: true }));

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test("the manifest names the app, its colours, start URL and icons (192, 512, maskable)", async () => {
  const response = await fetch(`${stack.site.url}/manifest.webmanifest`);
  assert.equal(response.headers.get("content-type"), "application/manifest+json");
  const manifest = await response.json();
  assert.equal(manifest.short_name, "Vårdkoll");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.theme_color, "#1d4f91");
  const sizes = [];
  for (const icon of manifest.icons) {
    const image = await fetch(new URL(icon.src, `${stack.site.url}/`));
    assert.equal(image.headers.get("content-type"), "image/png");
    const [width, height] = pngSize(Buffer.from(await image.arrayBuffer()));
    assert.equal(`${width}x${height}`, icon.sizes);
    sizes.push(`${icon.sizes} ${icon.purpose}`);
  }
  assert.deepEqual(sizes, ["192x192 any", "512x512 any", "512x512 maskable"]);
  const page = await (await fetch(stack.site.url)).text();
  assert.match(page, /rel="?manifest"?[ >]/);
});

test("offline: the tracker, the last comparison and the form work; a request waits and is sent later", async () => {
  const port = Number(new URL(stack.site.url).port);
  const context = await stack.browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const panics = [];
  page.on("pageerror", (e) => panics.push(String(e)));
  await page.goto(stack.site.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await page.getByLabel("Vad gäller vården?").fill("Höften");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await page.getByLabel("Vad hände?").selectOption("referral_issued");
  await page.getByLabel("Datum", { exact: true }).fill(isoDaysAgo(30));
  await page.getByRole("button", { name: "Lägg till händelse" }).click();
  await page.locator(".timeline__item").getByText("60 dagar kvar").waitFor();
  await page.getByRole("link", { name: "Väntetider" }).click();
  await page.getByLabel("Sök behandling eller besök").fill("hoft");
  await page.getByRole("button", { name: "Höftledsplastik" }).click();
  const first = (await page.locator("table.provider-table tbody tr .provider-name").first().textContent()).trim();
  await page.getByRole("link", { name: "Mina förfrågningar" }).click();
  await page.getByText("Du har inga förfrågningar").waitFor();

  // The server is gone (the web server, not just the browser's network flag).
  await stack.site.close();
  await page.goto(stack.site.url);
  await page.locator(".timeline__item").getByText("60 dagar kvar").waitFor();
  await page.getByRole("link", { name: "Väntetider" }).click();
  await page.getByLabel("Sök behandling eller besök").fill("hoft");
  await page.getByRole("button", { name: "Höftledsplastik" }).click();
  await page.locator("table.provider-table tbody tr .provider-name", { hasText: first }).first().waitFor();
  await page.getByText("Exempeldata").first().waitFor();

  await page.goto(`${stack.site.url}/remiss?tjanst=op-hoft`).catch(() => {});
  await page.getByLabel("Vårdgivare 1", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
  await page.getByLabel("Namn").fill("Tolvan Tolvansson");
  await page.getByLabel("Telefon").fill("070-123 45 67");
  await page.locator("#referral-home-region").selectOption("01");
  await page.getByLabel("Jag samtycker till att förfrågan").check();
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Väntar på att skickas").waitFor();
  const before = await stack.api.referralCount();

  // Back: sent, and nothing personal was ever cached.
  stack.site = await startServer(dist, port, stack.api.url);
  await page.getByRole("button", { name: "Försök skicka nu" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  assert.equal(await stack.api.referralCount(), before + 1);
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
  assert.ok(cached.some((u) => u.includes("/api/v1/statistics")), "statistics are cached");
  for (const split of ["page_guarantees", "page_wait_times", "page_referral", "page_requests"]) {
    assert.ok(cached.some((u) => u.includes("/app/") && u.endsWith(`/${split}.pack`)), `${split} is precached`);
  }
  // The staff's pages are never in a patient's download.
  for (const split of STAFF_PAGES) {
    assert.ok(!cached.some((u) => u.endsWith(`/${split}.pack`)), `${split} is not precached`);
  }
  assert.deepEqual(cached.filter((u) => /referrals|admin/.test(u)), [], "no referral or admin call is cached");
  assert.deepEqual(panics, []);
  await context.close();
});

test("a new build is offered with a reload prompt and taken up when the patient accepts", async () => {
  const context = await stack.browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  await page.goto(stack.site.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const oldWorker = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
  assert.equal(await page.getByText("En ny version av Vårdkoll finns.").isVisible(), false);

  // A new build is published; the browser checks for it.
  appendFileSync(join(dist, "sw.js"), "\n// a new build\n");
  await page.evaluate(() => { window.__before = true; });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByText("En ny version av Vårdkoll finns.").waitFor();
  await page.getByRole("button", { name: "Ladda om sidan" }).click();
  await page.waitForFunction(() => window.__before === undefined && document.querySelector("h1"));
  await page.locator("h1").waitFor();
  assert.equal(await page.getByText("En ny version av Vårdkoll finns.").isVisible(), false);
  const state = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: registration.waiting !== null, active: registration.active?.state };
  });
  assert.deepEqual(state, { waiting: false, active: "activated" });
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), oldWorker);
  await context.close();
});
