// A real, certified OpenID Connect provider (the npm package oidc-provider) on a
// free loopback port, for the tests: the region's or portal's identity provider
// as the app and the API meet it.
//
// - Test patients carry Skatteverket's test personal identity numbers in the
//   Swedish OIDC profile's claim (https://id.oidc.se/claim/personalIdentityNumber),
//   in the ID token and in the API's access tokens.
// - The app is a public client (authorization code + PKCE, no secret); the API is
//   the resource `urn:vardkoll:api`, with JWT access tokens signed by the provider.
// - For tests that need a token without a browser, `POST /test/token` makes an
//   access token through the provider's own token model (its keys, its format).
//   It is part of this test harness only.
//
// - Its login page says it is a test login and offers the test persons (a
//   button each); anyone in PATIENTS or STAFF can also be typed in, with any
//   password. The app is first-party: no consent page.
//
// Run as a program (`node oidc-provider.mjs [--port N] [--keys FILE [--add-key]]
// [--redirect-uri URL]...`) it prints one JSON line, `{"issuer": "..."}`, and
// serves until killed. FILE holds its keys (made when missing); --add-key puts a
// new signing key first (a key rotation: the old ones stay published); each
// --redirect-uri is an address of the app (scripts/serve passes its own).
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import Provider from "oidc-provider";

export const PIN_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber";
export const API_AUDIENCE = "urn:vardkoll:api";

/** Test patients: Skatteverket's published test personal identity numbers. */
export const PATIENTS = {
  tolvan: { name: "Tolvan Tolvansson", pin: "191212121212" },
  "lisa-bergstrom": { name: "Lisa Bergström", pin: "198112289874" },
};

export const ROLE_CLAIM = "https://vardkoll.se/claim/roles";
export const REGION_CLAIM = "https://vardkoll.se/claim/regions";
export const PROVIDER_CLAIM = "https://vardkoll.se/claim/providers";

/**
 * Test staff of the regions: a role claim (navigator, auditor, scheduler), a
 * region claim (county codes) and, for a provider's scheduler, a provider
 * claim (catalogue ids) in their access tokens, and no identity number.
 */
export const STAFF = {
  "navigator-01": { name: "Nora Navigator", roles: ["navigator"], regions: ["01"] },
  "navigator-12": { name: "Nils Navigator", roles: ["navigator"], regions: ["12"] },
  "navigator-14": { name: "Vera Vårdlots", roles: ["navigator"], regions: ["14"] },
  auditor: { name: "Astrid Auditor", roles: ["auditor"], regions: [] },
  scheduler: {
    name: "Sara Schemaläggare",
    roles: ["scheduler"],
    regions: [],
    providers: ["akademiska-sjukhuset", "sahlgrenska"],
  },
};

/** The claims of a staff member's tokens. */
function staffClaims(member) {
  return {
    name: member.name,
    [ROLE_CLAIM]: member.roles,
    [REGION_CLAIM]: member.regions,
    [PROVIDER_CLAIM]: member.providers ?? [],
  };
}

/** Who the login page offers, in order, with what they are for. */
const OFFERED = [
  ["tolvan", "patient, 19121212-1212"],
  ["lisa-bergstrom", "patient, 19811228-9874"],
  ["navigator-01", "vårdlots, Region Stockholm (01)"],
  ["navigator-14", "vårdlots, Västra Götalandsregionen (14)"],
  ["scheduler", "schemaläggare, Akademiska sjukhuset och Sahlgrenska"],
];

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const known = (id) => Object.hasOwn(PATIENTS, id) || Object.hasOwn(STAFF, id);

