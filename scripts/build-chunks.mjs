// Trunk post-build hook: builds the page chunks (src/bin/ other than the app
// itself) to WebAssembly, runs wasm-bindgen (and wasm-opt for release builds),
// puts each under chunks/<content hash>/ in the build and writes its address
// into the page's <meta name="vardkoll-chunk-NAME"> tag. Hashed folders may be
// cached for ever: a new build gets a new address.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `erase`: build with `erase_components` (smaller, slower to render). The
// comparison's table is a hot path; the referral forms are not, and a patient
// on a weak mobile connection loads that chunk to send a request.
const CHUNKS = [
  { name: "compare", erase: false },
  { name: "referral", erase: true },
];
const WASM_OPT_FLAGS = [
  "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("build-chunks: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === "release";
const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
const targetDir = JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps"])).target_directory;
const indexFile = join(staging, "index.html");
let html = readFileSync(indexFile, "utf8");

for (const { name, erase } of CHUNKS) {
  // Without `erase` a chunk is built without `erase_components` (see
  // .cargo/config.toml): type erasure makes code smaller but every render
  // slower. Own target directory per set of flags, so they do not rebuild each
  // other's artifacts.
  const chunkTarget = join(targetDir, erase ? "chunks-erased" : "chunks");
  execFileSync("cargo", ["build", "--target", "wasm32-unknown-unknown", "--bin", name, "--target-dir", chunkTarget, ...(release ? ["--release"] : [])], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CARGO_ENCODED_RUSTFLAGS: erase ? "--cfg\x1ferase_components" : "" },
  });
  const wasm = join(chunkTarget, "wasm32-unknown-unknown", release ? "release" : "debug", `${name}.wasm`);
  const out = mkdtempSync(join(tmpdir(), `vardkoll-chunk-${name}-`));
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", name, wasm]);
  const bg = join(out, `${name}_bg.wasm`);
  // VARDKOLL_CHUNK_NAMES=1 keeps function names (no wasm-opt), for profiling.
  if (release && !process.env.VARDKOLL_CHUNK_NAMES) run("wasm-opt", ["-Oz", ...WASM_OPT_FLAGS, bg, "-o", bg]);
  const hash = createHash("sha256");
  for (const file of readdirSync(out, { recursive: true }).sort()) {
    if (file.endsWith(".js") || file.endsWith(".wasm")) hash.update(readFileSync(join(out, file)));
  }
  const folder = `chunks/${hash.digest("hex").slice(0, 16)}`;
  mkdirSync(join(staging, folder), { recursive: true });
  cpSync(out, join(staging, folder), { recursive: true });
  rmSync(out, { recursive: true, force: true });
  const tag = `<meta name="vardkoll-chunk-${name}" content="${folder}/${name}.js" />`;
  // The placeholder, also as Trunk's minifier writes it (attributes reordered, quotes dropped).
  const placeholder = new RegExp(`<meta[^>]*name="?vardkoll-chunk-${name}"?[^>]*>`);
  if (!placeholder.test(html)) {
    console.error(`build-chunks: index.html has no <meta name="vardkoll-chunk-${name}"> tag`);
    process.exit(1);
  }
  html = html.replace(placeholder, tag);
  console.log(`build-chunks: ${name} -> ${folder}/${name}.js`);
}
writeFileSync(indexFile, html);
