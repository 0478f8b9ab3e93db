// An example host page shaped like a health portal (header, navigation, main,
// footer), with Vårdkoll embedded in one of two ways:
// - in an iframe, at /iframe/<app path>, sized from the app's height messages;
// - in the portal's own element, at /halsa/vardkoll/… (any page under it), with
//   the app's files and API under /vardkoll/ on the portal's own server (a
//   proxy to the app's server, as a portal's reverse proxy would do).
// The portal's stylesheet is deliberately unfriendly (a 10px root font size,
// its own fonts, colours, spacing and button looks): the app must look the same
// inside it, and the portal's page must not change.
import { createServer } from "node:http";
import { forward } from "./static-server.mjs";

/** The portal's own look, which must survive the app and not reach into it. */
const PORTAL_CSS = `html{font-size:10px}
body{margin:0;font-family:Georgia,serif;color:#222;line-height:1.1;text-align:center;letter-spacing:.05em}
header,footer{background:#333;color:#fff;padding:1rem}
h1{font-size:4rem;color:darkred;margin:2rem}
p{margin:3rem 0}
a{color:green}
button{background:hotpink;border-radius:0;padding:2rem}
div{padding:3px}
main>div{border:1px solid #999}
iframe{border:0;width:100%;height:150px;display:block}`;

/**
 * A portal page; `scriptSrc` is its Content-Security-Policy for scripts,
 * `connectSrc` the origins besides its own the page may call (an identity provider).
 */
function page(title, content, script, scriptSrc, connectSrc = "") {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src ${scriptSrc}; style-src 'self' 'unsafe-inline'; connect-src 'self' ${connectSrc}; img-src 'self' data:; frame-src *; object-src 'none'; base-uri 'none'">
<style>${PORTAL_CSS}</style></head>
<body><header><strong>Hälsoportalen</strong><nav aria-label="Portalen"><a href="/">Start</a> <a href="/kontakt">Kontakt</a></nav></header>
<main><h1>Väntetider i vården</h1><p>Portalens egen text.</p>${content}<button type="button" id="portal-button">Portalens knapp</button></main>
<footer>Portalens sidfot</footer>${script}</body></html>`;
}

/**
 * The page for the app in an iframe from `appOrigin`; it records the app's
 * heights (and when each came, `heightsAt`, ms since the page's start) and applies them.
 */
function iframePage(appOrigin, appPath) {
  const listen = `<script>
  window.heights = [];
  window.heightsAt = [];
  window.addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(appOrigin)} || event.data?.type !== "vardkoll:height") return;
    window.heights.push(event.data.height);
    window.heightsAt.push(performance.now());
    document.querySelector("iframe").style.height = event.data.height + "px";
  });
</script>`;
  return page("Hälsoportalen", `<iframe title="Vårdkoll" src="${appOrigin}${appPath}"></iframe>`, listen, "'unsafe-inline'");
}

/**
 * The README's example: the app in the portal's element, under /halsa/vardkoll;
 * `attributes` adds to the element's (the portal's identity provider), with
 * `connectSrc` allowing the page to call it.
 */
function elementPage(attributes = "", connectSrc = "") {
  return page(
    "Hälsoportalen – Vårdkoll",
    `<div id="vardkoll" data-vardkoll data-base-path="/halsa/vardkoll" data-start-page="vantetider"
  data-lang="sv" data-home-region="12" data-api-base-url="/vardkoll/api/v1" ${attributes}><p>Vårdkoll laddas …</p></div>`,
    `<script type="module" src="/vardkoll/embed.js"></script>`,
    // What the README asks of a portal's policy: the app's scripts and WebAssembly, nothing inline.
    "'self' 'wasm-unsafe-eval'",
    connectSrc,
  );
}

/**
 * Starts the portal in front of the app served at `origin()` (asked per request, so
 * the app's server may start later); `apiCalls` counts API calls through /vardkoll/.
 */
export async function startPortal(origin) {
  /** `elementAttributes` and `connectSrc` may be set once the portal runs (see `elementPage`). */
  const portal = { url: "", apiCalls: 0, elementAttributes: "", connectSrc: "" };
  const server = createServer((req, res) => {
    const appOrigin = origin();
    const path = new URL(req.url, "http://x").pathname;
    const html = (body) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
    if (path === "/favicon.ico") return res.writeHead(204).end();
    if (path.startsWith("/iframe/")) return html(iframePage(appOrigin, req.url.slice("/iframe".length)));
    if (path === "/halsa/vardkoll" || path.startsWith("/halsa/vardkoll/")) return html(elementPage(portal.elementAttributes, portal.connectSrc));
    if (path.startsWith("/vardkoll/")) {
      if (path.startsWith("/vardkoll/api/")) portal.apiCalls++;
      return forward(req, res, new URL(req.url.slice("/vardkoll".length), appOrigin));
    }
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  portal.url = `http://127.0.0.1:${server.address().port}`;
  portal.close = () => new Promise((ok) => server.close(ok));
  return portal;
}
