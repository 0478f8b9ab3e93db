// End to end: requesting care elsewhere against the real reference server — a
// patient picks a provider in the comparison, fills the form, submits while
// offline, comes back online, the request arrives once and is followed in "Mina
// förfrågningar"; the path explained from an episode; a request the server
// turns down is kept to be corrected. (This deployment has no sign-in, so no
// region side: the region's answers are in answers.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { holdsIdentityNumber, isoDaysAgo, openPage } from "./browser.mjs";
import { useStack } from "./stack.mjs";

const stack = useStack();

/** Errors other than the browser's own report of a request that failed while offline. */
const realErrors = (errors) => errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e));
const stored = (page) => page.evaluate(() => JSON.stringify(localStorage));

async function fillPatient(page) {
  await page.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1212");
  await page.getByLabel("Namn").fill("Tolvan Tolvansson");
  await page.getByLabel("Telefon").fill("070-123 45 67");
  await page.locator("#referral-home-region").selectOption("01");
  await page.getByLabel("Jag samtycker till att förfrågan").check();
}

test("a patient picks a provider, submits offline, the request arrives once when online, and follows it", async () => {
  const { context, page, errors } = await openPage(stack.browser, `${stack.site.url}/vantetider?tjanst=op-hoft`);
  const row = page.locator("table.provider-table tbody tr").first();
  await row.waitFor();
  const provider = (await row.locator(".provider-name").textContent()).trim();
  await row.getByRole("link", { name: "Begär vård här" }).click();
  await page.getByRole("heading", { name: "Begär vård hos en annan vårdgivare", level: 1 }).waitFor();
  await page.waitForURL(/\/remiss\?tjanst=op-hoft&vardgivare=/);

  // The path is explained before anything is sent: from the comparison, free choice.
  await page.getByText(/fria vårdvalet/).waitFor();
  // The provider and the service come along.
  const first = page.getByLabel("Vårdgivare 1", { exact: true });
  await page.waitForFunction(() => document.querySelector("#referral-provider-0")?.selectedIndex > 0);
  assert.match(await first.locator("option:checked").textContent(), new RegExp(provider.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.equal(await page.getByLabel("Behandling eller besök").locator("option:checked").textContent(), "Höftledsplastik");

  // Nothing filled in: every problem beside its field and summarised at the top.
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.locator(".error-summary").getByText("Skriv ditt namn.").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary");
  await page.locator("#referral-identity-error", { hasText: "12 siffror" }).waitFor();
  await page.locator("#referral-consent-error", { hasText: "samtycka" }).waitFor();
  await page.getByLabel("Personnummer eller samordningsnummer").fill("19121212-1213");
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.locator("#referral-identity-error", { hasText: "Den sista siffran stämmer inte" }).waitFor();
  assert.equal(await stack.api.referralCount(), 0);

  // A second choice, moved to first place, then removed again.
  await page.getByRole("button", { name: "Lägg till en vårdgivare" }).click();
  await page.getByLabel("Vårdgivare 2", { exact: true }).selectOption({ index: 3 });
  await page.getByRole("button", { name: "Flytta vårdgivare 2 upp" }).click();
  assert.match(await page.getByLabel("Vårdgivare 2", { exact: true }).locator("option:checked").textContent(), new RegExp(provider.slice(0, 10)));
  await page.getByRole("button", { name: "Ta bort vårdgivare 1" }).click();

  await fillPatient(page);
  await page.getByLabel("Jag behöver tolk").check();
  await page.getByLabel("Språk för tolkning").fill("arabiska");
  await page.getByLabel("Meddelande till regionen (frivilligt)").fill("Helst förmiddagar.");

  // Offline: the request waits in the outbox and says so.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Väntar på att skickas").waitFor();
  await page.getByText("Du är inte uppkopplad just nu").waitFor();
  assert.match(page.url(), /\/remiss\?kvitto=[\w-]+$/);
  assert.ok(!holdsIdentityNumber(page.url(), "191212121212"), "no identity number in the address");
  assert.ok(holdsIdentityNumber(await stored(page), "191212121212"), "kept in the outbox until acknowledged");
  assert.equal(await stack.api.referralCount(), 0);

  // Back online: sent at once, stored once, and the identity number leaves the browser.
  await context.setOffline(false);
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();
  assert.match(reference, /^VK-[0-9A-Z]{10}$/);
  await page.getByRole("heading", { name: "Vad händer nu" }).waitFor();
  assert.equal(await stack.api.referralCount(), 1);
  assert.ok(!holdsIdentityNumber(await stored(page), "191212121212"), "no identity number after acknowledgement");

  // The receipt prints without the page's navigation.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".site-header nav").isVisible(), false);
  assert.equal(await page.locator(".receipt__reference").isVisible(), true);
  await page.emulateMedia({ media: "screen" });

  // Followed in Mina förfrågningar, also after a reload; stored exactly once.
  await page.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  const card = page.locator("article.request[data-state=received]", { hasText: reference });
  await card.waitFor();
  await page.reload();
  await card.waitFor();
  assert.equal(await stack.api.referralCount(), 1);
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test("from an episode whose deadline has passed, the region must arrange care, and the request says so", async () => {
  const { context, page, errors } = await openPage(stack.browser, stack.site.url);
  await page.getByLabel("Vad gäller vården?").fill("Knät");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await page.getByRole("heading", { name: "Knät" }).waitFor();
  const referralDate = isoDaysAgo(120);
  await page.getByLabel("Vad hände?").selectOption("referral_issued");
  await page.getByLabel("Datum", { exact: true }).fill(referralDate);
  await page.getByRole("button", { name: "Lägg till händelse" }).click();
  await page.locator(".timeline__item").getByText("Gränsen har passerats").first().waitFor();

  await page.getByRole("link", { name: /^Begär vård hos en annan vårdgivare\W+Knät$/ }).click();
  await page.getByText("Förfrågan gäller ditt vårdärende ”Knät”.").waitFor();
  await page.locator("[data-path=region]", { hasText: "har passerat" }).waitFor();
  await page.getByText(/utan extra kostnad för dig, resan inräknad/).waitFor();
  assert.equal(await page.getByLabel("Remissens datum").inputValue(), referralDate);

  await page.getByLabel("Behandling eller besök").selectOption({ label: "Knäledsplastik" });
  await page.getByLabel("Vårdgivare 1", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Mottagning som skrev remissen").fill("Vårdcentralen <b>Ekhagen</b>");
  await fillPatient(page);
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/api/v1/referrals")),
    page.getByRole("button", { name: "Skicka förfrågan" }).click(),
  ]);
  // The episode's deadline goes with the request, so the region sees it must arrange care.
  const guarantee = sent.postDataJSON().guarantee;
  assert.equal(guarantee.step, "specialist_visit");
  assert.equal(guarantee.state, "missed");
  assert.equal(sent.postDataJSON().currentReferral.date, referralDate);
  await page.getByText("Förfrågan är mottagen").waitFor();
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test("a request the server turns down is kept, shown with what to correct, and sent once corrected", async () => {
  // Made from an episode, which the corrected request still knows.
  const { context, page, errors } = await openPage(stack.browser, stack.site.url);
  await page.getByLabel("Vad gäller vården?").fill("Höften");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await page.getByLabel("Vad hände?").selectOption("treatment_decided");
  await page.getByLabel("Datum", { exact: true }).fill(isoDaysAgo(30));
  await page.getByRole("button", { name: "Lägg till händelse" }).click();
  await page.getByRole("link", { name: /^Begär vård hos en annan vårdgivare\W+Höften$/ }).click();
  await page.getByText("Förfrågan gäller ditt vårdärende ”Höften”.").waitFor();
  await page.getByLabel("Behandling eller besök").selectOption("op-hoft");
  await page.getByLabel("Vårdgivare 1", { exact: true }).selectOption({ index: 2 });
  await fillPatient(page);
  // The server turns the first attempt down, e.g. a provider that has just left the catalogue.
  let turnedDown = 0;
  await page.route("**/api/v1/referrals", async (route) => {
    if (route.request().method() !== "POST" || turnedDown++ > 0) return route.fallback();
    await route.fulfill({
      status: 422,
      contentType: "application/problem+json",
      body: JSON.stringify({
        type: "https://vardkoll.se/problems/validation",
        title: "Invalid request",
        status: 422,
        errors: [{ field: "preferredProviders/0", code: "unknown", detail: "no such provider" }],
      }),
    });
  });
  const before = await stack.api.referralCount();
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan togs inte emot. Rätta uppgifterna och skicka den igen.").waitFor();
  await page.getByText("Vårdgivaren finns inte längre. Välj en annan.").waitFor();
  // Kept, not retried by itself.
  await page.waitForTimeout(1500);
  assert.equal(turnedDown, 1);
  await page.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  await page.locator("article.request[data-state=rejected]").waitFor();
  await page.getByRole("button", { name: "Rätta och skicka igen" }).click();
  await page.getByText("Du rättar en förfrågan som inte togs emot").waitFor();
  assert.equal(await page.getByLabel("Namn").inputValue(), "Tolvan Tolvansson");
  await page.getByLabel("Vårdgivare 1", { exact: true }).selectOption({ index: 3 });
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  assert.equal(await stack.api.referralCount(), before + 1);
  await page.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  assert.equal(await page.locator("article.request[data-state=rejected]").count(), 0);
  const label = await page.evaluate(() => JSON.parse(localStorage.getItem("vardkoll.referrals")).sent.at(-1).label);
  assert.equal(label.episode?.step, "treatment", JSON.stringify(label));
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test("while a page's code loads, the shell shows its top; when it cannot be loaded, a retry that works", async () => {
  for (const [path, split, text] of [
    ["/remiss?tjanst=op-hoft", "page_referral", /använder du det fria vårdvalet/],
    ["/forfragningar", "page_requests", /Du har inga förfrågningar/],
    // A part of a page: the comparison below the pickers, its own split point.
    ["/vantetider?tjanst=op-hoft", "part_wait_times_comparison", /Sjukhus och mottagningar/],
  ]) {
    const context = await stack.browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // The page's code waits until the test lets it through, as on a slow
    // connection, and then fails once, as offline or after a new build.
    let release;
    const released = new Promise((ok) => (release = ok));
    let blocked = true;
    await page.route(`**/${split}.pack`, async (route) => {
      await released;
      await (blocked ? route.abort("internetdisconnected") : route.fallback());
    });
    await page.goto(`${stack.site.url}${path}`);
    await page.locator("h1#page-heading").waitFor();
    await page.locator("p.loading", { hasText: "Hämtar uppgifter" }).waitFor();
    release();
    const alert = page.getByRole("alert").filter({ hasText: "Sidan kunde inte laddas" });
    await alert.waitFor();
    // The shell lives on: its links work, and so does the page once it can load.
    await page.getByRole("link", { name: "Mina vårdgarantier" }).click();
    await page.locator("#new-episode-title").waitFor();
    await page.goBack();
    await alert.waitFor();
    blocked = false;
    await alert.getByRole("button", { name: "Försök igen" }).click();
    await page.getByText(text).waitFor();
    assert.equal(await alert.count(), 0);
    assert.equal(await page.getByRole("heading", { level: 1 }).count(), 1);
    assert.equal(await page.getByText(text).count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the receipt's next step works offline: a request saved while offline is followed in Mina förfrågningar", async () => {
  // No service worker (blocked, as before one is installed): only what the app fetched itself.
  const { context, page, errors } = await openPage(stack.browser, `${stack.site.url}/remiss?tjanst=op-hoft`);
  await page.locator("#referral-provider-0").selectOption({ index: 1 });
  await fillPatient(page);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Väntar på att skickas").waitFor();
  await page.locator("main").getByRole("link", { name: "Mina förfrågningar" }).click();
  await page.getByRole("heading", { name: "Mina förfrågningar", level: 1 }).waitFor();
  await page.locator("article.request[data-state=waiting]").waitFor();
  assert.equal(await page.getByText("Sidan kunde inte laddas").count(), 0);
  await context.setOffline(false);
  await page.locator("article.request[data-state=received]").waitFor();
  assert.deepEqual(realErrors(errors), []);
  await context.close();
});

test("a page whose code failed to load while offline loads by itself when back online", async () => {
  const context = await stack.browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${stack.site.url}/`);
  await page.locator("#new-episode-title").waitFor();
  await context.setOffline(true);
  await page.getByRole("link", { name: "Väntetider" }).click();
  await page.getByRole("alert").filter({ hasText: "Sidan kunde inte laddas" }).waitFor();
  await context.setOffline(false);
  await page.locator(".service-picker").waitFor();
  assert.equal(await page.getByRole("alert").filter({ hasText: "Sidan kunde inte laddas" }).count(), 0);
  await context.close();
});
