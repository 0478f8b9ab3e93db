// Trunk post-build hook (after build-wasm.mjs): prepares embedding in a
// portal's element (see public/embed.js and src/platform/host.rs).
// 1. embed-<hash>.css: the app's stylesheet for inside the portal's element —
//    what the page's root and body carry goes on the app's element instead,
//    which first drops everything it would inherit from the portal (`all:
//    initial`), and `rem` becomes `--vardkoll-rem` (the browser's text size),
//    so a portal's root font size cannot shrink the app.
// 2. embed.js: the loader, with this build's files (app, stylesheet) written
//    in; its own address stays the same across builds. The split points' files
//    load from beside the app's script, wherever that is.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LOADER, embedCssName } from "./embed-files.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("embed-loader: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const files = readdirSync(dir);
const one = (pattern, what) => {
  const found = files.filter((name) => pattern.test(name));
  if (found.length !== 1) {
    console.error(`embed-loader: expected one ${what} in the build, found ${found.length}`);
    process.exit(1);
  }
  return found[0];
};
const css = one(/^main-[0-9a-f]+\.css$/, "stylesheet");
const app = `app/${readdirSync(join(dir, "app")).find((name) => /^[0-9a-f]+$/.test(name))}`;
const js = `${app}/vardkoll.js`;
const wasm = `${app}/vardkoll_bg.wasm`;
if (!existsSync(join(dir, js)) || !existsSync(join(dir, wasm))) {
  console.error("embed-loader: no app in the build; run build-wasm.mjs first");
  process.exit(1);
}

/** The page's stylesheet made to work inside the portal's element. */
function embedCss(source) {
  const app = ".vardkoll-app";
  const own = `${app}{all:initial;display:block;position:relative;font-size:medium;--vardkoll-rem:1em}`;
  const body = source
    // The page's root carries the colours and the font: the app's element does.
    .replace(/:root\b/g, app)
    // `rem` outside media queries (which measure the browser's text size anyway).
    .replace(/@media[^{]*\{|(-?\d*\.?\d+)rem\b/g, (match, number) =>
      number === undefined ? match : `calc(${number}*var(--vardkoll-rem))`,
    );
  return `${own}\n${body}`;
}

const embedded = embedCss(readFileSync(join(dir, css), "utf8"));
const cssName = embedCssName(createHash("sha256").update(embedded).digest("hex").slice(0, 16));
writeFileSync(join(dir, cssName), embedded);

const loader = join(dir, LOADER);
const source = readFileSync(loader, "utf8");
if (!source.includes("__VARDKOLL_BUILD__")) {
  console.error("embed-loader: embed.js has no placeholder");
  process.exit(1);
}
writeFileSync(loader, source.replace("__VARDKOLL_BUILD__", JSON.stringify({ js, wasm, css: cssName })));
console.log(`embed-loader: embed.js -> ${js}, ${cssName}`);
