// The region's side, end to end with the real components: the test OpenID
// provider (oidc-provider), the real server, a real SMTP server (aiosmtpd) and
// Chromium. A signed-in patient sends a request (and one more); on
// "Vårdlotsen" a navigator of the patient's region finds it in the work queue,
// opens it and offers a time (written "9.30"; a past date is marked beside its
// field), and declines the other one (saved, and said so, though it closes the
// request); a navigator of another region cannot see it; the patient gets an
// e-mail that says only that there is news, and sees the offer on another
// device; the auditor finds the read and the changes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
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

const dist = mkdtempSync(join(tmpdir(), "vardkoll-region-side-"));
cpSync(DIST, dist, { recursive: true });
let api;
let site;
let provider;
let smtp;
let browser;

before(async () => {
  const apiPort = await freePort();
  site = await startServer(dist, 0, `http://127.0.0.1:${apiPort}`);
  provider = await startOidcProvider({ redirectUris: [`${site.url}/`] });
  smtp = await startSmtp();
  api = await startApi(
    {
      VARDKOLL_OIDC_ISSUER: provider.issuer,
      VARDKOLL_SMTP_URL: smtp.url,
      VARDKOLL_APP_URL: site.url,
      VARDKOLL_MAIL_FROM: "Vårdkoll <no-reply@vardkoll.example>",
      VARDKOLL_MAIL_POLL_SECONDS: "0.2",
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
});

/** The staff API as `token`'s holder: status and parsed body. */
const staff = (token, path, body) => staffCall(api, token, path, body);

const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a request reaches its region's navigator; the offer reaches the patient by e-mail and on another device; the audit log shows who read and changed it", async () => {
  // The patient, signed in, sends a request with an e-mail address.
  const { context, page } = await openPage(browser, `${site.url}/remiss?tjanst=op-hoft`);
  const errors = appErrors(page, provider, site.url);
  await signIn(page, "tolvan");
  await fillRequest(page, "070-123 45 67", null, "tolvan@example.se");
  await page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();
  await context.close();
  // A second request, without an e-mail address (so no e-mail about it): the
  // navigator declines it on the page.
  const again = await openPage(browser, `${site.url}/remiss?tjanst=op-hoft`);
  const againErrors = appErrors(again.page, provider, site.url);
  await signIn(again.page, "tolvan");
  await fillRequest(again.page, "070-123 45 67");
  await again.page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await again.page.getByText("Förfrågan är mottagen").waitFor();
  const declined = (await again.page.locator(".receipt__reference").textContent()).trim();
  assert.deepEqual(againErrors, []);
  await again.context.close();

  const nora = await provider.token("navigator-01");
  const nils = await provider.token("navigator-12");
  const auditor = await provider.token("auditor");

  // Region 01's navigator finds it in the queue; region 12's does not, and
  // cannot open it.
  const queue = await staff(nora, "/staff/referrals");
  assert.equal(queue.status, 200);
  assert.ok(queue.body.some((item) => item.reference === reference), JSON.stringify(queue.body));
  const elsewhere = await staff(nils, "/staff/referrals");
  assert.ok(!elsewhere.body.some((item) => item.reference === reference));
  assert.equal((await staff(nils, `/staff/referrals/${reference}`)).status, 404);

  // On "Vårdlotsen", signed in as region 01's navigator: the queue, the request
  // opened with the keyboard, under review, then a time offered.
  const desk = await openPage(browser, `${site.url}/vardlotsen`);
  const deskErrors = appErrors(desk.page, provider, site.url);
  await desk.page.getByText("Logga in med ditt konto i regionen").waitFor();
  await signIn(desk.page, "navigator-01");
  const open = desk.page.getByRole("button", { name: `Öppna ${reference}` });
  await open.waitFor();
  assert.deepEqual(await violations(desk.page), [], "the queue");
  // At 1280 px the queue has the room its columns need; on a phone nothing
  // lies over its buttons.
  const queueFits = () =>
    desk.page.locator(".queue-table").evaluate((table) => table.parentElement.scrollWidth <= table.parentElement.clientWidth + 1);
  assert.ok(await queueFits(), "the queue's columns fit at 1280 px");
  await desk.page.setViewportSize({ width: 390, height: 844 });
  const covered = await desk.page.locator(".queue-table button").evaluateAll((buttons) =>
    buttons.flatMap((button) => {
      button.scrollIntoView({ block: "center" });
      const r = button.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return button.contains(top) ? [] : [`${button.textContent.trim()} under ${top?.className}`];
    }),
  );
  assert.deepEqual(covered, [], "on a phone every Öppna button can be pressed");
  await desk.page.setViewportSize({ width: 1280, height: 720 });
  // Filters: older than three days (none yet), then the care sought.
  await desk.page.getByLabel("Äldre än (antal dagar)").fill("3");
  await desk.page.getByRole("button", { name: "Visa", exact: true }).click();
  await desk.page.getByText("Inga förfrågningar i urvalet.").waitFor();
  await desk.page.getByLabel("Äldre än (antal dagar)").fill("");
  await desk.page.getByLabel("Vård", { exact: true }).selectOption("op-hoft");
  await desk.page.getByRole("button", { name: "Visa", exact: true }).click();
  await open.waitFor();
  await open.focus();
  await desk.page.keyboard.press("Enter");
  const heading = desk.page.getByRole("heading", { name: `Förfrågan ${reference}` });
  await heading.waitFor();
  await desk.page.waitForFunction(() => document.activeElement?.id === "detail-heading");
  const detail = desk.page.locator(".navigator__detail");
  await detail.getByText("tolvan@example.se").waitFor();
  await detail.getByText("19121212-1212").waitFor();
  await detail.getByText("Region Stockholm").waitFor();
  assert.deepEqual(await violations(desk.page), [], "a request opened");
  // Under review, by the keyboard alone: the radio button, then the save button.
  await desk.page.getByLabel("Handläggs").focus();
  await desk.page.keyboard.press("Space");
  await desk.page.getByRole("button", { name: "Spara" }).focus();
  await desk.page.keyboard.press("Enter");
  await desk.page.getByText("Ändringen är sparad").waitFor();
  await detail.locator(".request__history li", { hasText: "Handläggs" }).waitFor();
  // Offered: the patient's first choice is preselected; a date and a time.
  const date = inDays(14);
  await desk.page.getByLabel("Tid erbjuden").check();
  const providerId = await desk.page.locator("#move-provider").inputValue();
  assert.ok(providerId, "the patient's first choice is preselected");
  // A day gone by: the server's problem is shown beside the date, linked
  // from the summary, and nothing else is marked.
  await desk.page.getByLabel("Datum (ÅÅÅÅ-MM-DD)").fill("2020-01-01");
  await desk.page.getByLabel("Tid (TT:MM)").fill("09:30");
  await desk.page.getByRole("button", { name: "Spara" }).click();
  const dateError = "Skriv ett datum från och med i dag, som ÅÅÅÅ-MM-DD.";
  await detail.locator("#move-date-error", { hasText: dateError }).waitFor();
  assert.equal(await desk.page.locator("#move-date").getAttribute("aria-invalid"), "true");
  assert.equal(await desk.page.locator("#move-time").getAttribute("aria-invalid"), "false");
  assert.equal(await detail.locator(".error-summary a", { hasText: dateError }).getAttribute("href"), "#move-date");
  await detail.getByRole("status").getByText("Kontrollera de markerade fälten.").waitFor();
  assert.deepEqual(await violations(desk.page), [], "a move with a field to correct");
  // "9.30", as times are often written in Swedish: sent, and kept, as 09:30.
  await desk.page.getByLabel("Datum (ÅÅÅÅ-MM-DD)").fill(date);
  await desk.page.getByLabel("Tid (TT:MM)").fill("9.30");
  await desk.page.getByLabel("Meddelande till patienten (frivilligt)").fill("Ring mottagningen för att tacka ja.");
  await desk.page.getByRole("button", { name: "Spara" }).click();
  await detail.locator(".request__history li", { hasText: "Tid erbjuden" }).waitFor();
  await desk.page.getByText("Ändringen är sparad").waitFor();
  assert.equal(await desk.page.locator("#move-date").getAttribute("aria-invalid"), "false");
  assert.deepEqual(await violations(desk.page), [], "after the offer");
  // The second request declined: without a reason the reason is marked at
  // once; with one, saved, and said so though the request is now closed.
  await desk.page.getByRole("button", { name: `Öppna ${declined}` }).click();
  await desk.page.getByRole("heading", { name: `Förfrågan ${declined}` }).waitFor();
  await desk.page.getByLabel("Avslagen").check();
  await desk.page.getByRole("button", { name: "Spara" }).click();
  await detail.locator("#move-reason-error", { hasText: "Välj orsak." }).waitFor();
  assert.equal(await desk.page.locator("#move-reason").getAttribute("aria-invalid"), "true");
  await desk.page.locator("#move-reason").selectOption("duplicate");
  await desk.page.getByRole("button", { name: "Spara" }).click();
  await detail.locator(".request__history li", { hasText: "Avslagen" }).waitFor();
  await detail.getByText("Förfrågan är avslutad och kan inte ändras.").waitFor();
  await detail.getByRole("status").getByText("Ändringen är sparad").waitFor();
  assert.deepEqual(await violations(desk.page), [], "after a decline");
  // The browser logs the move the server refused (422) itself.
  assert.deepEqual(deskErrors.filter((e) => !/Failed to load resource: .* 422/.test(e)), []);
  await desk.context.close();

  // A second move on a version already used is a conflict, not a lost update.
  const stale = await staff(nora, `/staff/referrals/${reference}/status`, { status: "withdrawn", version: 2 });
  assert.equal(stale.status, 409);
  const now = await staff(nora, `/staff/referrals/${reference}`);
  assert.equal(now.body.status, "offered");
  assert.deepEqual(now.body.history.at(-1).offer, { providerId, date, time: "09:30" });

  // Region 12's navigator on the page: an empty queue; in English too.
  const other12 = await openPage(browser, `${site.url}/vardlotsen`);
  await signIn(other12.page, "navigator-12");
  await other12.page.getByText("Inga förfrågningar i urvalet.").waitFor();
  await other12.page.getByLabel("Språk", { exact: true }).selectOption("en");
  await other12.page.getByText("No requests in the selection.").waitFor();
  await other12.page.getByRole("heading", { name: "Requests", level: 2 }).waitFor();
  assert.deepEqual(await violations(other12.page), [], "English, an empty queue");
  await other12.context.close();

  // The patient's e-mail: one per change, news only, with the link.
  const providers = await (await fetch(`${api.url}/api/v1/providers`)).json();
  const place = providers.find((p) => p.id === providerId);
  let mail = await smtp.waitFor("tolvan@example.se");
  for (let i = 0; mail.length < 2 && i < 50; i++) {
    await new Promise((ok) => setTimeout(ok, 100));
    mail = smtp.messages().filter((m) => m.headers.to === "tolvan@example.se");
  }
  assert.equal(mail.length, 2);
  for (const message of mail) {
    assert.match(message.body, /Det finns nytt om din förfrågan/);
    assert.ok(message.body.includes(`${site.url}/forfragningar`), message.body);
    const everything = `${JSON.stringify(message.headers)}${message.body}`.toLowerCase();
    for (const detail of ["höft", place.name.toLowerCase(), date, "09:30", reference.toLowerCase(), "tolvan tolvansson", "19121212"]) {
      assert.ok(!everything.includes(detail), `the e-mail names ${detail}`);
    }
  }

  // Another device: signed in, the offer on "Mina förfrågningar".
  const other = await openPage(browser, `${site.url}/forfragningar`);
  const otherErrors = appErrors(other.page, provider, site.url);
  await signIn(other.page, "tolvan");
  const card = other.page.locator("article.request", { hasText: reference });
  await card.locator(".request__answer", { hasText: "Erbjuden tid" }).waitFor();
  const answer = await card.locator(".request__answer").textContent();
  assert.ok(answer.includes(place.name) && answer.includes("kl. 09:30"), answer);
  await card.getByText("Ring mottagningen för att tacka ja.").waitFor();
  assert.deepEqual(await violations(other.page), []);
  await other.context.close();

  // The auditor: the read and both changes, by region 01's navigator.
  const audit = await staff(auditor, "/audit?identityNumber=191212121212");
  assert.equal(audit.status, 200);
  const mine = audit.body.filter((entry) => entry.reference === reference);
  const entries = mine.map((entry) => [entry.action, entry.staff, entry.detail ?? null]).reverse();
  // The page read it when opened and again after each change.
  assert.deepEqual(entries[0], ["read", "navigator-01", null]);
  assert.deepEqual(
    entries.filter(([action]) => action === "change"),
    [
      ["change", "navigator-01", "under_review"],
      ["change", "navigator-01", "offered"],
    ],
  );
  assert.ok(entries.every(([, who]) => who === "navigator-01"), JSON.stringify(entries));
  assert.deepEqual(errors, []);
  assert.deepEqual(otherErrors, []);
});
