// axe-core in the page under test: its WCAG 2.1 A and AA rules.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each;
 * `include` limits the check to an element (and its shadow root), such as the
 * app inside a portal's page.
 */
export async function violations(page, include = null) {
  // Evaluated over the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (include) =>
      window.axe.run(include ? { include: [include] } : document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
    include,
  );
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
