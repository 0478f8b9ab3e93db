// End to end: the region's answer reaches the patient. A signed-in patient
// sends a request; a navigator of the patient's home region moves it through
// the real staff API (what Vårdlotsen does); the patient follows each change
// in "Mina förfrågningar" — under review, a time offered (with what to do
// next), or declined with the reason and the region's note shown as text —
// in every language with no WCAG 2.1 A/AA violation and no loss at 320 px.
import { test } from "node:test";
import assert from "node:assert/strict";
import { violations } from "./axe.mjs";
import { openPage } from "./browser.mjs";
import { appErrors, fillRequest, signIn } from "./signin-helpers.mjs";
import { useStack } from "./stack.mjs";
import { moveAs } from "./staff-api.mjs";

const stack = useStack({ signIn: true });

const inDays = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Tolvan, signed in on a new device, sends a request; the page and its reference. */
async function send() {
  const opened = await openPage(stack.browser, `${stack.site.url}/remiss?tjanst=op-hoft`);
  const errors = appErrors(opened.page, stack.provider, stack.site.url);
  await signIn(opened.page, "tolvan");
  await fillRequest(opened.page, "070-123 45 67");
  await opened.page.getByRole("button", { name: "Skicka förfrågan" }).click();
  await opened.page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await opened.page.locator(".receipt__reference").textContent()).trim();
  return { ...opened, errors, reference };
}

test("the patient follows a request under review and sees the time offered, also after a reload", async () => {
  const { context, page, errors, reference } = await send();
  const before = await stack.api.referralCount();

  await moveAs(stack.api, stack.provider, "navigator-01", reference, "under_review");
  await page.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  const card = page.locator("article.request", { hasText: reference });
  await card.getByText("Handläggs").first().waitFor();

  await moveAs(stack.api, stack.provider, "navigator-01", reference, "offered", {
    note: "Ta med remissen.",
    offer: { providerId: "karolinska-solna", date: inDays(14), time: "10:00" },
  });
  // Refreshed when the tab regains focus.
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await card.getByText("Tid erbjuden").first().waitFor();
  await card.getByText("Ta med remissen.").waitFor();
  await card.locator(".request__answer", { hasText: /Erbjuden tid: .* kl\. 10:00, Karolinska/ }).waitFor();
  assert.equal(await card.locator(".request__history li").count(), 3);
  await card.getByText(/Svara här: tacka ja, be om en annan tid eller tacka nej/).waitFor();
  // A time agreed outside Vårdkoll: answered here all the same, with no window.
  await card.getByRole("button", { name: "Tacka ja till tiden" }).waitFor();
  assert.equal(await card.getByText(/^Svara senast/).count(), 0);

  // After a reload it is still followed; the moves stored nothing new.
  await page.reload();
  await page.locator("article.request", { hasText: reference }).getByText("Tid erbjuden").first().waitFor();
  assert.equal(await stack.api.referralCount(), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a declined request says why and what next, and the region's note is text, never markup", async () => {
  const { context, page, errors, reference } = await send();
  await moveAs(stack.api, stack.provider, "navigator-01", reference, "declined", {
    declineReason: "no_provider_available",
    note: "<script>alert(1)</script>Ingen plats",
  });
  await page.getByRole("link", { name: "Mina förfrågningar" }).first().click();
  const card = page.locator("article.request", { hasText: reference });
  await card.getByText("Avslagen").first().waitFor();
  await card.locator(".request__answer", { hasText: "Orsak: regionen hittade ingen vårdgivare som kan ge vården tidigare." }).waitFor();
  await card.getByText(/Du kan skicka en ny förfrågan/).waitFor();
  await card.getByText("<script>alert(1)</script>Ingen plats").waitFor();
  assert.equal(await card.locator("script").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Tolvan sends a request through the API (as the app does, signed in); its reference. */
async function sendByApi(key) {
  const r = await fetch(`${stack.api.url}/api/v1/referrals`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${await stack.provider.token("tolvan")}`,
      "Content-Type": "application/json",
      "Idempotency-Key": key,
    },
    // The identity number is required in the body's shape; signed in, the
    // server takes the verified one instead.
    body: JSON.stringify({
      personalIdentityNumber: "19121212-1212",
      name: "Tolvan Tolvansson",
      phone: "070-123 45 67",
      serviceCode: "op-hoft",
      preferredProviders: ["karolinska-solna"],
      homeRegion: "01",
      canTravel: true,
      interpreter: { needed: false },
      message: "",
      consentToShare: true,
    }),
  });
  const body = await r.json();
  assert.equal(r.status, 201, JSON.stringify(body));
  return body.reference;
}

test("an offer and a decline read well in every language: no WCAG 2.1 A/AA violations, nothing lost at 320 px", async () => {
  const offered = await sendByApi("answers-a11y-offered");
  await moveAs(stack.api, stack.provider, "navigator-01", offered, "under_review");
  await moveAs(stack.api, stack.provider, "navigator-01", offered, "offered", {
    note: "Tid 3 december kl. 10.00",
    offer: { providerId: "karolinska-solna", date: inDays(7), time: "10:00" },
  });
  const declined = await sendByApi("answers-a11y-declined");
  await moveAs(stack.api, stack.provider, "navigator-01", declined, "declined", { declineReason: "duplicate" });
  for (const lang of ["sv", "en", "ar"]) {
    const context = await stack.browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 800 } });
    await context.addInitScript((tag) => localStorage.setItem("vardkoll.lang", tag), lang);
    const page = await context.newPage();
    const errors = appErrors(page, stack.provider, stack.site.url);
    await page.goto(`${stack.site.url}/forfragningar`);
    await signIn(page, "tolvan");
    for (const reference of [offered, declined]) {
      await page.locator("article.request", { hasText: reference }).locator(".request__answer").waitFor();
    }
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.deepEqual(await violations(page), [], `requests with answers (${lang})`);
    await page.setViewportSize({ width: 320, height: 800 });
    const overflows = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    );
    assert.equal(overflows, false, `nothing sticks out at 320 px (${lang})`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
