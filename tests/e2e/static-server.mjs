// A small static file server for the built app (dist/): correct MIME types for
// WebAssembly, index.html for every route (single-page app), and the security
// headers a real deployment sends. Used by the end-to-end tests; run directly
// (`node static-server.mjs [dir] [port]`) to serve a release build by hand.
import { createServer, request as httpRequest } from "node:http";
import { brotliCompress, constants, gzip } from "node:zlib";
import { readdir, readFile, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  // The split points' packs (scripts/split-packs.mjs): WebAssembly modules end to end.
  ".pack": "application/octet-stream",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

const COMPRESSIBLE = new Set([".html", ".js", ".wasm", ".pack", ".css", ".svg", ".json", ".webmanifest"]);

const ENCODERS = {
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/**
 * Every compressible file under `root` in each encoding, compressed before the
 * server starts, as a production server serves precompressed files (so no
 * answer waits for another file's compression).
 */
async function precompress(root) {
  const cache = new Map();
  const files = (await readdir(root, { recursive: true })).map((f) => join(root, f)).filter((f) => COMPRESSIBLE.has(extname(f)));
  await Promise.all(
    files.map(async (file) => {
      if (!(await stat(file)).isFile()) return;
      const body = await readFile(file);
      for (const [encoding, encode] of Object.entries(ENCODERS)) cache.set(`${encoding}:${file}`, await encode(body));
    }),
  );
  return cache;
}

/** `body` in the best encoding the client accepts (brotli, gzip), from the precompressed files. */
function encoded(file, body, accept, cache) {
  const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
  const compressed = encoding && cache.get(`${encoding}:${file}`);
  return compressed ? { body: compressed, encoding } : { body, encoding: null };
}

/** Forwards `req` to `target` (a URL) and its answer back, as a reverse proxy does; 502 when unreachable. */
export function forward(req, res, target) {
  const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => res.writeHead(502, { "Content-Type": "text/plain" }).end("Bad gateway"));
  req.pipe(upstream);
}

/**
 * Serves `dir`; with `apiTarget` (e.g. "http://127.0.0.1:8787") it forwards /api/ there, as
 * Trunk's proxy does. With `compress`, files go out brotli- or gzip-compressed, compressed
 * once at start as a production server sends them (for Lighthouse).
 */
export async function startServer(dir, port = 0, apiTarget = undefined, { compress = false } = {}) {
  const root = resolve(dir);
  const compressed = compress ? await precompress(root) : new Map();
  const server = createServer(async (req, res) => {
    if (apiTarget && req.url.startsWith("/api/")) return forward(req, res, new URL(req.url, apiTarget));
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      const isFile = await stat(file).then((s) => s.isFile(), () => false);
      if (!isFile) {
        if (extname(path)) {
          res.writeHead(404, HEADERS).end("Not found");
          return;
        }
        file = join(root, "index.html");
      }
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      // Hashed build files never change; the page, the service worker, the
      // manifest and the runtime config keep their names, so they are revalidated.
      const fixedName = /(index\.html|sw\.js|pwa\.js|embed\.js|manifest\.webmanifest|config\.json)$/.test(file) || file.includes(`${sep}icons${sep}`);
      const cache = fixedName ? "no-cache" : "public, max-age=31536000, immutable";
      const sent = compress ? encoded(file, body, req.headers["accept-encoding"] ?? "", compressed) : { body };
      res.writeHead(200, {
        ...HEADERS,
        "Content-Type": type,
        "Cache-Control": cache,
        ...(sent.encoding ? { "Content-Encoding": sent.encoding, Vary: "Accept-Encoding" } : {}),
      });
      res.end(sent.body);
    } catch (error) {
      res.writeHead(500, HEADERS).end(String(error));
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const { port: actual } = server.address();
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? "../../dist";
  const { url } = await startServer(dir, Number(process.argv[3] ?? 8081));
  console.log(`serving ${dir} at ${url}`);
}
