// Starts the real reference server (the binary cargo built) on a free port with
// a temporary database, for end-to-end tests.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = process.env.VARDKOLL_SERVER_BIN ?? fileURLToPath(new URL("../../target/debug/vardkoll-server", import.meta.url));

async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, "127.0.0.1", ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

export async function startApi() {
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-e2e-"));
  const port = await freePort();
  const child = spawn(BIN, [], {
    env: { ...process.env, VARDKOLL_ADDR: `127.0.0.1:${port}`, VARDKOLL_DB: join(dir, "e2e.sqlite3"), RUST_LOG: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((ok) => child.once("exit", ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
