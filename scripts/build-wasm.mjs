// Trunk post-build hook (first): builds the app's one WebAssembly module and
// cuts it at its split points (src/platform/split.rs). Trunk cannot split, so
// it builds the page, CSS and assets, and this hook the Rust:
//
// 1. cargo build with `--cfg wasm_split` and relocations kept
//    (`-C link-arg=--emit-relocs`), in its own target directory; a release
//    build with the pinned nightly below, its standard library rebuilt to
//    abort on a panic without formatting a message;
// 2. wasm-split-cli: the main module, `__wasm_split.js` (the loader), one
//    `split_NAME.wasm` per split point and `chunk_*.wasm` for code several
//    split points share — but code most of them share goes into the main
//    module (MAIN_IF_SHARED_BY);
// 3. wasm-bindgen on the main module (`--keep-lld-exports`: the split files
//    link against those exports, and fail to without them);
// 4. wasm-opt on every module, after splitting (release builds);
// 5. one file per split point, `NAME.pack`, with its module and the chunks it
//    needs, and the loader changed to read them (scripts/split-packs.mjs);
//    terser on the scripts (release builds);
// 6. all of it into app/<content hash>/ (may be cached for ever: a new build
//    gets a new address), and the module script that starts the app, with
//    preloads, in place of the page's <meta name="vardkoll-app"> tag.
// Steps 2-5 are kept in target/split/app-cache-PROFILE/ for the module they were made
// from, so a build without a change in Rust does not redo them.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { packSplits } from "./split-packs.mjs";

