// National care mediation, end to end with the real components: the test
// OpenID provider, the real server (its clock moved through
// VARDKOLL_CLOCK_OFFSET_FILE, never a sleep), a real SMTP server and Chromium.
// A provider's scheduler in another region publishes free times on "Lediga
// tider"; region 01's
// navigator sees them suggested for a signed-in patient's request and offers
// one on "Vårdlotsen"; the patient answers online in "Mina förfrågningar"
// (accept; decline shows its warning first), adds the booked time to the
// episode the request came from with one tap, and the scheduler sees the
// booking; an offer left unanswered goes back when the window closes, and the
// patient is told.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startApi } from "./api-server.mjs";
import { violations } from "./axe.mjs";
import { launch, openPage } from "./browser.mjs";
import { startOidcProvider } from "./oidc-provider.mjs";
import { appErrors, fillRequest, signIn, useProvider } from "./signin-helpers.mjs";
import { startSmtp } from "./smtp.mjs";
import { staffCall } from "./staff-api.mjs";
import { DIST } from "./stack.mjs";
import { startServer } from "./static-server.mjs";

const dist = mkdtempSync(join(tmpdir(), "vardkoll-mediation-"));
cpSync(DIST, dist, { recursive: true });
const clock = join(dist, "..", `vardkoll-mediation-clock-${process.pid}`);
let api;
let site;
let provider;
let smtp;
let browser;

before(async () => {
  writeFileSync(clock, "0");
  const apiPort = await freePort();
  site = await startServer(dist, 0, `http://127.0.0.1:${apiPort}`);
  provider = await startOidcProvider({ redirectUris: [`${site.url}/`] });
  smtp = await startSmtp();
  api = await startApi(
    {
      VARDKOLL_OIDC_ISSUER: provider.issuer,
      VARDKOLL_SMTP_URL: smtp.url,
      VARDKOLL_APP_URL: site.url,
      VARDKOLL_MAIL_POLL_SECONDS: "0.2",
      VARDKOLL_CLOCK_OFFSET_FILE: clock,
      VARDKOLL_OFFER_SWEEP_SECONDS: "0.2",
    },
    apiPort,
  );
  useProvider(dist, provider);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
  await smtp?.stop();
  await provider?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(clock, { force: true });
});

/** What sticks out past the window's right edge at this width (none: it reflows). */
const overflowing = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-scroll, [hidden]"))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 5);
  });