// The provider's own pages: plain, readable, no outside fonts (nothing here
// reaches the internet), and never mistaken for a real e-ID.
const STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:1.5rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:0}.test-login__en{margin-top:.25rem;font-weight:600}
.test-login__notice{border-left:.3rem solid #b00020;padding:.5rem .75rem;background:#fff4e5}
ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.4rem .9rem;cursor:pointer}
label{display:block;margin:.5rem 0}input{display:block;font:inherit;padding:.3rem;width:100%;max-width:20rem;box-sizing:border-box}
[role=alert]{color:#b00020;font-weight:600}`;

function page(title, body) {
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function loginPage(uid, { hint = "", error = "" } = {}) {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const persons = OFFERED.map(([id, about]) => {
    const name = (PATIENTS[id] ?? STAFF[id]).name;
    return `<li><button name="account" value="${escape(id)}">${escape(name)}</button> ${escape(about)} <code>${escape(id)}</code></li>`;
  }).join("");
  return page(
    "Testinloggning",
    `<h1>Testinloggning — inte en riktig e-legitimation</h1>
<p class="test-login__en" lang="en">Test login — not a real e-ID</p>
<p class="test-login__notice">Ingen identitet kontrolleras här: det är Vårdkolls testleverantör för inloggning (scripts/serve och testerna). Välj en testperson.
<span lang="en">Nobody's identity is checked here: pick a test person.</span></p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="${action}"><h2>Testpersoner <span lang="en">(test persons)</span></h2><ul>${persons}</ul></form>
<form method="post" action="${action}" autocomplete="off"><h2>Annan testinloggning <span lang="en">(another test login)</span></h2>
<label>Inloggning, t.ex. navigator-12 eller auditor <input type="text" name="login" value="${escape(hint)}"></label>
<label>Lösenord: vad som helst <input type="password" name="password"></label>
<button type="submit">Logga in</button></form>
<p><a href="${action}/abort">Avbryt <span lang="en">(cancel)</span></a></p>`,
  );
}

async function formBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

/**
 * The login and consent prompts at /interaction/:uid (the provider asks; this
 * answers): the login page, a person chosen, and consent given for the app's
 * scopes at once.
 */
async function interaction(provider, req, res, uid, abort) {
  const send = (status, html) => res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(400, page("Testinloggning", "<p>Inloggningen har gått ut: börja om från appen.</p>"));
  const { prompt, params, session, grantId } = details;
  if (abort) {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "End-User aborted interaction" }, { mergeWithLastSubmission: false });
  }
  if (prompt.name === "consent") {
    const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    for (const [indicator, scope] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scope.join(" "));
    }
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  if (prompt.name !== "login") return send(501, page("Testinloggning", "<p>Not implemented.</p>"));
  if (req.method !== "POST") return send(200, loginPage(uid, { hint: params.login_hint ?? "" }));
  const form = await formBody(req);
  const id = (form.get("account") || form.get("login") || "").trim();
  if (!known(id)) {
    return send(200, loginPage(uid, { hint: id, error: `Ingen testperson heter "${id}". (No test person "${id}".)` }));
  }
  return provider.interactionFinished(req, res, { login: { accountId: id } }, { mergeWithLastSubmission: false });
}

function logoutPage(_ctx, form) {
  return page(
    "Logga ut",
    `<h1>Logga ut från testinloggningen?</h1><p lang="en">Sign out of the test login?</p>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Ja, logga ut <span lang="en">(yes, sign me out)</span></button>
<button type="submit" form="op.logoutForm">Nej, förbli inloggad <span lang="en">(no, stay signed in)</span></button>`,
  );
}

/** A new RSA signing key as a private JWK. */
export function newKey() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), use: "sig", alg: "RS256" };
}

function account(id) {
  const member = STAFF[id];
  if (member) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...staffClaims(member) };
      },
    };
  }
  const patient = PATIENTS[id];
  if (!patient) return undefined;
  return {
    accountId: id,
    async claims() {
      return { sub: id, name: patient.name, [PIN_CLAIM]: patient.pin };
    },
  };
}

/**
 * Starts the provider. `keys`: its signing keys (the first signs); `port`: 0
 * for a free one; `redirectUris`: the app's; `accessTokenTTL`: seconds an
 * access token for the API lives.
 */
