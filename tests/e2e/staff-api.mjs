// The region's staff API as the tests call it, with tokens from the test
// OpenID provider: a call as a token's holder, and a navigator's move of a
// request (read at its current version, then moved) — what the Vårdlotsen page
// does, for tests about what the patient sees of it.

/** A call to `api`'s staff routes as `token`'s holder: status and parsed body. */
export async function staffCall(api, token, path, body) {
  const r = await fetch(`${api.url}/api/v1${path}`, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: await r.json() };
}

/**
 * `member` (a test staff account, e.g. "navigator-01") opens `reference` and
 * moves it to `status` with `fields` (note, offer, declineReason); the request
 * as staff see it after the move. Throws unless both calls succeed.
 */
export async function moveAs(api, provider, member, reference, status, fields = {}) {
  const token = await provider.token(member);
  const opened = await staffCall(api, token, `/staff/referrals/${reference}`);
  if (opened.status !== 200) throw new Error(`open ${reference}: ${opened.status} ${JSON.stringify(opened.body)}`);
  const moved = await staffCall(api, token, `/staff/referrals/${reference}/status`, {
    status,
    version: opened.body.version,
    ...fields,
  });
  if (moved.status !== 200) throw new Error(`move ${reference} to ${status}: ${moved.status} ${JSON.stringify(moved.body)}`);
  return moved.body;
}
