// Embedded in a portal's iframe: the app reports its height to the portal by
// postMessage — to the origins config.json allows, and to no other — so the
// portal sizes the iframe; the patient flows work inside it.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, useStack } from "./stack.mjs";

/** A page shaped like a health portal, with Vårdkoll in an iframe it sizes from the app's messages. */
function portalPage(appUrl) {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Hälsoportalen</title>
<style>body{margin:0;font-family:serif}header,footer{background:#333;color:#fff;padding:1rem}iframe{border:0;width:100%;height:150px;display:block}</style></head>
<body><header><strong>Hälsoportalen</strong><nav><a href="#">Start</a> <a href="#">Kontakt</a></nav></header>
<main><h1>Väntetider i vården</h1><iframe title="Vårdkoll" src="${appUrl}"></iframe></main>
<footer>Portalens sidfot</footer>
<script>
  window.heights = [];
  window.addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(new URL(appUrl).origin)} || event.data?.type !== "vardkoll:height") return;
    window.heights.push(event.data.height);
    document.querySelector("iframe").style.height = event.data.height + "px";
  });
</script></body></html>`;
}

async function startPortal(appUrl) {
  const server = createServer((req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(portalPage(appUrl)));
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

// A copy of the build, whose config.json the first test points at its portal
// (the app's address is known only once the stack runs, so portals start in the tests).
const dist = mkdtempSync(join(tmpdir(), "vardkoll-embed-"));
cpSync(DIST, dist, { recursive: true });
const stack = useStack({ dist });
let allowed;
let other;

after(async () => {
  await allowed?.close();
  await other?.close();
  rmSync(dist, { recursive: true, force: true });
});

test("an allowed portal gets the app's height and sizes its iframe; the comparison works inside", async () => {
  allowed = await startPortal(`${stack.site.url}/vantetider?tjanst=op-hoft`);
  writeFileSync(join(dist, "config.json"), JSON.stringify({ apiBaseUrl: "/api/v1", parentOrigins: [allowed.url] }));
  const context = await stack.browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(allowed.url);
  const app = page.frameLocator("iframe");
  await app.locator("table.provider-table tbody tr").first().waitFor();
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 600);
  // Read together: each message resizes the iframe at once.
  const [first, frameHeight] = await page.evaluate(() => [
    window.heights.at(-1),
    Math.round(document.querySelector("iframe").getBoundingClientRect().height),
  ]);
  assert.equal(frameHeight, first, "the portal sized the iframe to the app");
  // The app grows (a trend opens): the portal hears the new height.
  await app.locator("table.provider-table tbody tr").first().getByRole("button", { name: "Visa trend" }).click();
  await app.locator(".trend-chart polyline").first().waitFor();
  await page.waitForFunction((h) => window.heights.at(-1) > h, first);
  // The portal's own look is untouched by the app's stylesheet.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily), "serif");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a portal that is not allowed hears nothing", async () => {
  other = await startPortal(`${stack.site.url}/`);
  const context = await stack.browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(other.url);
  await page.frameLocator("iframe").locator("h1").waitFor();
  await page.waitForTimeout(1500);
  assert.deepEqual(await page.evaluate(() => window.heights), []);
  await context.close();
});
