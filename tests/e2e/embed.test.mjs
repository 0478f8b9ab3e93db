// Embedded in a portal (tests/e2e/portal.mjs), both ways, with the three
// patient flows — compare and pick a provider, request care there and follow
// the request, track a deadline — run inside each:
// - in an iframe: the app reports its height by postMessage to the origins
//   config.json allows, and to no other, so the portal sizes the iframe;
// - in the portal's own element, under a sub-path, configured by the element's
//   data attributes, its stylesheet kept apart from the portal's both ways.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { violations } from "./axe.mjs";
import { holdsIdentityNumber, isoDaysAgo, openPage } from "./browser.mjs";
import { startPortal } from "./portal.mjs";
import { DIST, useStack } from "./stack.mjs";

// A copy of the build, whose config.json allows the portal (whose address is
// known only once it runs) to embed the app in an iframe.
const dist = mkdtempSync(join(tmpdir(), "vardkoll-embed-"));
cpSync(DIST, dist, { recursive: true });
const stack = useStack({ dist });
let portal;
let other;

before(async () => {
  portal = await startPortal(() => stack.site.url);
  other = await startPortal(() => stack.site.url);
  writeFileSync(join(dist, "config.json"), JSON.stringify({ apiBaseUrl: "/api/v1", parentOrigins: [portal.url] }));
});

after(async () => {
  await portal?.close();
  await other?.close();
  rmSync(dist, { recursive: true, force: true });
});

/**
 * The three flows inside `app` (the iframe's or the portal's page; Playwright's
 * locators reach into the app's shadow root). The comparison is open on
 * "Höftledsplastik"; returns the request's reference.
 */
async function patientFlows(app) {
  // Compare, and ask for care where the wait is shorter.
  const link = app.locator("table.provider-table tbody tr").getByRole("link", { name: "Begär vård här" }).first();
  await link.click();
  await app.getByRole("heading", { name: "Begär vård hos en annan vårdgivare", level: 1 }).waitFor();
  await app.locator("#referral-provider-0 option:checked:not([value=''])").waitFor({ state: "attached" });
  // Nothing filled in: the summary's links lead to the fields, inside the app.
  await app.getByRole("button", { name: "Skicka förfrågan" }).click();
  await app.locator(".error-summary").getByRole("link", { name: "Skriv ditt namn." }).click();
  await app.locator("#referral-name:focus").waitFor();
  await app.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
  await app.getByLabel("Namn").fill("Tolvan Tolvansson");
  await app.getByLabel("Telefon").fill("070-123 45 67");
  await app.locator("#referral-home-region").selectOption("12");
  await app.getByLabel("Jag samtycker till att förfrågan").check();
  const before = await stack.api.referralCount();
  await app.getByRole("button", { name: "Skicka förfrågan" }).click();
  await app.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await app.locator(".receipt__reference").textContent()).trim();
  assert.equal(await stack.api.referralCount(), before + 1);

  // Follow it.
  await app.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  await app.locator("article.request[data-state=received]", { hasText: reference }).waitFor();

  // Track a deadline.
  await app.getByRole("link", { name: "Mina vårdgarantier" }).click();
  await app.getByLabel("Vad gäller vården?").fill("Höften");
  await app.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await app.getByRole("heading", { name: "Höften" }).waitFor();
  await app.getByLabel("Vad hände?").selectOption("referral_issued");
  await app.getByLabel("Datum", { exact: true }).fill(isoDaysAgo(30));
  await app.getByRole("button", { name: "Lägg till händelse" }).click();
  await app.locator(".timeline__item").first().getByText("60 dagar kvar").waitFor();
  return reference;
}

