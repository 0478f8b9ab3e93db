// Renders the app's icons (public/icons/*.png) from its SVG mark in Chromium:
// 192 and 512 px "any" icons (the rounded square of public/favicon.svg) and a
// 512 px maskable icon (full-bleed background, the mark inside the central 80 %
// safe zone). Run by hand when the mark changes (`node scripts/make-icons.mjs`,
// after scripts/setup); the PNGs are committed.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const out = (name) => fileURLToPath(new URL(`../public/icons/${name}`, import.meta.url));
const CHECK = '<path d="M18 33l9 9 19-20" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>';
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1d4f91"/>${CHECK}</svg>`;
// The mark scaled to 60 % around the centre: well inside the maskable safe zone.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#1d4f91"/><g transform="translate(12.8 12.8) scale(0.6)">${CHECK}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const [name, svg, size] of [
  ["icon-192.png", any, 192],
  ["icon-512.png", any, 512],
  ["icon-maskable-512.png", maskable, 512],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  writeFileSync(out(name), await page.screenshot({ omitBackground: true }));
  await page.close();
  console.log(`make-icons: public/icons/${name} (${size}×${size})`);
}
await browser.close();
