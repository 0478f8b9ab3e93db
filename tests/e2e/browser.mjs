// Launching the system Chromium for the end-to-end tests. Playwright never
// downloads a browser here; CHROMIUM overrides the path.
import { chromium } from "playwright-core";

/**
 * Starts Chromium; a start that fails (seen once here: the browser gone before
 * Playwright reached it, on a loaded machine) is tried again, twice at most —
 * no test has begun yet, so nothing is hidden.
 */
export async function launch() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce();
    } catch (error) {
      if (attempt >= 3) throw error;
      console.error(`chromium did not start (attempt ${attempt}): ${String(error).split("\n")[0]}`);
    }
  }
}

function launchOnce() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * A page that records console errors and uncaught exceptions (a WASM panic is one).
 * The service worker is blocked unless asked for: Playwright's request routing
 * (used to feed the client bad answers) does not see requests a worker makes.
 * pwa.test.mjs and the fault-injection test run with it.
 */
export async function openPage(browser, url, { serviceWorkers = "block" } = {}) {
  const context = await browser.newContext({ locale: "sv-SE", acceptDownloads: true, serviceWorkers });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.locator("h1").first().waitFor();
  return { context, page, errors };
}

/** A local date `days` days before today, as YYYY-MM-DD. */
export function isoDaysAgo(days) {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Presses Tab until the focused element matches `selector` (as a keyboard user
 * moves through the page), failing after `limit` presses.
 */
export async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Whether `text` (an address, stored JSON) holds the personal identity number
 * `digits` (12 digits) in any written form: with or without century, with or
 * without the dash. Never test for a fragment such as "1212": a request's
 * random reference holds such runs now and then.
 */
export function holdsIdentityNumber(text, digits) {
  const [century, date, serial] = [digits.slice(0, 2), digits.slice(2, 8), digits.slice(8)];
  return new RegExp(`(${century})?${date}[-+]?${serial}`).test(text);
}