test("in an allowed portal's iframe: the portal hears the app's height and the three flows work inside", async () => {
  const { context, page, errors } = await openPage(stack.browser, `${portal.url}/iframe/vantetider?tjanst=op-hoft`);
  const app = page.frameLocator("iframe");
  await app.locator("table.provider-table tbody tr").first().waitFor();
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 600);
  // Read together: each message resizes the iframe at once.
  const [first, frameHeight] = await page.evaluate(() => [
    window.heights.at(-1),
    Math.round(document.querySelector("iframe").getBoundingClientRect().height),
  ]);
  assert.equal(frameHeight, first, "the portal sized the iframe to the app");
  // The app grows (a trend opens): the portal hears the new height.
  await app.locator("table.provider-table tbody tr").first().getByRole("button", { name: "Visa trend" }).click();
  await app.locator(".trend-chart polyline").first().waitFor();
  await page.waitForFunction((h) => window.heights.at(-1) > h, first);

  await patientFlows(app);
  // The portal's own look is untouched by the app's stylesheet.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily), "Georgia, serif");
  assert.deepEqual(errors, []);
  await context.close();
});

test("in a portal's iframe the height settles on the content's and the messages stop", async () => {
  // The README's snippet sizes the iframe from each message; anything in the
  // app sized by the viewport would grow it again with each one.
  for (const path of ["/", "/vantetider?tjanst=op-hoft"]) {
    const { context, page, errors } = await openPage(stack.browser, `${portal.url}/iframe${path}`);
    await page.frameLocator("iframe").locator("main h1").waitFor();
    await page.waitForTimeout(10_000);
    const settled = await page.evaluate(() => ({
      count: window.heights.length,
      last: window.heights.at(-1),
      quietFor: performance.now() - (window.heightsAt.at(-1) ?? 0),
      frame: document.querySelector("iframe").getBoundingClientRect().height,
    }));
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Where the app's content ends: the bottom of its footer, in the document.
    const content = await frame.evaluate(() => document.querySelector(".site-footer").getBoundingClientRect().bottom + window.scrollY);
    console.log(`iframe ${path}: ${settled.count} height messages in 10 s, frame ${settled.frame} px, content ${content} px`);
    assert.ok(settled.count > 0 && settled.count < 20, `${path}: a few height messages, not ${settled.count}`);
    assert.ok(settled.quietFor > 5_000, `${path}: no message in the last 5 s (last ${Math.round(settled.quietFor)} ms ago)`);
    assert.ok(Math.abs(settled.frame - content) <= 3, `${path}: the frame (${settled.frame} px) fits the content (${content} px)`);
    assert.ok(Math.abs(settled.last - content) <= 3, `${path}: the reported height (${settled.last} px) is the content's (${content} px)`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a portal that is not allowed hears nothing", async () => {
  const { context, page } = await openPage(stack.browser, `${other.url}/iframe/`);
  await page.frameLocator("iframe").locator("h1").waitFor();
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.evaluate(() => window.heights), []);
  await context.close();
});

test("the portal on a phone: the app lays out at the phone's width", async () => {
  const context = await stack.browser.newContext({ locale: "sv-SE", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${portal.url}/halsa/vardkoll/?tjanst=op-hoft`);
  await page.locator("table.provider-table, .provider-table").first().waitFor();
  const widths = await page.evaluate(() => ({ layout: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
  assert.equal(widths.layout, 390, "the portal's page says it is made for the device's width");
  assert.ok(widths.scroll <= widths.layout + 1, `nothing sticks out sideways (${widths.scroll} px)`);
  await context.close();
});

/** Computed styles of the app's elements, for comparing the app on its own page with the app in a portal. */
const LOOKS = ["h1", ".site-header", ".site-header a", "label", "input", "button.button", "p.lead", ".site-footer"];
const PROPERTIES = [
  "font-family", "font-size", "font-weight", "line-height", "letter-spacing", "color", "background-color",
  "text-align", "margin-top", "margin-bottom", "padding-top", "padding-left", "border-top-width", "border-radius",
];
function looks(page) {
  return page.evaluate(
    ([selectors, properties]) => {
      const root = document.querySelector("[data-vardkoll]")?.shadowRoot ?? document;
      return Object.fromEntries(selectors.map((selector) => {
        const element = root.querySelector(selector);
        if (!element) return [selector, null];
        const style = getComputedStyle(element);
        return [selector, Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]))];
      }));
    },
    [LOOKS, PROPERTIES],
  );
}

test("in the portal's element under a sub-path: settings from data attributes, CSS kept apart both ways, the three flows", async () => {
  const { context, page, errors } = await openPage(stack.browser, `${portal.url}/halsa/vardkoll/?tjanst=op-hoft`);
  const portalLook = () =>
    page.evaluate(() => ({
      h1: getComputedStyle(document.querySelector("body > main > h1")).fontSize,
      button: getComputedStyle(document.querySelector("#portal-button")).backgroundColor,
      body: getComputedStyle(document.body).fontFamily,
      lang: document.documentElement.lang,
      dir: document.documentElement.getAttribute("dir"),
      title: document.title,
      styleSheets: document.styleSheets.length,
      head: document.head.children.length,
    }));
  const untouched = await portalLook();

  // The start page at the portal's path is the comparison, with the portal's home region.
  await page.locator("table.provider-table tbody tr").first().waitFor();
  assert.equal(await page.getByLabel("Din hemregion").inputValue(), "12");
  await page.getByText(/kortare än i din region/).first().waitFor();
  assert.deepEqual(await violations(page, "#vardkoll"), [], "WCAG 2.1 A/AA inside the portal");
  // The API is reached where the portal said: through its own /vardkoll/api/.
  assert.ok(portal.apiCalls > 0, "API calls go through the portal's path");
  assert.deepEqual(await portalLook(), untouched, "the portal's page is as it was");

  const reference = await patientFlows(page);
  assert.match(page.url(), /\/halsa\/vardkoll\/vardgarantier$/);
  // Every page has its address under the portal's path, and back goes back.
  await page.goBack();
  await page.locator("article.request", { hasText: reference }).waitFor();
  assert.match(page.url(), /\/halsa\/vardkoll\/forfragningar$/);
  // Opened directly (a bookmark, a reload), the page is found again.
  await page.goto(`${portal.url}/halsa/vardkoll/vardgarantier`);
  await page.getByRole("heading", { name: "Höften" }).waitFor();
  assert.deepEqual(await violations(page, "#vardkoll"), [], "WCAG 2.1 A/AA inside the portal");
  // The skip link shows only once focused (above the app's element is the
  // portal's page), and leads into the app's own main, inside its element.
  const skipWidth = () => page.locator(".skip-link").evaluate((link) => link.getBoundingClientRect().width);
  assert.ok((await skipWidth()) <= 1, "the skip link is hidden until focused");
  await page.locator(".skip-link").focus();
  assert.ok((await skipWidth()) > 20, "the focused skip link shows");
  await page.keyboard.press("Enter");
  await page.locator("main#main:focus").waitFor();
  // Narrow phones: nothing sticks out sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1));
  await page.setViewportSize({ width: 1280, height: 720 });

  // Language: the app's own element says it, not the portal's page.
  await page.getByLabel("Språk").selectOption("ar");
  await page.locator(".vardkoll-app[lang=ar][dir=rtl]").waitFor({ state: "attached" });
  assert.deepEqual(await portalLook(), untouched, "the portal's page keeps its language and look");
  // The portal's data-lang decides at the next start.
  await page.reload();
  await page.locator(".vardkoll-app[lang=sv][dir=ltr]").waitFor({ state: "attached" });

  // The app looks as on its own page, whatever the portal's stylesheet says
  // (compared once the page's split point has drawn its form, on both).
  await page.locator("#new-episode-title").waitFor();
  const embedded = await looks(page);
  const own = await openPage(stack.browser, `${stack.site.url}/vardgarantier`);
  await own.page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
  await own.page.locator("#new-episode-title").waitFor();
  assert.deepEqual(embedded, await looks(own.page));
  assert.ok(Object.values(embedded).every(Boolean), "every compared element is there");
  await own.context.close();

  // No identity number in the portal's addresses or storage after acknowledgement.
  assert.ok(!holdsIdentityNumber(page.url(), "191212121212"));
  assert.ok(!holdsIdentityNumber(await page.evaluate(() => JSON.stringify(localStorage)), "191212121212"));
  assert.deepEqual(errors, []);
  await context.close();
});
