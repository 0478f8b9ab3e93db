// The split files as the browser gets them (scripts/build-wasm.mjs, step 5):
// one pack per split point, and the loader wasm-split-cli wrote, changed to
// read them.
//
// wasm-split-cli cuts one chunk per *set* of split points that share code, so
// a page needs 30-40 small files, and each is compressed on its own: the
// referral page was 112.6 KB gzip in 43 files, 96.6 KB as one. So each split
// point gets one file, `NAME.pack`: its own module and every chunk it needs,
// end to end (a part of a page, `part_PAGE_WHAT`, only what page_PAGE did not
// bring: it is drawn inside that page). The loose `.wasm` files are not kept.
// A chunk two pages share is in both packs: the second page's pack brings it
// again (the four patient pages' total grows by that), but each page is one
// download, compressed as one.
//
// The loader keeps wasm-split-cli's structure (one memoised load per module,
// a split point's load waiting for its chunks); it changes in three places:
// - a split point's load first starts its pack's download (`unpack`), unless
//   every module in it is loaded or on its way;
// - a module is instantiated from its bytes in a pack (`fromPack`), not
//   fetched on its own; a pack that fails to download forgets its modules, so
//   the next try downloads it again;
// - a split point fails only once every chunk it waits for has settled (it
//   failed at the first): a retry right then would otherwise get back loads
//   still failing from before.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Packs the split files in `dir` (removing them) and rewrites its loader. */
export function packSplits(dir) {
  const loaderFile = join(dir, "__wasm_split.js");
  const loader = readFileSync(loaderFile, "utf8");
  const { chunkFiles, splits } = readLoader(loader);
  const filesOf = (split) => [split.file, ...split.needs.map((chunk) => chunkFiles.get(chunk))];
  const packs = {};
  for (const split of splits) {
    const page = pageOf(split.name, splits);
    const before = new Set(page ? filesOf(page) : []);
    const parts = {};
    const bytes = [];
    let at = 0;
    for (const file of filesOf(split).filter((f) => !before.has(f))) {
      const module = readFileSync(join(dir, file));
      parts[file] = [at, at + module.length];
      bytes.push(module);
      at += module.length;
    }
    const file = `${split.name}.pack`;
    writeFileSync(join(dir, file), Buffer.concat(bytes));
    packs[split.name] = { file, parts };
  }
  for (const file of [...splits.map((s) => s.file), ...chunkFiles.values()]) rmSync(join(dir, file));
  writeFileSync(loaderFile, rewriteLoader(loader, packs, splits.length + chunkFiles.size));
}

/**
 * The page a part (`part_PAGE_WHAT`) belongs to, `page_PAGE`, of `splits`
 * (anything with a `name`); undefined for any other split point. A part with
 * no such page is an error.
 */
export function pageOf(name, splits) {
  if (!name.startsWith("part_")) return undefined;
  const page = splits.find((s) => s.name.startsWith("page_") && name.startsWith(`part_${s.name.slice("page_".length)}_`));
  if (!page) throw new Error(`split-packs: ${name} is a part of no page (part_PAGE_WHAT needs a split point page_PAGE)`);
  return page;
}

/**
 * The modules the loader names, from lines such as
 *   const __chunk_3 = makeLoad(() => { ... "./chunk_3.wasm" ... }, []);
 *   export const __wasm_split_load_page_x = wrapAsyncCb(makeLoad(<fetcher>, [__chunk_3]));
 */
function readLoader(loader) {
  const chunkFiles = new Map();
  const splits = [];
  for (const [, name, fetcher, deps] of loader.matchAll(/const (\w+) = (?:wrapAsyncCb\()?makeLoad\(([\s\S]*?), \[([^\]]*)\]\)/g)) {
    const file = fetcher.match(/"\.\/([^"]+\.wasm)"/)?.[1];
    if (!file) throw new Error(`split-packs: no file in the loader's ${name}`);
    const needs = deps.split(",").map((d) => d.trim()).filter(Boolean);
    if (name.startsWith("__wasm_split_load_")) splits.push({ name: name.slice("__wasm_split_load_".length), file, needs });
    else chunkFiles.set(name, file);
  }
  if (splits.length === 0) throw new Error("split-packs: no split points in __wasm_split.js");
  return { chunkFiles, splits };
}

/** The loader, reading modules from `packs` (see the top of this file). */
function rewriteLoader(loader, packs, modules) {
  let text = loader;
  const change = (pattern, replacement, expected) => {
    const found = text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
    if (found !== expected) {
      throw new Error(`split-packs: the loader has ${found} of ${pattern}, not ${expected}; a new wasm-split-cli? Check how its loader loads modules.`);
    }
    text = text.replace(new RegExp(pattern.source, "g"), replacement);
  };
  // A development build's loader wraps each instantiation in `debugWrap(...)`
  // (a clearer message for a module from another build), a release build's not.
  change(
    /const src = fetch\(new URL\("\.\/([^"]+\.wasm)", import\.meta\.url\)\);\s*src\.catch\(\(\) => \{\}\);\s*return async \(imports\) => (?:debugWrap)?\(WebAssembly\.instantiateStreaming\(src, imports\)\);/,
    'return fromPack("$1");',
    modules,
  );
  change(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/, 'export const __wasm_split_load_$1 = wrapAsyncCb(makeLoad($2, [$3], "$1"));', Object.keys(packs).length);
  change(/function makeLoad\(fetcher, deps\) \{\s*const loader = async \(\) => \{/, "function makeLoad(fetcher, deps, pack) {\n    const loader = async () => {\n        if (pack) unpack(pack);", 1);
  change(/await Promise\.all\(parallelStuff\);/, 'const settled = await Promise.allSettled(parallelStuff);\n        const failed = settled.find((s) => s.status === "rejected");\n        if (failed) throw failed.reason;', 1);
  change(/function makeLoad\(/, `${PACK_READER.replace("__PACKS__", JSON.stringify(packs))}\nfunction makeLoad(`, 1);
  return text;
}

// Added to the loader: the packs (split point -> its file and where each
// module sits in it), the modules on their way or here but not yet
// instantiated, and those instantiated.
const PACK_READER = `const packs = __PACKS__;
const unpacked = new Map();
const instantiated = new Set();
function unpack(split) {
    const { file, parts } = packs[split];
    const wanted = Object.entries(parts).filter(([part]) => !unpacked.has(part) && !instantiated.has(part));
    if (wanted.length === 0) return;
    const pack = fetch(new URL(\`./\${file}\`, import.meta.url)).then((response) => {
        if (!response.ok) throw new Error(\`\${file}: HTTP \${response.status}\`);
        return response.arrayBuffer();
    });
    for (const [part, [start, end]] of wanted) {
        const bytes = pack.then((buffer) => new Uint8Array(buffer, start, end - start));
        bytes.catch(() => {
            if (unpacked.get(part) === bytes) unpacked.delete(part);
        });
        unpacked.set(part, bytes);
    }
}
function fromPack(part) {
    const bytes = unpacked.get(part) ?? Promise.reject(new Error(\`\${part}: in no pack on its way\`));
    bytes.catch(() => {});
    return async (imports) => {
        const result = await WebAssembly.instantiate(await bytes, imports);
        unpacked.delete(part);
        instantiated.add(part);
        return result;
    };
}`;
