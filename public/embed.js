// Vårdkoll inside a portal's page. The portal adds an element and this loader
// (README, "Embedding in a portal"):
//
//   <div data-vardkoll data-base-path="/halsa/vardkoll" data-start-page="vantetider"
//        data-lang="sv" data-home-region="01" data-api-base-url="/vardkoll/api/v1"></div>
//   <script type="module" src="/vardkoll/embed.js"></script>
//
// The loader gives the element a shadow root, so the portal's CSS and the
// app's stay apart, holding the app's stylesheet, where the app's files are (a
// <meta> tag: config.json is read from beside this loader) and the element the app
// renders into; then it starts the app (src/platform/host.rs reads the rest). This file's
// address stays the same across builds: scripts/embed-loader.mjs writes the
// build's hashed files into it, so serve it with a short cache lifetime.
const BUILD = __VARDKOLL_BUILD__;
const base = new URL("./", import.meta.url);
const url = (file) => new URL(file, base).href;
const host = document.querySelector("[data-vardkoll]");

if (host && !host.shadowRoot) {
  // The app's sizes are relative to the browser's text size, not to the
  // portal's root font size (`rem` would be): the stylesheet uses this instead.
  try {
    CSS.registerProperty({ name: "--vardkoll-rem", syntax: "<length>", inherits: true, initialValue: "16px" });
  } catch {
    // Already registered (a second loader), or an old browser: 16px is used.
  }
  const root = host.attachShadow({ mode: "open" });
  const add = (tag, attributes) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return root.appendChild(element);
  };
  const style = add("link", { rel: "stylesheet", href: url(BUILD.css) });
  add("meta", { name: "vardkoll-assets", content: base.href });
  add("div", { class: "vardkoll-app" });
  // Drawn once styled, so the portal's page never shows the app unstyled.
  const styled = new Promise((done) => {
    style.onload = style.onerror = done;
  });
  const [app] = await Promise.all([import(url(BUILD.js)), styled]);
  await app.default({ module_or_path: url(BUILD.wasm) });
}
