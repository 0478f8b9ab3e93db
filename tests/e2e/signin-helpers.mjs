// What the end-to-end tests with a signed-in patient or staff member share: a
// copy of the build set up for the test OpenID provider, signing in at the
// provider's pages, the request form filled, and errors on the app's own pages.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Sets up the build copy in `root` as a deployment does for `provider`: the
 * provider in config.json (with `extra` settings), its origin in the page's
 * Content-Security-Policy (connect-src) for discovery and tokens.
 */
export function useProvider(root, provider, { oidc = {}, ...extra } = {}) {
  writeFileSync(
    join(root, "config.json"),
    JSON.stringify({
      apiBaseUrl: "/api/v1",
      ...extra,
      oidc: { issuer: provider.issuer, clientId: "vardkoll-app", scopes: "openid profile pin", ...oidc },
    }),
  );
  const index = join(root, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("connect-src 'self'", `connect-src 'self' ${provider.issuer}`));
}

/**
 * Errors on the app's own pages (at `siteUrl`): the provider's pages are not
 * ours (they load their own fonts and icon, which this offline machine cannot reach).
 */
export function appErrors(page, provider, siteUrl) {
  const errors = [];
  page.on("console", (message) => {
    const from = message.location().url ?? "";
    if (message.type() === "error" && !from.startsWith(provider.issuer) && new URL(page.url()).origin === siteUrl) {
      errors.push(`${message.text()} (${from})`);
    }
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return errors;
}

/**
 * Signs in as `login` at the provider's own pages (login, then consent), from
 * the header's button, in whatever language the app speaks.
 */
export async function signIn(page, login) {
  await page.locator(".account button").click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any");
  await page.locator("button[type=submit]").click();
  // The first time, the provider asks the patient to let the app in.
  const consent = page.getByRole("button", { name: "Continue" });
  await Promise.race([consent.click().catch(() => {}), page.locator(".account__name").waitFor()]);
  await page.locator(".account__name").waitFor();
}

/**
 * Fills the request form on /remiss?tjanst=op-hoft: `typed` (identity number
 * and name) only where the patient types them (not signed in), then the phone,
 * `email` if given, home region 01, the first provider and consent.
 */
export async function fillRequest(page, phone, typed = null, email = null) {
  if (typed) {
    await page.getByLabel("Personnummer eller samordningsnummer").fill(typed.identity);
    await page.getByLabel("Namn").fill(typed.name);
  }
  await page.getByLabel("Telefon").fill(phone);
  if (email) await page.getByLabel("E-post").fill(email);
  await page.locator("#referral-home-region").selectOption("01");
  await page.waitForFunction(() => document.querySelector("#referral-service")?.selectedIndex > 0);
  await page.locator("#referral-provider-0").selectOption({ index: 1 });
  await page.getByLabel("Jag samtycker till att förfrågan").check();
}
