// End to end: comparing wait times against the real reference server — search,
// home region, sorting, filtering, distance, trend, map, URL state, the
// referral button — and every error path, fed through the real client.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SERVER_BIN, startApi } from "./api-server.mjs";
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

const rows = (page) => page.locator("table.provider-table tbody tr");
const days = (text) => Number((text.match(/(\d+) dag/) ?? [])[1] ?? NaN);

async function columnTexts(page, column) {
  return rows(page).evaluateAll((trs, c) => trs.map((tr) => tr.children[c].textContent), column);
}

async function chooseHip(page) {
  await page.getByLabel("Sök behandling eller besök").fill("hoft");
  await page.getByRole("button", { name: "Höftledsplastik" }).click();
  await rows(page).first().waitFor();
}

test("the service list is in the reader's alphabetical order: Å, Ä, Ö after Z in Swedish, with A and O in English", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider`);
  const names = () => page.locator("#service-results button").allTextContents();
  await page.locator("#service-results button").first().waitFor();
  const swedish = await names();
  assert.ok(swedish.length > 20, `${swedish.length} services`);
  assert.deepEqual(swedish.slice(-3), [
    "Åderbråcksoperation",
    "Ögonsjukvård, första besök",
    "Öron-, näs- och halssjukvård, första besök",
  ]);
  assert.deepEqual(swedish, [...swedish].sort(new Intl.Collator("sv").compare));
  // Searching stays accent-tolerant.
  await page.getByLabel("Sök behandling eller besök").fill("ogon");
  await page.getByRole("button", { name: "Ögonsjukvård, första besök" }).waitFor();
  await context.close();

  const english = await openPage(browser, `${site.url}/vantetider`);
  await english.context.addInitScript(() => localStorage.setItem("vardkoll.lang", "en"));
  await english.page.reload();
  await english.page.locator("html[lang=en] #service-results button").first().waitFor();
  const names_en = await english.page.locator("#service-results button").allTextContents();
  assert.deepEqual(names_en, [...names_en].sort(new Intl.Collator("en").compare));
  assert.deepEqual(errors, []);
  assert.deepEqual(english.errors, []);
  await english.context.close();
});

test("every figure says its month and source, and the sources are listed with their licences", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider?tjanst=op-hoft`);
  await rows(page).first().waitFor();
  const header = await page.locator("table.provider-table thead th").allTextContents();
  const column = header.findIndex((h) => h.includes("Månad och källa"));
  assert.ok(column > 0, header.join(" | "));
  const cells = await columnTexts(page, column);
  assert.ok(cells.length > 10);
  for (const cell of cells) assert.match(cell, /^(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) 20\d\d · Vårdkolls exempeldata$/);
  // The home region's figure and the regions' table say theirs too.
  await page.getByLabel("Din hemregion").selectOption({ label: "Region Stockholm" });
  await page.locator(".home-summary", { hasText: /\((januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) 20\d\d · Vårdkolls exempeldata\)$/ }).waitFor();
  await page.locator(".when-near").scrollIntoViewIfNeeded();
  await page.locator(".region-map caption", { hasText: "Vårdkolls exempeldata" }).waitFor();
  // A trend names its source under the chart.
  await rows(page).first().locator("button").first().click();
  await page.locator(".trend-chart + .sources").getByText("Vårdkolls exempeldata").waitFor();
  const sources = page.locator(".sources").first();
  await sources.getByText("Källor:").waitFor();
  await sources.getByText("Vårdkolls exempeldata").waitFor();
  await sources.getByText(/licens: Genererad/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the home region's own figures from Kolada are shown beside the units' with their source and year", async () => {
  // A server whose database has Kolada's figures imported (saved answers in Kolada's shape).
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-kolada-"));
  const database = join(dir, "kolada.sqlite3");
  const fixtures = fileURLToPath(new URL("../../crates/vardkoll-server/tests/fixtures/kolada", import.meta.url));
  execFileSync(SERVER_BIN, ["import-kolada", "--file", join(fixtures, "N79240-page1.json"), "--file", join(fixtures, "N79242.json")], {
    env: { ...process.env, VARDKOLL_DB: database, RUST_LOG: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const kolada = await startApi({ VARDKOLL_DB: database });
  const koladaSite = await startServer(dist, 0, kolada.url);
  try {
    const { context, page, errors } = await openPage(browser, `${koladaSite.url}/vantetider?tjanst=besok-ortopedi`);
    await page.getByLabel("Din hemregion").selectOption({ label: "Region Halland" });
    const panel = page.locator(".regional-figures");
    await panel.getByRole("heading", { name: "Region Hallands egna siffror för hela regionen" }).waitFor();
    await panel.getByText("Medianväntetid för dem som väntar").waitFor();
    await panel.getByText("35 dagar (2024)").waitFor();
    await panel.getByRole("link", { name: "Kolada (RKA)" }).waitFor();
    await panel.getByText(/licens: CC BY 4\.0/).waitFor();
    // An operation shows the operation's figure; a region without figures shows none.
    await page.goto(`${koladaSite.url}/vantetider?tjanst=op-hoft`);
    await panel.getByText("61 dagar (2024)").waitFor();
    await page.getByLabel("Din hemregion").selectOption({ label: "Region Skåne" });
    await page.locator(".regional-figures").waitFor({ state: "detached" });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await koladaSite.close();
    await kolada.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a patient finds a service by typing, compares providers with the home region, sorts and filters", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider`);
  await page.getByLabel("Din hemregion").selectOption({ label: "Region Stockholm" });
  // Swedish-aware search and synonyms.
  await page.getByLabel("Sök behandling eller besök").fill("gråstarr");
  await page.getByRole("button", { name: "Kataraktoperation" }).waitFor();
  await chooseHip(page);
  await page.waitForURL(/tjanst=op-hoft/);
  await page.getByText("Exempeldata").first().waitFor();
  await page.getByText(/I Region Stockholm är den beräknade väntetiden \d+ dagar/).waitFor();
  const all = await rows(page).count();
  assert.ok(all > 10, `${all} providers`);
  await page.getByText(/kortare än i din region/).first().waitFor();

  // Default: shortest estimated wait first; a click on the header reverses it.
  let waits = (await columnTexts(page, 1)).map(days).filter((d) => !Number.isNaN(d));
  assert.deepEqual(waits, [...waits].sort((a, b) => a - b));
  await page.getByRole("button", { name: /^Beräknad väntetid/ }).click();
  await page.locator('th[aria-sort="descending"]').waitFor();
  waits = (await columnTexts(page, 1)).map(days).filter((d) => !Number.isNaN(d));
  assert.deepEqual(waits, [...waits].sort((a, b) => b - a));
  await page.waitForURL(/ordning=fallande/);
  // Sorting by name.
  await page.getByRole("button", { name: /^Sjukhus eller mottagning/ }).click();
  const names = await rows(page).locator("th .provider-name").allTextContents();
  assert.ok(names[0].localeCompare(names.at(-1), "sv") < 0, `${names[0]} before ${names.at(-1)}`);
  assert.equal(await page.locator('th[aria-sort="ascending"]').count(), 1);

  // Filters: free capacity, then region.
  await page.getByLabel("Bara de som rapporterar ledig kapacitet").check();
  const capacity = await columnTexts(page, 4);
  assert.ok(capacity.length > 0 && capacity.length < all);
  assert.ok(capacity.every((c) => c === "Ja"), capacity.join());
  await page.getByLabel("Bara de som rapporterar ledig kapacitet").uncheck();
  await page.locator("#filter-region").selectOption({ label: "Region Skåne" });
  const places = await rows(page).locator(".provider-place").allTextContents();
  assert.ok(places.length > 0 && places.every((p) => p.includes("Region Skåne")), places.join());
  await page.waitForURL(/region=12/);

  // Reload restores every choice; back undoes the last one.
  await page.reload();
  await rows(page).first().waitFor();
  assert.equal(await page.locator("#filter-region").inputValue(), "12");
  assert.equal(await page.locator('th[aria-sort="ascending"] button').textContent().then((t) => t.startsWith("Sjukhus")), true);
  assert.equal(await page.getByLabel("Din hemregion").inputValue(), "01");
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes("region=12"));
  await page.waitForFunction((n) => document.querySelectorAll("table.provider-table tbody tr").length === n, all);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the comparison is a split point of the one module, loaded only when its page is opened", async () => {
  const wasm = [];
  const context = await browser.newContext({ locale: "sv-SE", serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => /\.(wasm|pack)$/.test(request.url()) && wasm.push(request.url().split("/").pop()));
  await page.goto(`${site.url}/`);
  await page.locator("#new-episode-title").waitFor();
  await page.waitForLoadState("networkidle");
  // The main module once, the guarantees' split point, never the comparison's.
  assert.equal(wasm.filter((f) => f === "vardkoll_bg.wasm").length, 1, wasm.join());
  assert.ok(wasm.includes("page_guarantees.pack"), wasm.join());
  assert.ok(!wasm.includes("page_wait_times.pack"), wasm.join());
  await page.getByRole("link", { name: "Väntetider" }).click();
  // The heading and lead are the shell's, shown at once; the rest is the split point's.
  await page.getByRole("heading", { name: "Väntetider", level: 1 }).waitFor();
  await page.locator(".service-picker").waitFor();
  assert.ok(wasm.includes("page_wait_times.pack"), wasm.join());
  assert.equal(wasm.filter((f) => f === "vardkoll_bg.wasm").length, 1, "no second program");
  assert.equal(await page.locator("h1").count(), 1);
  // Focus moves to the new page's heading.
  await page.waitForFunction(() => document.activeElement?.id === "page-heading");
  // Leaving and coming back shows the page again, nothing fetched twice.
  const fetched = wasm.length;
  await page.getByRole("link", { name: "Mina vårdgarantier" }).click();
  await page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
  assert.equal(await page.locator(".service-picker").count(), 0);
  await page.goBack();
  await page.getByRole("heading", { name: "Väntetider", level: 1 }).waitFor();
  await page.locator(".service-picker").waitFor();
  assert.equal(await page.locator("h1").count(), 1);
  assert.equal(wasm.length, fetched);
  assert.deepEqual(errors, []);
  await context.close();
});

test("distance from a town or the patient's own position, only with permission", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider?tjanst=op-hoft`);
  await rows(page).first().waitFor();
  await page.locator("#filter-origin").selectOption("Umeå");
  await page.getByRole("button", { name: /^Avstånd/ }).waitFor();
  await page.locator("#filter-within").selectOption({ label: "100 km" });
  const distances = (await columnTexts(page, 6)).map((t) => Number(t.replace(" km", "")));
  assert.ok(distances.length > 0 && distances.every((d) => d <= 100), distances.join());
  await page.waitForURL(/fran=Ume%C3%A5&inom=100/);
  // Without permission the position is not used and the patient is told so.
  await page.getByRole("button", { name: "Använd min position" }).click();
  await page.getByText("Vi fick inte använda din position").waitFor();
  // Choosing "Min position" in the list without permission keeps the town.
  await page.locator("#filter-origin").selectOption("position");
  await page.getByText("Vi fick inte använda din position").waitFor();
  assert.equal(await page.locator("#filter-origin").inputValue(), "Umeå");
  await context.close();

  const allowed = await browser.newContext({
    locale: "sv-SE",
    geolocation: { latitude: 55.6, longitude: 13.0 },
    permissions: ["geolocation"],
  });
  const near = await allowed.newPage();
  await near.goto(`${site.url}/vantetider?tjanst=op-hoft&inom=50`);
  await rows(near).first().waitFor();
  await near.getByRole("button", { name: "Använd min position" }).click();
  await near.getByRole("button", { name: /^Avstånd/ }).waitFor();
  const places = await rows(near).locator(".provider-place").allTextContents();
  assert.ok(places.length > 0 && places.every((p) => p.includes("Skåne")), places.join());
  // The position itself never enters the address.
  await near.waitForURL(/fran=position/);
  assert.doesNotMatch(near.url(), /55\.6|13\.0/);
  await allowed.close();
  assert.deepEqual(errors, []);
});

test("trend chart with its numbers, the region map with its table, and the referral button", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider?tjanst=op-hoft`);
  await rows(page).first().waitFor();
  const first = await rows(page).first().locator(".provider-name").textContent();
  await rows(page).first().getByRole("button", { name: "Visa trend" }).click();
  await page.getByRole("heading", { name: `Trend: ${first}` }).waitFor();
  await page.locator(".trend-chart polyline.line--provider").first().waitFor();
  assert.ok((await page.locator(".trend-chart polyline").count()) >= 2);
  await page.getByText("Visa siffrorna").click();
  assert.equal(await page.locator(".trend-numbers tbody tr").count(), 24);
  await page.waitForURL(/trend=/);
  // A region's own trend, from the regions' table (drawn, with the map, once
  // the patient scrolls near it); focus moves to the trend.
  await page.locator(".when-near").scrollIntoViewIfNeeded();
  await page.locator(".region-map tbody tr", { hasText: "Region Skåne" }).getByRole("button", { name: /Visa trend/ }).click();
  await page.getByRole("heading", { name: "Trend: Region Skåne" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "trend-heading");
  await page.waitForURL(/regiontrend=12/);
  assert.doesNotMatch(page.url(), /[?&]trend=/);
  await page.locator(".trend-chart polyline.line--provider").first().waitFor();
  await page.getByText("Visa siffrorna").click();
  assert.equal(await page.locator(".trend-numbers tbody tr").count(), 24);
  assert.equal(await page.locator(".trend-numbers thead th").count(), 2);
  // The map: 21 tiles coloured by a measure, the same figures in a table.
  assert.equal(await page.locator(".tile-map g.tile").count(), 21);
  assert.equal(await page.locator(".region-map tbody tr").count(), 21);
  await page.getByLabel("Visa på kartan").selectOption({ label: "Andel inom vårdgarantin" });
  await page.locator(".region-map caption", { hasText: "Andel inom vårdgarantin per region" }).waitFor();
  assert.match(await page.locator(".region-map tbody tr td").first().textContent(), /%|Uppgift saknas/);
  await page.waitForURL(/karta=andel/);
  // The referral button carries the provider to the request page.
  await rows(page).first().getByRole("link", { name: "Begär vård här" }).click();
  await page.getByRole("heading", { name: "Begär vård hos en annan vårdgivare", level: 1 }).waitFor();
  await page.waitForURL(/\/remiss\?tjanst=op-hoft&vardgivare=/);
  await page.waitForFunction(() => document.querySelector("#referral-provider-0")?.selectedIndex > 0);
  assert.ok((await page.locator("#referral-provider-0 option:checked").textContent()).startsWith(first.trim()));
  await page.goBack();
  await rows(page).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("provider names from the API are shown as text, never as markup", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/`);
  await page.route("**/api/v1/providers", async (route) => {
    const response = await route.fetch();
    const list = await response.json();
    for (const provider of list) provider.name = `<img src=x onerror="window.__pwned=1"><b>Ond</b> ${provider.name}`;
    await route.fulfill({ response, json: list });
  });
  await page.getByRole("link", { name: "Väntetider" }).click();
  await page.getByLabel("Sök behandling eller besök").fill("hoft");
  await page.getByRole("button", { name: "Höftledsplastik" }).click();
  await rows(page).first().waitFor();
  const names = await rows(page).locator(".provider-name").allTextContents();
  assert.ok(names.length > 0 && names.every((n) => n.startsWith('<img src=x onerror="window.__pwned=1"><b>Ond</b> ')), names[0]);
  assert.equal(await page.locator("main img, main b").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

// Bodies the contract does not allow, each fed through the real client.
const BAD_STATISTICS = {
  "not JSON": () => ({ status: 200, body: "<html>Bad gateway</html>", contentType: "text/html" }),
  "missing fields": () => ({ status: 200, json: { serviceCode: "op-kna", rows: [] } }),
  "wrong types": (good) => ({ status: 200, json: { ...good, rows: good.rows.map((r) => ({ ...r, estimatedWaitDays: "60" })) } }),
  "negative days": (good) => ({ status: 200, json: { ...good, rows: good.rows.map((r) => ({ ...r, estimatedWaitDays: -5 })) } }),
  "share above 100 %": (good) => ({ status: 200, json: { ...good, rows: good.rows.map((r) => ({ ...r, shareWithinLimit: 1.7 })) } }),
  "another service": (good) => ({ status: 200, json: { ...good, serviceCode: "op-hoft" } }),
  "server error": () => ({ status: 500, json: { type: "about:blank", title: "Internal", status: 500 } }),
  "rate limited": () => ({ status: 429, json: { type: "about:blank", title: "Too many", status: 429 } }),
};

test("bad answers for another service show an error with retry, and the table never shows the last service as the new one", async () => {
  const { context, page, errors } = await openPage(browser, `${site.url}/vantetider?tjanst=op-hoft`);
  // The whole first page of rows: the first paint draws 8, the rest after it.
  await rows(page).nth(8).waitFor();
  const goodRows = await rows(page).count();
  const goodFirst = await rows(page).first().textContent();
  let mode = null;
  const kneeFigures = (url) => url.pathname === "/api/v1/statistics" && url.searchParams.get("service") === "op-kna" && !url.searchParams.has("months");
  await page.route(kneeFigures, async (route) => {
    if (mode === "network") return route.abort("connectionreset");
    const response = await route.fetch();
    const good = await response.json();
    if (!mode) return route.fulfill({ response, json: good });
    const bad = BAD_STATISTICS[mode](good);
    return route.fulfill(bad.json ? { status: bad.status, json: bad.json } : bad);
  });
  for (const name of [...Object.keys(BAD_STATISTICS), "network"]) {
    mode = name;
    // Switch to knee replacement (bad answer), check, then back to hip.
    await page.goto(`${site.url}/vantetider?tjanst=op-hoft`);
    await rows(page).first().waitFor();
    await page.getByLabel("Sök behandling eller besök").fill("knä");
    await page.getByRole("button", { name: "Knäledsplastik" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /Servern|servern/ });
    await alert.waitFor();
    // Knee replacement is chosen and could not be loaded: no hip rows passed off as the knee's.
    assert.equal(await rows(page).count(), 0, name);
    assert.equal(await alert.getByText(/Visar uppgifterna som hämtades/).count(), 0, name);
    assert.equal(await page.getByRole("button", { name: "Knäledsplastik" }).getAttribute("aria-pressed"), "true", name);
  }
  // Back to the hip: its figures, as before.
  await page.getByLabel("Sök behandling eller besök").fill("höft");
  await page.getByRole("button", { name: "Höftledsplastik" }).click();
  await page.locator("table.provider-table caption", { hasText: "Höftledsplastik" }).waitFor();
  await rows(page).nth(goodRows - 1).waitFor();
  assert.equal(await rows(page).count(), goodRows);
  assert.equal(await rows(page).first().textContent(), goodFirst);
  await page.getByLabel("Sök behandling eller besök").fill("knä");
  await page.getByRole("button", { name: "Knäledsplastik" }).click();
  // The retry button fetches again; with a good answer the error goes away.
  mode = null;
  await page.getByRole("button", { name: "Försök igen" }).click();
  await page.getByRole("alert").filter({ hasText: /Servern|servern/ }).waitFor({ state: "detached" });
  await page.locator("table.provider-table caption", { hasText: "Knäledsplastik" }).waitFor();
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await context.close();
});

test("every row's way to a request is on screen without scrolling sideways, on a desktop and on a phone", async () => {
  // Every action of every row, and every cell of the region table, inside the window.
  const outside = (page, width) =>
    page.evaluate((width) => {
      const out = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < 0 || r.right > width);
      };
      const actions = [...document.querySelectorAll("table.provider-table tbody .actions > *")].filter(out);
      const regionCells = [...document.querySelectorAll(".region-map table tbody td, .region-map table tbody th")].filter(out);
      return [...actions, ...regionCells].map((el) => `${el.closest("tr")?.querySelector("th")?.textContent.trim()}: ${el.textContent.trim()}`);
    }, width);
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ locale: "sv-SE", viewport, serviceWorkers: "block" });
    const page = await context.newPage();
    await page.goto(`${site.url}/vantetider?tjanst=op-hoft`);
    await rows(page).first().waitFor();
    await rows(page).nth(8).waitFor(); // the rows after the first paint
    assert.ok((await page.locator("table.provider-table tbody a", { hasText: "Begär vård här" }).count()) > 0);
    await page.locator(".when-near").scrollIntoViewIfNeeded();
    await page.locator(".region-map tbody tr").first().waitFor();
    assert.deepEqual(await outside(page, viewport.width), [], `at ${viewport.width} px`);
    await context.close();
  }
});

test("an unreachable API shows a clear message with retry, not a broken page", async () => {
  const { context, page } = await openPage(browser, `${broken.url}/vantetider?tjanst=op-hoft`);
  await page.getByText("Servern kunde inte svara just nu").first().waitFor();
  await page.getByRole("button", { name: "Försök igen" }).first().click();
  await page.getByText("Servern kunde inte svara just nu").first().waitFor();
  // The deadline tracker still works without the API.
  await page.getByRole("link", { name: "Mina vårdgarantier" }).click();
  await page.getByRole("heading", { name: "Mina vårdgarantier", level: 1 }).waitFor();
  await context.close();
});
