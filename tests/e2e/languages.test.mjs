// Languages: Swedish by default, English or Arabic from the browser, switchable
// and remembered; `lang` and `dir` on the document (Arabic right to left); the
// page chunks follow; dates and numbers as each language writes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isoDaysAgo } from "./browser.mjs";
import { useStack } from "./stack.mjs";

const stack = useStack();

const documentLang = (page) =>
  page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

async function open(locale, path = "/") {
  const context = await stack.browser.newContext({ locale, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${stack.site.url}${path}`);
  await page.locator("h1").waitFor();
  return { context, page, errors };
}

test("Swedish by default and for browsers asking for a language Vårdkoll does not speak", async () => {
  for (const locale of ["sv-SE", "de-DE"]) {
    const { context, page, errors } = await open(locale);
    assert.equal(await page.locator("h1").textContent(), "Mina vårdgarantier");
    assert.deepEqual(await documentLang(page), ["sv", "ltr"]);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("English from the browser, with English dates, numbers and the comparison chunk in English", async () => {
  const { context, page, errors } = await open("en-GB");
  assert.equal(await page.locator("h1").textContent(), "My care guarantees");
  assert.deepEqual(await documentLang(page), ["en", "ltr"]);
  await page.getByLabel("What is the care about?").fill("My hip");
  await page.getByRole("button", { name: "Add care episode" }).click();
  await page.getByLabel("What happened?").selectOption("referral_issued");
  await page.getByLabel("Date", { exact: true }).fill(isoDaysAgo(30));
  await page.getByRole("button", { name: "Add event" }).click();
  await page.locator(".timeline__item").getByText("60 days left").waitFor();
  assert.match(await page.locator(".timeline__item").textContent(), /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/);

  await page.getByRole("link", { name: "Waiting times" }).click();
  await page.getByLabel("Search for a treatment or visit").fill("hoft");
  await page.getByRole("button", { name: "Hip replacement" }).click();
  await page.locator("table.provider-table tbody tr").first().waitFor();
  assert.match(await page.locator("table.provider-table").textContent(), /\d+%/);
  assert.doesNotMatch(await page.locator("table.provider-table").textContent(), /\d+ %/);
  await page.getByRole("link", { name: "My requests" }).click();
  await page.getByRole("heading", { name: "My requests", level: 1 }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("switching to Arabic lays the page out right to left, is remembered, and reaches every page", async () => {
  const { context, page, errors } = await open("sv-SE");
  await page.getByLabel("Språk", { exact: true }).selectOption("ar");
  await page.getByRole("heading", { name: "ضمانات رعايتي", level: 1 }).waitFor();
  assert.deepEqual(await documentLang(page), ["ar", "rtl"]);
  // Focus stays on the language menu after the page is drawn again.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "language");
  // Right to left: the navigation starts at the right edge.
  const nav = await page.locator("nav a").first().boundingBox();
  const width = page.viewportSize().width;
  assert.ok(nav.x > width / 2, `first link at x=${nav.x} of ${width}`);

  await page.reload();
  await page.getByRole("heading", { name: "ضمانات رعايتي", level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("vardkoll.lang")), "ar");

  await page.getByRole("link", { name: "أوقات الانتظار" }).click();
  await page.getByRole("heading", { name: "أوقات الانتظار", level: 1 }).waitFor();
  await page.goto(`${stack.site.url}/remiss?tjanst=op-hoft`);
  await page.getByRole("heading", { name: "اطلب الرعاية لدى مقدّم رعاية آخر", level: 1 }).waitFor();
  await page.locator("#referral-form button[type=submit]").click();
  await page.locator("#referral-name-error", { hasText: "اكتب اسمك." }).waitFor();

  await page.getByLabel("اللغة", { exact: true }).selectOption("sv");
  await page.getByRole("heading", { name: "Begär vård hos en annan vårdgivare", level: 1 }).waitFor();
  assert.deepEqual(await documentLang(page), ["sv", "ltr"]);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Opens `path` in a browser asking for `locale`, with the split point `pack`
 * failing as offline until `unblock()`.
 */
async function openWithoutPack(locale, pack, path) {
  const context = await stack.browser.newContext({ locale, serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let blocked = true;
  await page.route(`**/${pack}.pack`, (route) => (blocked ? route.abort("internetdisconnected") : route.fallback()));
  await page.goto(`${stack.site.url}${path}`);
  return { context, page, errors, unblock: () => (blocked = false) };
}

test("a page's English texts load with it: when they cannot be loaded, the page says so and a retry works", async () => {
  // The English tables (split point lang_en) fail once, as offline.
  const { context, page, errors, unblock } = await openWithoutPack("en-GB", "lang_en", "/vantetider");
  // The shell and the page's top are English already: they are in the first load.
  await page.getByRole("heading", { name: "Waiting times", level: 1 }).waitFor();
  const alert = page.getByRole("alert").filter({ hasText: "The page could not be loaded" });
  await alert.waitFor();
  unblock();
  await alert.getByRole("button", { name: "Try again" }).click();
  await page.getByLabel("Search for a treatment or visit").waitFor();
  assert.equal(await alert.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Arabic's words load on use: when they cannot be loaded, the app starts in Swedish, the menu stays in its language and says so, and a later choice works", async () => {
  // Arabic's tables and shell texts (split point lang_ar) fail, as offline.
  const { context, page, errors, unblock } = await openWithoutPack("ar-SE", "lang_ar", "/");
  await page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
  assert.deepEqual(await documentLang(page), ["sv", "ltr"]);
  const menu = page.getByLabel("Språk", { exact: true });
  await menu.selectOption("ar");
  const alert = page.getByRole("alert").filter({ hasText: "Sidan kunde inte laddas" });
  await alert.waitFor();
  assert.equal(await menu.inputValue(), "sv");
  assert.deepEqual(await documentLang(page), ["sv", "ltr"]);
  assert.equal(await page.evaluate(() => localStorage.getItem("vardkoll.lang")), null);
  unblock();
  await menu.selectOption("ar");
  await page.getByRole("heading", { name: "ضمانات رعايتي", level: 1 }).waitFor();
  assert.deepEqual(await documentLang(page), ["ar", "rtl"]);
  assert.equal(await alert.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
