// A real SMTP server for end-to-end tests: aiosmtpd (aio-libs, installed by
// scripts/setup) on a free loopback port, writing what it receives into a
// Maildir that the test reads.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./api-server.mjs";

const canConnect = (port) =>
  new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => socket.end(() => ok(true)));
    socket.once("error", () => ok(false));
  });

/** Decodes a quoted-printable body. */
function quotedPrintable(text) {
  const bytes = [];
  for (const line of text.split("\n")) {
    const soft = line.endsWith("=");
    const body = soft ? line.slice(0, -1) : line;
    for (let i = 0; i < body.length; i++) {
      const hex = body.slice(i + 1, i + 3);
      if (body[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(body[i]));
      }
    }
    if (!soft) bytes.push(10);
  }
  return Buffer.from(bytes).toString("utf8");
}

/** One received message: lower-case header names, the body decoded. */
function parse(raw) {
  const text = raw.replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const head = split < 0 ? text : text.slice(0, split);
  const rest = split < 0 ? "" : text.slice(split + 2);
  const headers = {};
  let last;
  for (const line of head.split("\n")) {
    if (/^[ \t]/.test(line) && last) headers[last] += ` ${line.trim()}`;
    else if (line.includes(":")) {
      last = line.slice(0, line.indexOf(":")).trim().toLowerCase();
      headers[last] = line.slice(line.indexOf(":") + 1).trim();
    }
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const body =
    encoding === "quoted-printable" ? quotedPrintable(rest) : encoding === "base64" ? Buffer.from(rest, "base64").toString("utf8") : rest;
  return { headers, body };
}

/** Starts aiosmtpd; `url` is what VARDKOLL_SMTP_URL takes. */
export async function startSmtp() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "vardkoll-smtp-"));
  const maildir = join(dir, "mail");
  const child = spawn(process.env.VARDKOLL_AIOSMTPD ?? "aiosmtpd", ["-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const failed = new Promise((_, no) => child.once("error", (e) => no(new Error(`aiosmtpd did not start (run . scripts/setup): ${e.message}`))));
  const started = Date.now();
  while (!(await Promise.race([canConnect(port), failed]))) {
    if (Date.now() - started > 20_000) throw new Error(`aiosmtpd did not listen on ${port}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  const messages = () => {
    const files = (() => {
      try {
        return readdirSync(join(maildir, "new")).map((f) => join(maildir, "new", f));
      } catch {
        return [];
      }
    })();
    return files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).map((f) => parse(readFileSync(f, "utf8")));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits (at most `ms`) until a message to `to` has arrived; all of them to `to`. */
    async waitFor(to, ms = 15_000) {
      const started = Date.now();
      for (;;) {
        const found = messages().filter((m) => m.headers.to === to);
        if (found.length > 0 || Date.now() - started > ms) return found;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    },
    async stop() {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((ok) => child.once("exit", ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
