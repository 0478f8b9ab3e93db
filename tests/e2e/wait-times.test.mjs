// End to end: the app shows wait times from the real reference server, labels
// sample data, and survives the server being unreachable.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { startApi } from "./api-server.mjs";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

const dist = fileURLToPath(new URL("../../dist", import.meta.url));
let api;
let site;
let broken;
let browser;

before(async () => {
  api = await startApi();
  site = await startServer(dist, 0, api.url);
  broken = await startServer(dist, 0, "http://127.0.0.1:9");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await broken?.close();
  await api?.stop();
});

test("a patient compares the wait for a hip replacement between regions", async () => {
  const { context, page, errors } = await openPage(browser, site.url);
  await page.getByRole("link", { name: "Väntetider" }).click();
  await page.getByRole("heading", { name: "Väntetider", level: 1 }).waitFor();
  await page.getByLabel("Behandling eller besök").selectOption({ label: "Höftledsplastik" });
  const table = page.locator("table.data-table");
  await table.waitFor();
  assert.equal(await table.locator("tbody tr").count(), 21);
  await page.getByText("Exempeldata").waitFor();
  const first = await table.locator("tbody tr").first().textContent();
  assert.match(first, /\d+ dagar/);
  assert.equal(new URL(page.url()).pathname, "/vantetider");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an unreachable API shows a clear message with retry, not a broken page", async () => {
  const { context, page } = await openPage(browser, `${broken.url}/vantetider`);
  await page.getByText("Servern kunde inte svara just nu").waitFor();
  await page.getByRole("button", { name: "Försök igen" }).click();
  await page.getByText("Servern kunde inte svara just nu").waitFor();
  // The deadline tracker still works without the API.
  await page.getByRole("link", { name: "Mina vårdgarantier" }).click();
  await page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
  await context.close();
});
