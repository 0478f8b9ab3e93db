// Trunk post-build hook: with VARDKOLL_APP_OIDC_ISSUER set, sets this build up
// for that identity provider as a deployment would (signin-helpers.mjs does the
// same to the tests' copies): the provider in config.json, its origin in the
// page's Content-Security-Policy (connect-src) for discovery and tokens. Without
// it the build is left as it is. scripts/serve sets it for its test provider,
// and every rebuild on change keeps it, since the hook runs on each.
//
//   VARDKOLL_APP_OIDC_ISSUER      the provider's issuer (http(s)://…)
//   VARDKOLL_APP_OIDC_CLIENT_ID   the app's client id   (default vardkoll-app)
//   VARDKOLL_APP_OIDC_SCOPES      its scopes            (default "openid profile pin")
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("oidc-config: TRUNK_STAGING_DIR is not set; run me as a Trunk hook");
  process.exit(1);
}
const issuer = (process.env.VARDKOLL_APP_OIDC_ISSUER ?? "").trim().replace(/\/+$/, "");
if (!issuer) process.exit(0);
let origin;
try {
  origin = new URL(issuer).origin;
} catch {
  console.error(`oidc-config: VARDKOLL_APP_OIDC_ISSUER is not an address: ${issuer}`);
  process.exit(1);
}
const configFile = join(dir, "config.json");
const config = JSON.parse(readFileSync(configFile, "utf8"));
config.oidc = {
  issuer,
  clientId: process.env.VARDKOLL_APP_OIDC_CLIENT_ID || "vardkoll-app",
  scopes: process.env.VARDKOLL_APP_OIDC_SCOPES || "openid profile pin",
};
writeFileSync(configFile, JSON.stringify(config));
const indexFile = join(dir, "index.html");
const html = readFileSync(indexFile, "utf8");
if (!html.includes("connect-src 'self'")) {
  console.error("oidc-config: index.html has no \"connect-src 'self'\" to add the provider to");
  process.exit(1);
}
writeFileSync(indexFile, html.replace("connect-src 'self'", `connect-src 'self' ${origin}`));
console.log(`oidc-config: signing in with ${issuer}`);
