// Starts the real reference server (the binary cargo built) on a free port with
// a temporary database, for end-to-end tests; or several instances on one new
// PostgreSQL database (`startApiInstances`).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The server binary cargo built (or VARDKOLL_SERVER_BIN). */
export const SERVER_BIN = process.env.VARDKOLL_SERVER_BIN ?? fileURLToPath(new URL("../../target/debug/vardkoll-server", import.meta.url));

export async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, "127.0.0.1", ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

const COUNT = fileURLToPath(new URL("../../scripts/count-referrals", import.meta.url));

/** Starts the server; `env` adds or overrides settings (e.g. the rate limit). */
export async function startApi(env = {}, port = undefined) {
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-e2e-"));
  const database = env.VARDKOLL_DATABASE_URL ?? env.VARDKOLL_DB ?? join(dir, "e2e.sqlite3");
  port ??= await freePort();
  const child = spawn(SERVER_BIN, [], {
    env: {
      ...process.env,
      VARDKOLL_ADDR: `127.0.0.1:${port}`,
      VARDKOLL_DB: join(dir, "e2e.sqlite3"),
      RUST_LOG: "warn",
      ...env,
    },
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
    /** How many referral requests the database holds (read there: no API tells). */
    referralCount: async () => Number(execFileSync(COUNT, [database], { encoding: "utf8" }).trim()),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await new Promise((ok) => child.once("exit", ok));
      }
      rmSync(dir, { recursive: true, force: true });
    },
    /** Kills the process at once (SIGKILL): no graceful shutdown, no last commit. */
    async kill() {
      child.kill("SIGKILL");
      await new Promise((ok) => child.once("exit", ok));
    },
    /** Starts the same instance again, on the same address and database. */
    restart: () => startApi(env, port),
  };
}

/**
 * `count` server instances on one new database of the PostgreSQL server that
 * VARDKOLL_TEST_DATABASE_URL names (scripts/test starts a throwaway one).
 */
export async function startApiInstances(count, env = {}) {
  const server = process.env.VARDKOLL_TEST_DATABASE_URL;
  if (!server) {
    throw new Error("several instances need PostgreSQL: run scripts/test, or scripts/postgres start DIR and export VARDKOLL_TEST_DATABASE_URL");
  }
  const name = `e2e_${Date.now()}_${process.pid}`;
  execFileSync("psql", [server, "-q", "-c", `CREATE DATABASE ${name}`], { stdio: ["ignore", "ignore", "inherit"] });
  const url = `${server.slice(0, server.lastIndexOf("/"))}/${name}`;
  const instances = [];
  for (let i = 0; i < count; i++) instances.push(startApi({ VARDKOLL_DATABASE_URL: url, ...env }));
  return Promise.all(instances);
}
