"""Schemathesis hooks for the Vårdkoll API: the bearer tokens each call needs.

One auth provider (so Schemathesis knows the credentials are real, and its
ignored_auth check probes without them and with wrong ones):
- a signed-in patient's access token from the real OpenID provider the run
  started (VARDKOLL_ST_ISSUER; its test-only token endpoint) for creating a
  request and for GET /me/referrals;
- a request's own token, from its 201 answer, for GET /referrals/{reference}
  and its answer, so the stateful links create -> read and create -> withdraw
  reach the stored request;
- a care navigator's access token (navigator-01, region 01) for /staff/...,
  a provider's scheduler's for /staff/free-times..., and the auditor's for
  /audit, from the same provider.
Other calls go without Authorization, as a patient's browser sends them.

And, for half of the positive (schema-valid) request creations, the three
facts no schema can state made true: a real identity number (Skatteverket's
test numbers), a service and a provider from the catalogue. So requests are
stored and the stateful phase follows their links; the other half, and every
negative case, go as generated. The same for free times a scheduler publishes:
half of them at one of the scheduler's providers, on a day to come.
"""
import datetime
import json
import os
import time
import urllib.request
import zlib

import schemathesis

# Skatteverket's published test personal identity numbers.
TEST_NUMBERS = ["19121212-1212", "19000101-0008", "20010101-0007", "19811228-9874", "19400808-3125"]

ISSUER = os.environ["VARDKOLL_ST_ISSUER"]
TOKENS: dict[str, str] = {}
ACCESS: dict[str, tuple[str, float]] = {}


def access_token(subject: str) -> str:
    """An access token of the provider's test account `subject`, made again
    every five minutes (it lives ten)."""
    kept = ACCESS.get(subject)
    if kept is None or time.monotonic() - kept[1] > 300:
        request = urllib.request.Request(
            f"{ISSUER}/test/token", data=json.dumps({"sub": subject}).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            kept = (json.load(answer)["access_token"], time.monotonic())
        ACCESS[subject] = kept
    return kept[0]


def patient_token() -> str:
    """Tolvan's access token."""
    return access_token("tolvan")


@schemathesis.hook
def after_call(context, case, response):
    if case.method.upper() == "POST" and case.operation.path == "/referrals" and response.status_code == 201:
        try:
            body = response.json()
            TOKENS[body["reference"]] = body["token"]
        except (ValueError, KeyError, TypeError):
            pass


def free_times_made_true(case):
    """Half of the positive free-time publications: a provider the test
    scheduler schedules for, a service of the catalogue, a day to come."""
    meta = case.meta
    if meta is None or meta.generation.mode.is_negative or not isinstance(case.body, dict):
        return
    seed = zlib.crc32(repr(sorted(case.body.items(), key=str)).encode())
    if seed % 2:
        return
    body = dict(case.body)
    body["providerId"] = "akademiska-sjukhuset"
    body["serviceCode"] = "op-hoft"
    day = datetime.date.today() + datetime.timedelta(days=30 + seed % 300)
    body["date"] = day.isoformat()
    case.body = body


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.method.upper() == "POST" and case.operation.path == "/staff/free-times":
        free_times_made_true(case)
        return
    if case.method.upper() != "POST" or case.operation.path != "/referrals":
        return
    meta = case.meta
    if meta is None or meta.generation.mode.is_negative:
        return
    body = case.body
    if not isinstance(body, dict):
        return
    seed = zlib.crc32(repr(sorted(body.items(), key=str)).encode())
    if seed % 2:
        return
    body = dict(body)
    body["personalIdentityNumber"] = TEST_NUMBERS[seed % len(TEST_NUMBERS)]
    body["serviceCode"] = "op-hoft"
    body["preferredProviders"] = ["karolinska-solna"]
    body["homeRegion"] = "01"
    case.body = body
    headers = dict(case.headers or {})
    headers.setdefault("Idempotency-Key", f"st-{seed:08x}-{len(TOKENS):06d}")
    case.headers = headers


@schemathesis.auth(refresh_interval=None)
class VardkollTokens:
    def get(self, case, context):
        path = case.operation.path
        if path.startswith("/staff/free-times"):
            return access_token("scheduler")
        if path.startswith("/staff/"):
            return access_token("navigator-01")
        if path == "/audit":
            return access_token("auditor")
        if path in ("/referrals", "/me/referrals"):
            return patient_token()
        if path in ("/referrals/{reference}", "/referrals/{reference}/answer"):
            return TOKENS.get(str((case.path_parameters or {}).get("reference")))
        return None

    def set(self, case, data, context):
        if data:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
