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
// Run as a program (`node oidc-provider.mjs [--port N] [--keys FILE [--add-key]]`)
// it prints one JSON line, `{"issuer": "..."}`, and serves until killed. FILE
// holds its keys (made when missing); --add-key puts a new signing key first
// (a key rotation: the old ones stay published).
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
    features: {
      devInteractions: { enabled: true },
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
  const provider = await startOidcProvider({ keys, port });
  console.log(JSON.stringify({ issuer: provider.issuer }));
  process.on("SIGTERM", () => provider.close().then(() => process.exit(0)));
}
