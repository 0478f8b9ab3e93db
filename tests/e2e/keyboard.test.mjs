// Keyboard only: a patient who cannot use a mouse compares wait times (search,
// choose a service, sort the table), opens a request from a provider, fills in
// the form and sends it, and follows it — with Tab, typing, Space and Enter,
// and with a visible focus indicator on every control reached.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, tabTo } from "./browser.mjs";
import { useStack } from "./stack.mjs";

const stack = useStack();

/** Whether the focused element shows a focus indicator (an outline or a box shadow). */
const focusVisible = (page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== "none";
  });

test("compare, request care elsewhere and follow the request with the keyboard alone", async () => {
  const { context, page, errors } = await openPage(stack.browser, `${stack.site.url}/vantetider`);
  // Comparison: search, choose the service with Enter, sort by a column with Enter.
  await tabTo(page, "#service-search");
  assert.ok(await focusVisible(page), "the search field shows focus");
  await page.keyboard.type("hoft");
  await tabTo(page, ".service-list__item");
  await page.keyboard.press("Enter");
  await page.locator("table.provider-table tbody tr").first().waitFor();
  await tabTo(page, ".sort-button");
  assert.ok(await focusVisible(page), "sort buttons show focus");
  const before = await page.locator(".sort-button").first().getAttribute("data-sort");
  await page.keyboard.press("Enter");
  await page.waitForFunction((b) => document.querySelector(".sort-button").getAttribute("data-sort") !== b, before);

  // From a provider to the request form.
  await tabTo(page, "table.provider-table tbody a");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Begär vård hos en annan vårdgivare", level: 1 }).waitFor();
  await page.waitForFunction(() => document.querySelector("#referral-provider-0")?.selectedIndex > 0);

  // The form: typed field by field, the consent ticked with Space, sent with Enter.
  for (const [id, text] of [
    ["referral-identity", "19121212-1212"],
    ["referral-name", "Tolvan Tolvansson"],
    ["referral-phone", "070-123 45 67"],
  ]) {
    await tabTo(page, `#${id}`);
    assert.ok(await focusVisible(page), `#${id} shows focus`);
    await page.keyboard.type(text);
  }
  // The home region: the first region with the arrow key.
  await tabTo(page, "#referral-home-region");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#referral-home-region").inputValue(), "01");
  await tabTo(page, "#referral-consent");
  await page.keyboard.press("Space");
  await tabTo(page, "#referral-form button[type=submit]");
  await page.keyboard.press("Enter");
  await page.getByText("Förfrågan är mottagen").waitFor();
  const reference = (await page.locator(".receipt__reference").textContent()).trim();

  // Following it: the link to Mina förfrågningar, focus on the new page's heading.
  await tabTo(page, "main a[href='/forfragningar']");
  await page.keyboard.press("Enter");
  await page.locator("article.request", { hasText: reference }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "page-heading");
  assert.equal(await stack.api.referralCount(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
