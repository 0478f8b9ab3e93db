// A proxy in front of the API server that misbehaves on purpose, for the
// fault-injection test: on the calls that store something — a new request
// (POST /referrals) and a patient's answer to an offer (POST
// /referrals/{reference}/answer) — it refuses connections, loses the response
// after the server has stored the call, delays, and responds 500, 503 and 429,
// chosen by a seeded random generator, so a run can be repeated. Everything
// else passes.
// Given several API instances it is also their load balancer: requests go to
// the instances in turn; one that cannot be reached is taken out (that request
// gets 502) and put back once its health check answers again.
import { createServer, request as httpRequest } from "node:http";

/** A small seeded PRNG (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The calls that get faults: new requests and answers to offers. */
const FAULTY = /^\/api\/v1\/referrals(\/[^/]+\/answer)?$/;

/** The faults and their shares of the calls in FAULTY; the rest pass. */
export const FAULTS = [
  ["refused", 0.1], // the connection is dropped before the server sees the request
  ["answer-lost", 0.1], // the server stores it, its response is dropped
  ["error-500", 0.08], // 500 without reaching the server
  ["stored-then-503", 0.05], // the server stores it, the client is told 503
  ["rate-limited-429", 0.08], // 429 with Retry-After: 1
  ["delayed", 0.1], // 0.2–1.5 s late, then passed on
];

/** `targets`: one API base URL, or several (balanced in turn). */
export async function startFaultProxy(targets, seed = 20261126) {
  const next = random(seed);
  const counts = { attempts: 0, passed: 0, created: 0, replayed: 0, byInstance: {}, instanceDown: 0 };
  for (const [name] of FAULTS) counts[name] = 0;
  const instances = [targets].flat().map((url) => ({ url, up: true }));
  for (const instance of instances) counts.byInstance[instance.url] = 0;
  let turn = 0;
  const pick = () => {
    const up = instances.filter((i) => i.up);
    return up.length ? up[turn++ % up.length] : instances[turn++ % instances.length];
  };
  const health = setInterval(() => {
    for (const instance of instances.filter((i) => !i.up)) {
      fetch(`${instance.url}/api/v1/health`).then((r) => { if (r.ok) instance.up = true; }, () => {});
    }
  }, 250);

  const forward = (req, body, answer) => {
    const instance = pick();
    const upstream = httpRequest(new URL(req.url, instance.url), { method: req.method, headers: req.headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => answer(res, Buffer.concat(chunks)));
      res.on("error", () => answer(null, null));
    });
    upstream.on("error", () => {
      if (instance.up) counts.instanceDown++;
      instance.up = false;
      answer(null, null);
    });
    counts.byInstance[instance.url]++;
    upstream.end(body);
  };
  const relay = (res, upstream, data) => {
    if (!upstream) return res.writeHead(502).end();
    res.writeHead(upstream.statusCode, upstream.headers).end(data);
  };

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const faulty = req.method === "POST" && FAULTY.test(new URL(req.url, "http://x").pathname);
      if (!faulty) return forward(req, body, (up, data) => relay(res, up, data));
      counts.attempts++;
      let roll = next();
      let fault = "passed";
      for (const [name, share] of FAULTS) {
        if (roll < share) {
          fault = name;
          break;
        }
        roll -= share;
      }
      counts[fault]++;
      // `created`: stored for the first time (201 for a request, 200 for an
      // answer); `replayed`: a repeat answered with what was stored.
      const tally = (up) => {
        if (up && up.statusCode >= 200 && up.statusCode < 300) counts[up.headers["idempotent-replayed"] ? "replayed" : "created"]++;
      };
      switch (fault) {
        case "refused":
          return req.socket.destroy();
        case "answer-lost":
          return forward(req, body, (up) => {
            tally(up);
            req.socket.destroy();
          });
        case "error-500":
          return res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal Server Error");
        case "stored-then-503":
          return forward(req, body, (up) => {
            tally(up);
            res.writeHead(503, { "Content-Type": "text/plain" }).end("Service Unavailable");
          });
        case "rate-limited-429":
          return res
            .writeHead(429, { "Content-Type": "application/problem+json", "Retry-After": "1" })
            .end(JSON.stringify({ type: "https://vardkoll.se/problems/rate-limited", title: "Too many requests", status: 429 }));
        case "delayed":
          return setTimeout(
            () =>
              forward(req, body, (up, data) => {
                tally(up);
                relay(res, up, data);
              }),
            200 + next() * 1300,
          );
        default:
          return forward(req, body, (up, data) => {
            tally(up);
            relay(res, up, data);
          });
      }
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    counts,
    close: () => new Promise((ok) => { clearInterval(health); server.closeAllConnections(); server.close(ok); }),
  };
}
