// End to end: the release build, served like production, driven in Chromium the
// way a patient uses it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { isoDaysAgo, launch, openPage, tabTo } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
let server;
let browser;

before(async () => {
  server = await startServer(dist);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("a patient records a referral, sees the deadline, and finds it again after a reload", async () => {
  const { context, page, errors } = await openPage(browser, server.url);
  // A first visit has nothing to export or delete, and is offered neither.
  await page.getByLabel("Vad gäller vården?").waitFor();
  const offered = async () => ({
    export: await page.getByRole("button", { name: "Spara tidsgränserna i kalendern" }).count(),
    deleteAll: await page.getByRole("button", { name: "Radera alla mina uppgifter" }).count(),
  });
  assert.deepEqual(await offered(), { export: 0, deleteAll: 0 });

  await page.getByLabel("Vad gäller vården?").fill("Höften");
  await page.getByLabel("Din hemregion (valfritt)").selectOption("12");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await page.getByRole("heading", { name: "Höften" }).waitFor();
  // An episode is something to delete; with no deadline yet, nothing to export.
  assert.deepEqual(await offered(), { export: 0, deleteAll: 1 });

  await page.getByLabel("Vad hände?").selectOption("referral_issued");
  await page.getByLabel("Datum", { exact: true }).fill(isoDaysAgo(30));
  await page.getByRole("button", { name: "Lägg till händelse" }).click();
  const deadline = page.locator(".timeline__item").first();
  await deadline.getByText("60 dagar kvar").waitFor();
  assert.match(await deadline.textContent(), /I tid/);
  assert.match(await deadline.textContent(), /6 kap\. 1 § 3/);

  await page.reload();
  await page.getByRole("heading", { name: "Höften" }).waitFor();
  await page.locator(".timeline__item").getByText("60 dagar kvar").waitFor();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Spara tidsgränserna i kalendern" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "vardgarantier.ics");
  // Long lines are folded (RFC 5545 3.1); unfold before matching.
  const ics = (await readFile(await download.path(), "utf8")).replace(/\r\n /g, "");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /DTSTART;VALUE=DATE:\d{8}\r\n/);
  assert.match(ics, /SUMMARY:Sista dag enligt vårdgarantin: Första besök i specialistvården – Höften/);
  // A reminder a week before; no status, which would be stale when read.
  assert.match(ics, /BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P7D\r\n/);
  assert.doesNotMatch(ics, /I tid/);

  await page.getByRole("button", { name: "Radera alla mina uppgifter" }).click();
  await page.getByRole("button", { name: "Ja, radera allt" }).click();
  await page.getByText("Alla dina uppgifter är raderade.").waitFor();
  await page.reload();
  await page.getByText("Du har inga vårdärenden ännu.").waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(await offered(), { export: 0, deleteAll: 0 });

  assert.deepEqual(errors, []);
  await context.close();
});

test("bad input gets a message beside the field and never breaks the page", async () => {
  const { context, page, errors } = await openPage(browser, server.url);
  await page.getByLabel("Vad gäller vården?").fill("Knät");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  for (const [input, message] of [
    ["2026-02-30", "Det datumet finns inte"],
    ["i förrgår", "Skriv datumet som ÅÅÅÅ-MM-DD"],
    ["9999-12-31", "kan inte vara senare än i dag"],
  ]) {
    await page.getByLabel("Datum", { exact: true }).fill(input);
    await page.getByRole("button", { name: "Lägg till händelse" }).click();
    await page.locator(".event-form .field__error", { hasText: message }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary");
  }
  assert.equal(await page.locator(".events__item").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the whole flow works with the keyboard alone", async () => {
  const { context, page, errors } = await openPage(browser, server.url);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Hoppa till innehållet");
  const tabToId = (id) => tabTo(page, `#${id}`);
  await tabToId("new-episode-title");
  await page.keyboard.type("Ögat");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Ögat" }).waitFor();
  await tabToId("episode-1-event-choice");
  await tabToId("episode-1-event-date");
  await page.keyboard.type(isoDaysAgo(85));
  await page.keyboard.press("Enter");
  await page.locator(".timeline__item").getByText("5 dagar kvar").waitFor();
  await page.locator(".advice").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unknown address shows a page that leads back, and focus follows navigation", async () => {
  const { context, page, errors } = await openPage(browser, `${server.url}/finns-inte`);
  await page.getByRole("heading", { name: "Sidan finns inte" }).waitFor();
  await page.getByRole("link", { name: "Till Mina vårdgarantier" }).click();
  await page.getByRole("heading", { name: "Mina vårdgarantier" }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "page-heading");
  await page.goBack();
  await page.getByRole("heading", { name: "Sidan finns inte" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
