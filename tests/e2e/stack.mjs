// The system under test for one test file: the real API server with a
// temporary database, the release build served with /api forwarded to it, and
// Chromium — started before the file's tests and stopped after them. With
// `signIn`, also the test OpenID provider, trusted by the server and set up in
// a copy of the build (patients and staff sign in; nobody sends anonymously).
import { after, before } from "node:test";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startApi } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { startOidcProvider } from "./oidc-provider.mjs";
import { useProvider } from "./signin-helpers.mjs";
import { startServer } from "./static-server.mjs";

/** The release build. */
export const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

/**
 * `{ api, site, browser, provider }`, filled in before the tests run. `dist`
 * serves another build; `signIn` adds the provider (`provider`, else null).
 */
export function useStack({ dist = DIST, signIn = false } = {}) {
  const stack = { api: null, site: null, browser: null, provider: null, dist };
  let copy = null;
  before(async () => {
    if (!signIn) {
      stack.api = await startApi();
      stack.site = await startServer(dist, 0, stack.api.url);
    } else {
      // The provider must know the site's address, and the server the provider's.
      copy = mkdtempSync(join(tmpdir(), "vardkoll-signed-in-"));
      cpSync(dist, copy, { recursive: true });
      const apiPort = await freePort();
      stack.site = await startServer(copy, 0, `http://127.0.0.1:${apiPort}`);
      stack.provider = await startOidcProvider({ redirectUris: [`${stack.site.url}/`] });
      stack.api = await startApi({ VARDKOLL_OIDC_ISSUER: stack.provider.issuer }, apiPort);
      useProvider(copy, stack.provider);
    }
    stack.browser = await launch();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.site?.close();
    await stack.api?.stop();
    await stack.provider?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });
  return stack;
}
