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

/** `text` with its ASCII digits as Arabic-Indic digits (U+0660–U+0669), as an Arabic keyboard types them. */
const arabicDigits = (text) => text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/**
 * Where `first` and the `then` after it, in the text of `selector`, are drawn:
 * their left edges. Left to right, `first` is left of `then`; reordered by the
 * bidirectional algorithm (1212-19121212), the other way round.
 */
const drawnAt = (page, selector, first, then) =>
  page.evaluate(([selector, first, then]) => {
    const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(first);
      const next = at < 0 ? -1 : node.data.indexOf(then, at + first.length);
      if (next < 0) continue;
      const left = (start, length) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + length);
        return range.getBoundingClientRect().left;
      };
      return [left(at, first.length), left(next, then.length)];
    }
    return null;
  }, [selector, first, then]);

test("Arabic keeps dates and identity numbers left to right, reads Arabic-Indic digits, and lays Vårdlotsen's English out left to right", async () => {
  const { context, page, errors } = await open("ar-SE");
  await page.getByRole("heading", { name: "ضمانات رعايتي", level: 1 }).waitFor();
  assert.deepEqual(await documentLang(page), ["ar", "rtl"]);

  // A date typed in Arabic-Indic digits is accepted as the same date, and
  // shown and stored in ASCII digits, left to right.
  const date = isoDaysAgo(30);
  await page.locator(".new-episode input[name=title]").fill("الورك");
  await page.locator(".new-episode button[type=submit]").click();
  await page.locator(".event-form select[name=choice]").selectOption("referral_issued");
  const dateInput = page.locator(".event-form input[name=date]");
  assert.equal(await dateInput.getAttribute("dir"), "ltr");
  assert.doesNotMatch(await dateInput.getAttribute("placeholder"), /Å/);
  await dateInput.fill(arabicDigits(date));
  await page.locator(".event-form button[type=submit]").click();
  await page.locator(".events__item").waitFor();
  assert.equal(await page.locator(".event-form .field__error:not([hidden])").count(), 0);
  const shownDate = page.locator(".events__date");
  assert.equal(await shownDate.textContent(), date);
  assert.equal(await shownDate.getAttribute("dir"), "ltr");
  // The start of the deadline, inside an Arabic sentence: an isolated run.
  assert.ok((await page.locator(".timeline__item").first().textContent()).includes(`\u2066${date}\u2069`));
  const stored = await page.evaluate(() => Object.values(localStorage).join("\n"));
  assert.ok(stored.includes(date));
  assert.doesNotMatch(stored, /[\u0660-\u0669]/);

  // The identity number example reads 19121212-1212, in that order.
  await page.goto(`${stack.site.url}/remiss?tjanst=op-hoft`);
  await page.getByRole("heading", { name: "اطلب الرعاية لدى مقدّم رعاية آخر", level: 1 }).waitFor();
  const hint = await page.locator("#referral-identity-hint").textContent();
  assert.ok(hint.includes("\u206619121212-1212\u2069"), hint);
  const [number, serial] = await drawnAt(page, "#referral-identity-hint", "19121212", "1212");
  assert.ok(number < serial, `19121212 drawn at x=${number}, 1212 at x=${serial}`);
  // Arabic-Indic digits in the identity number and the referral date are read
  // as the number and the date: no message beside either (other fields have one).
  assert.equal(await page.locator("#referral-identity").getAttribute("dir"), "ltr");
  assert.equal(await page.locator("#referral-date").getAttribute("dir"), "ltr");
  await page.locator("#referral-identity").fill("١٩١٢١٢١٢-١٢١٢");
  await page.locator("#referral-date").fill(arabicDigits(isoDaysAgo(10)));
  await page.locator("#referral-form button[type=submit]").click();
  await page.locator("#referral-name-error", { hasText: "اكتب اسمك." }).waitFor();
  assert.equal(await page.locator("#referral-identity-error").isHidden(), true);
  assert.equal(await page.locator("#referral-date-error").isHidden(), true);

  // Vårdlotsen's texts are English for Arabic readers: marked so, left to right.
  await page.goto(`${stack.site.url}/vardlotsen`);
  const desk = page.locator(".navigator-page[lang=en][dir=ltr]");
  await desk.locator(".notice").first().waitFor();
  assert.doesNotMatch(await desk.textContent(), /[\u0600-\u06FF]/);
  assert.deepEqual(await documentLang(page), ["ar", "rtl"]);
  assert.deepEqual(errors, []);
  await context.close();
});
