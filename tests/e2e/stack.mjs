// The system under test for one test file: the real API server with a
// temporary database, the release build served with /api forwarded to it, and
// Chromium — started before the file's tests and stopped after them.
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { startApi } from "./api-server.mjs";
import { launch } from "./browser.mjs";
import { startServer } from "./static-server.mjs";

/** The release build. */
export const DIST = fileURLToPath(new URL("../../dist", import.meta.url));

/** `{ api, site, browser }`, filled in before the tests run. `dist` serves another build. */
export function useStack({ dist = DIST } = {}) {
  const stack = { api: null, site: null, browser: null, dist };
  before(async () => {
    stack.api = await startApi();
    stack.site = await startServer(dist, 0, stack.api.url);
    stack.browser = await launch();
  });
  after(async () => {
    await stack.browser?.close();
    await stack.site?.close();
    await stack.api?.stop();
  });
  return stack;
}
