// The build files that only embedding in a portal's element uses (written by
// embed-loader.mjs): the loader, whose name stays the same across builds, and
// its stylesheet, named by its content hash. The service worker does not
// precache them and the size report counts them for the embedded load only.
export const LOADER = "embed.js";

/** The embedded stylesheet's name for the hex `hash` of its content. */
export const embedCssName = (hash) => `embed-${hash}.css`;

/** Whether the build file `name` (relative to dist/) is one of these. */
export const isEmbedOnly = (name) => name === LOADER || /^embed-[0-9a-f]+\.css$/.test(name);
