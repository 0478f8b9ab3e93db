// Trunk post-build hook: replaces CSP_SCRIPT_HASHES in the built index.html with
// the SHA-256 hashes of its inline scripts (the start-up script scripts/build-wasm.mjs writes), so the page's
// Content-Security-Policy allows exactly those and no other inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-hashes: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const file = join(dir, "index.html");
const html = readFileSync(file, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
);
if (!html.includes("CSP_SCRIPT_HASHES")) {
  console.error("csp-hashes: index.html has no CSP_SCRIPT_HASHES placeholder");
  process.exit(1);
}
writeFileSync(file, html.replace("CSP_SCRIPT_HASHES", hashes.join(" ")));
console.log(`csp-hashes: ${hashes.length} inline script(s) allowed by hash`);