const NAME = "vardkoll";
// RUSTFLAGS replace .cargo/config.toml's (none for wasm32 today). Leptos's
// `erase_components` (type-erased views) is on: it cuts the pages' code from
// 400.6 to 345.1 KB gzip in all. The comparison benchmark (scripts/bench-compare,
// 40 runs, twice each) showed no difference beyond its run-to-run spread
// (service switch 16.6-22.5 ms erased, 16.3-21.3 ms not; ratios 1.2-1.4 both).
// VARDKOLL_ERASE=0 builds without it, for measuring.
const RUSTFLAGS = [...(process.env.VARDKOLL_ERASE === "0" ? [] : ["--cfg", "erase_components"]), "--cfg", "wasm_split", "-C", "link-arg=--emit-relocs"];
// The release build's compiler (scripts/setup installs it, with rust-src): a
// pinned nightly, for two unstable options. `-Zbuild-std` rebuilds the standard
// library with the app's size settings (and its `optimize_for_size` feature:
// smaller sorting and formatting code; wait_times, referral and guarantees
// 1.5 KB gzip smaller each), and `-Cpanic=immediate-abort` makes a
// panic a plain trap, so no panic site carries its message, location and
// formatting code. The app already aborts on a panic (profile.release) and sets
// no panic hook, so nothing a patient sees changes; the size report fell from
// 144.3 to 130.4 KB gzip for the first load and by 5-12 KB for every page
// (wait_times 172.7 -> 161.0, navigator 119.4 -> 114.3). Development builds,
// tests, clippy and the server keep the stable toolchain of rust-toolchain.toml.
const RELEASE_TOOLCHAIN = "nightly-2026-10-30";
const RELEASE_CARGO_FLAGS = ["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"];
const RELEASE_RUSTFLAGS = ["-Zunstable-options", "-Cpanic=immediate-abort"];
// Code that at least this many split points need goes into the main module
// (`--main-if-shared-by`, our patch to wasm-split-cli: tools/wasm-split/)
// instead of chunks. Every visit loads a page right after the first paint, so
// such code is loaded anyway, and in one file it compresses better than in
// the dozens of small chunks the tool otherwise cuts (one per set of split
// points that share it). Since each page is one pack, a chunk that several
// pages share is in each of their packs: a lower N makes the first load larger
// and the pages smaller. The staff pages count too, so a new page can move
// the balance: docs/decisions/2026-12-07-main-if-shared-by.md has the
// measurements behind N. VARDKOLL_MAIN_IF_SHARED_BY=0 turns it off, for measuring.
const MAIN_IF_SHARED_BY = Number(process.env.VARDKOLL_MAIN_IF_SHARED_BY ?? 5);
// Each split file would otherwise keep its own `producers` and
// `target_features` sections: about 0.2 KB gzip a file, and a page needs 30-odd.
const WASM_OPT_FLAGS = [
  "--strip-producers", "--strip-target-features",
  "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("build-wasm: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const publicUrl = (process.env.TRUNK_PUBLIC_URL || "/").replace(/\/?$/, "/");
const run = (command, args, env) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
const targetDir = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"])).target_directory;

// 1. One build, its own target directory (other flags than `cargo build`'s).
const splitTarget = join(targetDir, "split");
const cargoArgs = ["build", "--target", "wasm32-unknown-unknown", "-p", NAME, "--bin", NAME, "--target-dir", splitTarget];
run("cargo", release ? [`+${RELEASE_TOOLCHAIN}`, ...cargoArgs, "--release", ...RELEASE_CARGO_FLAGS] : cargoArgs, {
  ...process.env,
  CARGO_ENCODED_RUSTFLAGS: [...RUSTFLAGS, ...(release ? RELEASE_RUSTFLAGS : [])].join("\x1f"),
});
const wasm = join(splitTarget, "wasm32-unknown-unknown", release ? "release" : "debug", `${NAME}.wasm`);

// Steps 2-5 depend only on the built module and the tools: the same module
// (a build with no change in Rust) reuses the last result.
const tool = (command) => execFileSync(command, ["--version"], { encoding: "utf8" }).trim();
// wasm-split-cli has no --version: its binary tells.
const binary = (command) => createHash("sha256").update(readFileSync(execFileSync("which", [command], { encoding: "utf8" }).trim())).digest("hex");
const key = createHash("sha256")
  .update(readFileSync(wasm))
  .update(JSON.stringify([release, WASM_OPT_FLAGS, MAIN_IF_SHARED_BY, readFileSync(new URL("./split-packs.mjs", import.meta.url), "utf8"), !!process.env.VARDKOLL_WASM_NAMES, tool("wasm-bindgen"), tool("wasm-opt"), tool("terser"), binary("wasm-split-cli")]))
  .digest("hex")
  .slice(0, 16);
// One cache per profile: `scripts/serve`'s development builds and the release
// build `scripts/test` makes would otherwise evict each other.
const cache = join(splitTarget, release ? "app-cache-release" : "app-cache-debug");
const out = join(cache, key);
if (existsSync(out)) {
  console.log(`build-wasm: the module is unchanged; reusing ${out}`);
} else {
  rmSync(cache, { recursive: true, force: true });
  const work = mkdtempSync(join(tmpdir(), "vardkoll-app-"));
  splitAndOptimise(wasm, work);
  mkdirSync(cache, { recursive: true });
  cpSync(work, out, { recursive: true });
  rmSync(work, { recursive: true, force: true });
}
const files = readdirSync(out, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(out, join(entry.parentPath ?? entry.path, entry.name)).split("\\").join("/"))
  .sort();

/** Steps 2-5: the main module with its bindings and the split points' packs, optimised, into `out`. */
function splitAndOptimise(wasm, out) {
  // 2. Split.
  const split = mkdtempSync(join(tmpdir(), "vardkoll-split-"));
  const shared = MAIN_IF_SHARED_BY > 0 ? ["--main-if-shared-by", String(MAIN_IF_SHARED_BY)] : [];
  run("wasm-split-cli", [wasm, split, "--out-name", NAME, ...shared]);

  // 3. Bindings for the main module; the split files go beside it.
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle", "--out-dir", out, "--out-name", NAME, join(split, `${NAME}.wasm`)]);
  for (const file of readdirSync(split)) {
    if (file !== `${NAME}.wasm`) cpSync(join(split, file), join(out, file));
  }
  rmSync(split, { recursive: true, force: true });

  // 4. Optimise each module on its own (VARDKOLL_WASM_NAMES=1 keeps names, for profiling).
  const optimised = release && !process.env.VARDKOLL_WASM_NAMES;
  if (optimised) optimise(out);
  // 5. One pack per split point, and the loader that reads them.
  packSplits(out);
  if (optimised) minify(out);
}

/** Step 4: wasm-opt on every module. */
function optimise(out) {
  for (const file of readdirSync(out).filter((f) => f.endsWith(".wasm"))) {
    // wasm-opt warns of every name subsection it does not know (those
    // wasm-split-cli writes): noise, dropped; anything else is shown.
    const result = spawnSync("wasm-opt", ["-Oz", ...WASM_OPT_FLAGS, join(out, file), "-o", join(out, file)], { encoding: "utf8" });
    const said = `${result.stdout}${result.stderr}`.split("\n").filter((l) => l && !/unknown name subsection/.test(l));
    if (said.length) console.error(said.join("\n"));
    if (result.status !== 0) process.exit(1);
  }
}

/**
 * wasm-bindgen's bindings and snippets and the split loader, minified (terser,
 * from tests/e2e/package.json): 9.5 -> 7.6 KB gzip of the first load.
 */
function minify(out) {
  const scripts = readdirSync(out, { recursive: true }).filter((f) => f.endsWith(".js"));
  for (const file of scripts) {
    run("terser", [join(out, file), "--module", "--compress", "--mangle", "--output", join(out, file)]);
  }
}

// 6. One content-hashed folder.
const hash = createHash("sha256");
for (const file of files) {
  if (/\.(js|wasm|pack)$/.test(file)) hash.update(file).update(readFileSync(join(out, file)));
}
const folder = `app/${hash.digest("hex").slice(0, 16)}`;
mkdirSync(join(staging, folder), { recursive: true });
cpSync(out, join(staging, folder), { recursive: true });

// The start: the main module and its loader, with every script it imports and
// its WebAssembly fetched at once (no waterfall on a slow connection).
const url = (file) => `${publicUrl}${folder}/${file}`;
const scripts = files.filter((f) => f.endsWith(".js") && f !== `${NAME}.js`);
const start = [
  `<link rel="modulepreload" href="${url(`${NAME}.js`)}" />`,
  ...scripts.map((f) => `<link rel="modulepreload" href="${url(f)}" />`),
  `<link rel="preload" href="${url(`${NAME}_bg.wasm`)}" as="fetch" type="application/wasm" crossorigin />`,
  `<script type="module">import init from "${url(`${NAME}.js`)}";init({ module_or_path: "${url(`${NAME}_bg.wasm`)}" });</script>`,
].join("\n    ");
const indexFile = join(staging, "index.html");
const html = readFileSync(indexFile, "utf8");
// The placeholder, also as Trunk's minifier writes it (attributes reordered, quotes dropped).
const placeholder = /<meta[^>]*name="?vardkoll-app"?[^>]*>/;
if (!placeholder.test(html)) {
  console.error('build-wasm: index.html has no <meta name="vardkoll-app"> tag');
  process.exit(1);
}
// Trunk leaves the skipped rust link in the page; it means nothing to a browser.
const skipped = /<link[^>]*data-trunk-skip[^>]*>\s*/;
writeFileSync(indexFile, html.replace(placeholder, start).replace(skipped, ""));
console.log(`build-wasm: ${folder}: ${files.join(", ")}`);