export async function startOidcProvider({ keys = [newKey()], port = 0, redirectUris = ["http://127.0.0.1/"], accessTokenTTL = 600 } = {}) {
  const server = createServer();
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const resourceInfo = (audience) => ({
    scope: "openid profile",
    audience,
    accessTokenTTL,
    accessTokenFormat: "jwt",
    jwt: { sign: { alg: "RS256" } },
  });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "vardkoll-app",
        token_endpoint_auth_method: "none",
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      },
    ],
    jwks: { keys },
    findAccount: (_ctx, id) => account(id),
    claims: { openid: ["sub"], profile: ["name"], pin: [PIN_CLAIM], staff: [ROLE_CLAIM, REGION_CLAIM, PROVIDER_CLAIM] },
    scopes: ["openid", "profile", "pin", "staff", "offline_access"],
    pkce: { required: () => true },
    // The app renews silently with a refresh token (rotated on each use),
    // as a browser app without a secret does.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // The Swedish OIDC profile puts the patient's name and identity number in
    // the ID token, which is where the app reads them.
    conformIdTokenClaims: false,
    // The app calls the token endpoint from its own origin (a browser, CORS).
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = "html";
          ctx.body = logoutPage(ctx, form);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => resourceInfo(resource),
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const member = token.accountId && STAFF[token.accountId];
      if (member) return staffClaims(member);
      const found = token.accountId && PATIENTS[token.accountId];
      return found ? { [PIN_CLAIM]: found.pin, name: found.name } : undefined;
    },
  });
  provider.proxy = false;

  // The test-only way to a token: the provider's own AccessToken model.
  const mint = async ({ sub, audience, ttl }) => {
    audience ??= API_AUDIENCE;
    ttl ??= 600;
    const client = await provider.Client.find("vardkoll-app");
    const grant = new provider.Grant({ accountId: sub, clientId: client.clientId });
    grant.addOIDCScope("openid profile");
    grant.addResourceScope(audience, "openid profile");
    const grantId = await grant.save();
    const token = new provider.AccessToken({
      accountId: sub,
      client,
      grantId,
      scope: "openid profile",
      resourceServer: new provider.ResourceServer(audience, { ...resourceInfo(audience), accessTokenTTL: ttl }),
    });
    return token.save();
  };

  const callback = provider.callback();
  server.on("request", async (req, res) => {
    const prompt = req.url.match(/^\/interaction\/([^/?]+)(\/abort)?(?:\?.*)?$/);
    if (prompt && (req.method === "GET" || (req.method === "POST" && !prompt[2]))) {
      try {
        await interaction(provider, req, res, decodeURIComponent(prompt[1]), Boolean(prompt[2]));
      } catch (error) {
        if (!res.headersSent) {
          res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
          res.end(page("Testinloggning", `<p>Inloggningen gick inte att fortsätta: börja om från appen.</p><pre>${escape(error?.message ?? error)}</pre>`));
        }
      }
      return;
    }
    if (req.method === "POST" && req.url === "/test/token") {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      try {
        const token = await mint(JSON.parse(Buffer.concat(chunks).toString() || "{}"));
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ access_token: token }));
      } catch (error) {
        res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error?.stack ?? error));
      }
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    keys,
    /** An access token for `sub` (`audience`, lifetime `ttl` seconds). */
    token: async (sub, { audience, ttl } = {}) => {
      const r = await fetch(`${issuer}/test/token`, { method: "POST", body: JSON.stringify({ sub, audience, ttl }) });
      if (!r.ok) throw new Error(`token: ${r.status} ${await r.text()}`);
      return (await r.json()).access_token;
    },
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const file = option("--keys");
  let keys = file && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [newKey()];
  if (args.includes("--add-key")) keys = [newKey(), ...keys];
  if (file) writeFileSync(file, JSON.stringify(keys));
  const port = Number(option("--port") ?? 0);
  const redirectUris = args.flatMap((arg, i) => (arg === "--redirect-uri" ? [args[i + 1]] : []));
  const provider = await startOidcProvider({ keys, port, ...(redirectUris.length ? { redirectUris } : {}) });
  console.log(JSON.stringify({ issuer: provider.issuer }));
  process.on("SIGTERM", () => provider.close().then(() => process.exit(0)));
}