const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Tolvan's request of home region 01 through the API, with an e-mail address. */
async function request(key) {
  const token = await provider.token("tolvan");
  const r = await fetch(`${api.url}/api/v1/referrals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({
      personalIdentityNumber: "19121212-1212",
      name: "Tolvan Tolvansson",
      email: "tolvan@example.se",
      serviceCode: "op-hoft",
      preferredProviders: ["karolinska-solna"],
      canTravel: true,
      interpreter: { needed: false },
      consentToShare: true,
      homeRegion: "01",
    }),
  });
  assert.equal(r.status, 201);
  return (await r.json()).reference;
}

/** Region 01's navigator offers `reference` its first suggestion, through the API. */
async function offerFirst(reference) {
  const nora = await provider.token("navigator-01");
  const opened = await staffCall(api, nora, `/staff/referrals/${reference}`);
  await staffCall(api, nora, `/staff/referrals/${reference}/status`, { status: "under_review", version: opened.body.version });
  const suggestions = await staffCall(api, nora, `/staff/referrals/${reference}/suggestions`);
  const time = suggestions.body[0].time;
  const moved = await staffCall(api, nora, `/staff/referrals/${reference}/status`, {
    status: "offered",
    version: opened.body.version + 1,
    offer: { providerId: time.providerId, date: time.date, time: time.start, freeTimeId: time.id },
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  return time;
}

test("a free time in another region reaches the patient, who accepts it online; the scheduler sees the booking", async () => {
  // The scheduler publishes on "Lediga tider": a bad time is refused beside
  // its fields, then two weekly series (Göteborg, Uppsala); an overlap is
  // refused; a time is changed, and another withdrawn.
  const schedule = await openPage(browser, `${site.url}/lediga-tider`);
  const scheduleErrors = appErrors(schedule.page, provider, site.url);
  const sp = schedule.page;
  await signIn(sp, "scheduler");
  const outcome = sp.locator(".free-times__outcome");
  const publish = async (providerId, date, start, weeks) => {
    await sp.getByLabel("Mottagning", { exact: true }).selectOption(providerId);
    await sp.getByLabel("Vård", { exact: true }).selectOption("op-hoft");
    await sp.getByLabel("Dag", { exact: true }).fill(date);
    await sp.getByLabel("Starttid", { exact: true }).fill(start);
    await sp.getByLabel(/^Längd i minuter/).fill("60");
    await sp.getByLabel(/^Antal veckor/).fill(String(weeks));
    await sp.getByRole("button", { name: "Publicera", exact: true }).click();
  };
  await sp.getByRole("heading", { name: "Publicera lediga tider" }).waitFor();
  assert.deepEqual(await violations(sp), [], "Lediga tider, no times yet");
  await publish("sahlgrenska", inDays(-1), "25:00", 2);
  await sp.locator(".error-summary li").nth(1).waitFor();
  assert.equal(await sp.locator("#publish-date").getAttribute("aria-invalid"), "true");
  assert.equal(await sp.locator("#publish-start").getAttribute("aria-invalid"), "true");
  assert.deepEqual(await violations(sp), [], "Lediga tider, fields to correct");
  await publish("sahlgrenska", inDays(10), "09:30", 2);
  await outcome.getByText("2 tider är publicerade.").waitFor();
  await publish("akademiska-sjukhuset", inDays(12), "09:30", 2);
  await sp.locator(".free-times-table tbody tr").nth(3).waitFor();
  await publish("akademiska-sjukhuset", inDays(12), "10:00", 1);
  await outcome.getByText(/krockar med en annan tid/).waitFor();
  await publish("akademiska-sjukhuset", inDays(12), "11:00", 1);
  await outcome.getByText("Tiden är publicerad.").waitFor();
  const rows = sp.locator(".free-times-table tbody tr");
  await rows.nth(4).waitFor();
  // Withdrawing asks once more before it is done.
  await sp.getByRole("button", { name: new RegExp(`^Ta bort ${inDays(12)} 11:00`) }).click();
  await sp.getByRole("group").getByText("Tiden tas bort och kan inte längre erbjudas någon patient.").waitFor();
  assert.equal(await rows.count(), 5, "nothing withdrawn before the answer");
  await sp.getByRole("button", { name: "Ja, ta bort tiden" }).click();
  await outcome.getByText("Tiden är borttagen.").waitFor();
  await sp.getByRole("button", { name: new RegExp(`^Ändra ${inDays(19)} 09:30`) }).click();
  await sp.getByRole("heading", { name: `Ändra ${inDays(19)} 09:30` }).waitFor();
  await sp.waitForFunction(() => document.activeElement?.id === "change-date");
  await sp.locator("#change-minutes").fill("45");
  assert.deepEqual(await violations(sp), [], "Lediga tider, a time being changed");
  await sp.getByRole("button", { name: "Spara ändringen" }).click();
  await outcome.getByText("Tiden är ändrad.").waitFor();
  await rows.filter({ hasText: `${inDays(19)} 09:30` }).filter({ hasText: "45 min" }).waitFor();
  assert.equal(await rows.count(), 4);
  await sp.setViewportSize({ width: 320, height: 700 });
  assert.deepEqual(await overflowing(sp), [], "Lediga tider reflows at 320 px");
  await sp.setViewportSize({ width: 1280, height: 720 });
  await sp.locator("#language").selectOption("en");
  await sp.getByRole("heading", { name: "Publish free times" }).waitFor();
  assert.deepEqual(await violations(sp), [], "Lediga tider in English");
  await sp.locator("#language").selectOption("sv");

  // The patient records their hip: a treatment decided 30 days ago (its
  // deadline 60 days on), and from that episode, signed in, asks for care
  // elsewhere, able to travel anywhere.
  const { context, page } = await openPage(browser, site.url);
  const errors = appErrors(page, provider, site.url);
  await page.getByLabel("Vad gäller vården?").fill("Höften");
  await page.getByRole("button", { name: "Lägg till vårdärende" }).click();
  await page.getByRole("heading", { name: "Höften" }).waitFor();
  await page.getByLabel("Vad hände?").selectOption("treatment_decided");
  await page.getByLabel("Datum", { exact: true }).fill(inDays(-30));
  await page.getByRole("button", { name: "Lägg till händelse" }).click();
  await page.getByRole("link", { name: /^Begär vård hos en annan vårdgivare\W+Höften$/ }).click();
  await page.getByText("Förfrågan gäller ditt vårdärende ”Höften”.").waitFor();
  await signIn(page, "tolvan");
  await page.getByText("Förfrågan gäller ditt vårdärende ”Höften”.").waitFor();
  await page.getByLabel("Behandling eller besök").selectOption("op-hoft");
  await fillRequest(page, "070-123 45 67", null, "tolvan@example.se");
  // How far: asked once the patient says they can travel; anywhere to start with.
  assert.ok(await page.locator("#referral-travel-distance").isHidden());
  await page.getByLabel("Jag kan resa till en annan ort för vården").check();
  await page.getByLabel("Hur långt kan du resa?").waitFor();
  assert.equal(await page.locator("#referral-travel-distance").inputValue(), "");
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();

  // Region 01's navigator: the queue marks it, the request opened shows the
  // times from Göteborg and Uppsala, and one is offered with a button.
  const desk = await openPage(browser, `${site.url}/vardlotsen`);
  const deskErrors = appErrors(desk.page, provider, site.url);
  await signIn(desk.page, "navigator-01");
  // In English first (staff work in either): the request opened with its suggestions.
  await desk.page.locator("#language").selectOption("en");
  await desk.page.getByRole("button", { name: `Open ${reference}` }).click();
  await desk.page.locator(".navigator__detail").getByRole("heading", { name: "Free times in the whole country" }).waitFor();
  await desk.page.locator(".suggestions-table tbody tr").first().waitFor();
  assert.deepEqual(await violations(desk.page), [], "the suggestions in English");
  await desk.page.locator("#language").selectOption("sv");
  await desk.page.getByRole("button", { name: `Öppna ${reference}` }).click();
  const detail = desk.page.locator(".navigator__detail");
  await detail.getByLabel("Handläggs").check();
  await detail.getByRole("button", { name: "Spara" }).click();
  await desk.page.getByText("Ändringen är sparad").waitFor();
  const suggestions = detail.locator(".suggestions-table tbody tr");
  await suggestions.first().waitFor();
  assert.equal(await suggestions.count(), 4);
  const first = await suggestions.first().textContent();
  assert.ok(first.includes("Sahlgrenska"), first);
  assert.deepEqual(await violations(desk.page), [], "the suggestions");
  await suggestions.first().getByRole("button", { name: /^Erbjud Sahlgrenska/ }).click();
  assert.ok(await detail.getByLabel("Tid erbjuden").isChecked());
  assert.equal(await desk.page.locator("#move-provider").inputValue(), "sahlgrenska");
  assert.equal(await desk.page.locator("#move-date").inputValue(), inDays(10));
  await detail.getByRole("button", { name: "Spara" }).click();
  await detail.locator(".request__history li", { hasText: "Tid erbjuden" }).waitFor();
  // The time offered is held: no longer among the suggestions.
  await desk.page.waitForFunction(() => document.querySelectorAll(".suggestions-table tbody tr").length === 3);
  // On a phone the suggestions do not push the page sideways.
  await desk.page.setViewportSize({ width: 320, height: 700 });
  assert.deepEqual(await overflowing(desk.page), [], "Vårdlotsen reflows at 320 px");
  assert.deepEqual(deskErrors, []);
  await desk.context.close();
  // The scheduler sees the time held for the request, and it cannot be changed.
  await sp.reload();
  const held = sp.locator(".free-times-table tbody tr", { hasText: `Erbjuden (${reference})` });
  await held.waitFor();
  assert.equal(await held.getByRole("button").count(), 0);

  // The patient answers on "Mina förfrågningar", in any of the three languages.
  await page.goto(`${site.url}/forfragningar`);
  const card = page.locator("article.request", { hasText: reference });
  await card.getByRole("heading", { name: "Svara på erbjudandet" }).waitFor();
  await card.getByText(/^Svara senast/).waitFor();
  assert.deepEqual(await violations(page), [], "an offer to answer");
  for (const [lang, accept] of [
    ["en", "Accept the appointment"],
    ["ar", "قبول الموعد"],
  ]) {
    await page.locator("#language").selectOption(lang);
    await card.getByRole("button", { name: accept }).waitFor();
    assert.deepEqual(await violations(page), [], `an offer to answer, ${lang}`);
  }
  await page.locator("#language").selectOption("sv");
  // Declining warns first of what it means for the guarantee; cancelled, nothing is sent.
  await card.getByRole("button", { name: "Tacka nej" }).click();
  await card.getByText(/vårdgarantin för den vården när du tackar nej/).waitFor();
  await card.getByRole("button", { name: "Avbryt" }).click();
  await page.setViewportSize({ width: 320, height: 700 });
  assert.deepEqual(await overflowing(page), [], "Mina förfrågningar reflows at 320 px");
  await page.setViewportSize({ width: 1280, height: 720 });
  await card.getByRole("button", { name: "Tacka ja till tiden" }).click();
  await card.locator("dd .status", { hasText: "Tid bokad" }).waitFor();
  await card.locator(".request__history li", { hasText: "du tackade ja" }).waitFor();
  assert.deepEqual(await violations(page), [], "a booked time");
  // One tap puts the booked time in the episode the request came from, and
  // the tracker says it is within the deadline.
  await card.getByRole("button", { name: "Lägg till tiden i ”Höften” i Mina vårdgarantier" }).click();
  await card.getByText(/^Tiden finns i ditt vårdärende ”Höften”/).waitFor();
  assert.deepEqual(await violations(page), [], "a booked time in the tracker");
  for (const [lang, said] of [
    ["en", "The appointment is in your care episode “Höften”"],
    ["ar", "الموعد موجود في حالة رعايتك «Höften»"],
  ]) {
    await page.locator("#language").selectOption(lang);
    await card.getByText(said).waitFor();
    assert.deepEqual(await violations(page), [], `a booked time in the tracker, ${lang}`);
  }
  await page.locator("#language").selectOption("sv");
  await page.reload();
  await card.getByText(/^Tiden finns i ditt vårdärende ”Höften”/).waitFor();
  assert.equal(await card.getByRole("button", { name: /^Lägg till tiden/ }).count(), 0, "added once");
  await card.getByRole("link", { name: "Visa Mina vårdgarantier" }).click();
  // "Tid bokad … · Sahlgrenska …" on the offered day: the time and where.
  await page.locator(".events__item", { hasText: "Tid bokad" }).filter({ hasText: inDays(10) }).filter({ hasText: "Sahlgrenska" }).waitFor();
  await page.getByText("Tid bokad inom gränsen").waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  // The scheduler sees the booking, and by which request.
  await sp.reload();
  const booked = sp.locator(".free-times-table tbody tr", { hasText: "Bokad" });
  await booked.waitFor();
  assert.equal(await booked.count(), 1);
  const bookedRow = await booked.textContent();
  assert.ok(bookedRow.includes(reference) && bookedRow.includes("Sahlgrenska") && bookedRow.includes(inDays(10)), bookedRow);
  assert.equal(await booked.getByRole("button").count(), 0, "a booked time cannot be changed");
  assert.deepEqual(await violations(sp), [], "Lediga tider with a booking");
  // The browser logs the one refusal the test asked for (the overlap), nothing else.
  assert.deepEqual(
    scheduleErrors.filter((e) => !e.includes("status of 409 (Conflict)")),
    [],
  );
  assert.equal(scheduleErrors.length, 1, JSON.stringify(scheduleErrors));
  await schedule.context.close();
});

test("an offer left unanswered goes back to the region when the window closes, and the patient is told", async () => {
  const reference = await request("mediation-unanswered-1");
  const time = await offerFirst(reference);
  const before = smtp.messages().filter((m) => m.headers.to === "tolvan@example.se").length;
  // Six days on by the server's clock (the window is five).
  writeFileSync(clock, String(6 * 86_400));
  const { context, page } = await openPage(browser, `${site.url}/forfragningar`);
  const errors = appErrors(page, provider, site.url);
  await signIn(page, "tolvan");
  const card = page.locator("article.request", { hasText: reference });
  await card.locator(".request__history li", { hasText: "tiden att svara gick ut" }).waitFor({ timeout: 15_000 });
  await card.locator("dd .status", { hasText: "Handläggs" }).waitFor();
  assert.equal(await card.getByRole("button", { name: "Tacka ja till tiden" }).count(), 0);
  assert.deepEqual(await violations(page), [], "an offer gone back");
  // The time is free again, and the patient has an e-mail about the news.
  const nora = await provider.token("navigator-01");
  const again = await staffCall(api, nora, `/staff/referrals/${reference}/suggestions`);
  assert.ok(again.body.some((s) => s.time.id === time.id), JSON.stringify(again.body));
  let mail = [];
  for (let i = 0; mail.length <= before && i < 50; i++) {
    mail = smtp.messages().filter((m) => m.headers.to === "tolvan@example.se");
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok(mail.length > before, "news of the offer gone back");
  assert.deepEqual(errors, []);
  await context.close();
  writeFileSync(clock, "0");
});
