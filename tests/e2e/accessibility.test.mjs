// Accessibility in a real browser, in every language: axe-core's WCAG 2.1 A
// and AA rules on every page and the states a patient meets (errors shown, receipts, a request
// sent, the comparison with its table, trend and map), with zero violations;
// and no loss of content at 320 CSS pixels wide (WCAG 1.4.10 reflow); every
// page's title names it (WCAG 2.4.2), in the page's language.
import { test } from "node:test";
import assert from "node:assert/strict";
import { violations } from "./axe.mjs";
import { isoDaysAgo } from "./browser.mjs";
import { useStack } from "./stack.mjs";

const stack = useStack();

/** Whether anything sticks out sideways (content lost without scrolling in two directions). */
const overflows = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

async function check(page, label, found) {
  found.push(...(await violations(page)).map((v) => `${label}: ${v}`));
}

for (const lang of ["sv", "en", "ar"]) {
  test(`every page and state has no WCAG 2.1 A/AA violations and reflows at 320 px (${lang})`, async () => {
    const found = [];
    const narrow = [];
    for (const width of [1280, 320]) {
      const context = await stack.browser.newContext({ locale: "sv-SE", viewport: { width, height: 800 } });
      await context.addInitScript((tag) => localStorage.setItem("vardkoll.lang", tag), lang);
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const at = async (label) => {
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        const [title, heading] = await page.evaluate(() => [document.title, document.querySelector("h1")?.textContent.trim()]);
        assert.ok(heading && title.startsWith(`${heading} – `), `${label}: the title "${title}" names the page "${heading}"`);
        if (width === 320) {
          if (await overflows(page)) narrow.push(label);
          // A checkbox and its label share a line, however long the label.
          const apart = await page.evaluate(() =>
            [...document.querySelectorAll(".field--checkbox")].filter((f) => f.offsetParent).flatMap((field) => {
              const box = field.querySelector("input[type=checkbox]").getBoundingClientRect();
              const text = field.querySelector("label").getBoundingClientRect();
              return text.top < box.bottom && text.bottom > box.top ? [] : [field.querySelector("label").textContent.trim()];
            }),
          );
          if (apart.length) narrow.push(`${label}: checkbox apart from its label (${apart.join("; ")})`);
        } else {
          await check(page, label, found);
        }
      };
      // Driven by ids, the same in every language.
      const submit = (selector) => page.locator(selector).press("Enter");

      // Mina vårdgarantier: empty, then with an episode whose deadline passed, then its errors.
      await page.goto(stack.site.url);
      await page.locator("h1").waitFor();
      await at("guarantees, empty");
      await page.locator("#new-episode-title").fill("Höften");
      await submit("#new-episode-title");
      await page.locator("#episode-1-event-choice").selectOption("referral_issued");
      await page.locator("#episode-1-event-date").fill(isoDaysAgo(120));
      await submit("#episode-1-event-date");
      await page.locator(".advice").waitFor();
      await at("guarantees, missed deadline with advice");
      await page.locator("#episode-1-event-date").fill("2026-02-30");
      await submit("#episode-1-event-date");
      await page.locator(".error-summary:not([hidden])").first().waitFor();
      await at("guarantees, errors shown");

      // Väntetider with a service, its trend open.
      await page.goto(`${stack.site.url}/vantetider?tjanst=op-hoft`);
      await page.locator("table.provider-table tbody tr").first().waitFor();
      await at("comparison");
      await page.locator("table.provider-table tbody tr").first().locator("button").first().click();
      await page.locator(".trend-chart polyline").first().waitFor();
      await at("comparison, trend open");
      // The map is drawn when the patient comes near it.
      await page.locator(".when-near").scrollIntoViewIfNeeded();
      await page.locator(".region-map tbody tr").first().waitFor();
      await at("comparison, the map");

      // The request form: from the comparison, with every error shown, then a receipt.
      await page.goto(`${stack.site.url}/remiss?tjanst=op-hoft`);
      await page.locator("#referral-provider-0").selectOption({ index: 1 });
      await at("request form");
      await page.locator("#referral-form button[type=submit]").click();
      await page.locator(".error-summary:not([hidden])").waitFor();
      await at("request form, errors shown");
      await page.locator("#referral-identity").fill("19121212-1212");
      await page.locator("#referral-name").fill("Tolvan Tolvansson");
      await page.locator("#referral-email").fill("tolvan@example.se");
      await page.locator("#referral-home-region").selectOption("01");
      await page.locator("#referral-consent").check();
      await page.locator("#referral-form button[type=submit]").click();
      await page.locator(".receipt__reference").waitFor();
      const reference = (await page.locator(".receipt__reference").textContent()).trim();
      await at("receipt");

      // Mina förfrågningar with the request (the region's answers, which need
      // a deployment with sign-in: answers.test.mjs).
      await page.goto(`${stack.site.url}/forfragningar`);
      await page.locator("article.request[data-state=received]", { hasText: reference }).waitFor();
      await at("requests");

      // Vårdlotsen, for the region's staff (this deployment has no sign-in).
      await page.goto(`${stack.site.url}/vardlotsen`);
      await page.locator(".notice").first().waitFor();
      await at("care navigators' page");

      await page.goto(`${stack.site.url}/finns-inte`);
      await page.locator("h1").waitFor();
      await at("not found");
      assert.deepEqual(errors, []);
      await context.close();
    }
    assert.deepEqual(found, [], found.join("\n"));
    assert.deepEqual(narrow, [], `content wider than 320 px on: ${narrow.join(", ")}`);
  });
}
