"""Logging in through OpenID Connect (manual A01: NemLog-in with MitID reaches hospitals as an OIDC broker).

Configured by the settings' ``oidc_*`` (``INDBERET_OIDC_ISSUER``, ``…_CLIENT_ID``, ``…_CLIENT_SECRET``,
``…_LABEL``, ``…_USERNAME_CLAIM``); without an issuer the login page offers no such button and both routes
answer 404. The authorization code flow with PKCE (Authlib's S256 challenge), ``state`` and ``nonce``:

1. ``GET /login/oidc`` makes a state, a nonce and a PKCE verifier, keeps them in a short-lived HttpOnly
   cookie of this browser (so any app server can finish the login), and sends the browser to the provider.
2. ``GET /login/oidc/callback`` checks the state against the cookie, that the login is at most ten minutes
   old, exchanges the code for tokens, and verifies the ID token: its signature by the provider's keys, its
   issuer, audience, expiry and nonce (joserfc, Authlib's JOSE library).
3. The identity (``issuer|subject``) must be linked to an active user (``users.external_id``) — or, when
   ``oidc_username_claim`` names a claim, that claim must be an active user's username. Then the app's own
   session starts, exactly as after a password login.

Every refusal — the provider's (``access_denied``), a wrong state or nonce, an expired token, an
unreachable provider, an unknown identity — is a Danish page, never a traceback, and is kept in the
account audit with the client's address; nothing personal goes to the log.
"""

from __future__ import annotations

import base64
import datetime
import hmac
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from engine.store.accounts import AccountEvent
from engine.web.auth import session_cookie
from engine.web.error_answers import answer_error
from engine.web.settings import Settings
from engine.web.state import app_state
from renderers.html import PageContext, render_page

log = logging.getLogger("indberet.oidc")

FLOW_COOKIE = "indberet_oidc"
FLOW_MAX_AGE = 10 * 60  # seconds a login at the provider may take
TIMEOUT = 10.0  # seconds the provider has to answer the server
LEEWAY = 60  # seconds of clock difference allowed in the ID token's times

TEXTS = {
    "access_denied": (
        "Log ind blev afvist hos {provider}. Prøv igen, eller log ind med brugernavn og adgangskode."
    ),
    "state": (
        "Log ind kunne ikke afsluttes: svaret kom ikke fra den indlogning, der blev startet her. Prøv igen."
    ),
    "expired": "Log ind tog for lang tid, eller svaret fra {provider} er udløbet. Prøv igen.",
    "nonce": "Svaret fra {provider} hører ikke til denne indlogning. Prøv igen.",
    "token": "Svaret fra {provider} kunne ikke godkendes. Prøv igen, eller kontakt support.",
    "unreachable": "{provider} svarer ikke lige nu. Prøv igen om lidt.",
    "unknown_identity": (
        "Du er logget ind hos {provider}, men har ingen bruger i indberet. "
        "Bed en administrator om at oprette dig."
    ),
}


class Refused(Exception):
    """A login through the provider that does not succeed: ``reason`` is a key of :data:`TEXTS`."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Provider:
    """The provider's endpoints and keys (its discovery document), fetched once."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks: KeySet


_PROVIDERS: dict[str, Provider] = {}


def _provider(settings: Settings) -> Provider:
    found = _PROVIDERS.get(settings.oidc_issuer)
    if found is not None:
        return found
    try:
        discovery = httpx.get(
            f"{settings.oidc_issuer.rstrip('/')}/.well-known/openid-configuration", timeout=TIMEOUT
        )
        discovery.raise_for_status()
        config = discovery.json()
        keys = httpx.get(config["jwks_uri"], timeout=TIMEOUT)
        keys.raise_for_status()
        provider = Provider(
            config["issuer"],
            config["authorization_endpoint"],
            config["token_endpoint"],
            KeySet.import_key_set(keys.json()),
        )
    except (httpx.HTTPError, ValueError, KeyError, TypeError, JoseError) as error:
        raise Refused("unreachable", type(error).__name__) from error
    _PROVIDERS[settings.oidc_issuer] = provider
    return provider


def _encode(flow: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(flow).encode()).decode()


def _decode(value: str) -> dict[str, Any] | None:
    try:
        flow = json.loads(base64.urlsafe_b64decode(value.encode()))
    except (ValueError, UnicodeError):
        return None
    return flow if isinstance(flow, dict) else None


def _redirect_uri(request: Request) -> str:
    return str(request.url_for("oidc_callback"))


async def start(request: Request) -> Response:
    settings = app_state(request).settings
    if not settings.oidc_issuer:
        return answer_error(request, 404, "not_found")
    try:
        provider = await run_in_threadpool(_provider, settings)
    except Refused as refused:
        return await _refused(request, refused)
    flow = {
        "state": generate_token(32),
        "nonce": generate_token(32),
        "verifier": generate_token(64),
        "at": time.time(),
    }
    query = {
        "response_type": "code",
        "client_id": settings.oidc_client_id,
        "redirect_uri": _redirect_uri(request),
        "scope": settings.oidc_scopes,
        "state": flow["state"],
        "nonce": flow["nonce"],
        "code_challenge": create_s256_code_challenge(flow["verifier"]),
        "code_challenge_method": "S256",
    }
    answer = RedirectResponse(f"{provider.authorization_endpoint}?{urlencode(query)}", status_code=303)
    answer.set_cookie(
        FLOW_COOKIE,
        _encode(flow),
        max_age=FLOW_MAX_AGE,
        path="/login/oidc",
        httponly=True,
        samesite="lax",
        secure=settings.https_only,
    )
    return answer


async def callback(request: Request) -> Response:
    state = app_state(request)
    settings = state.settings
    if not settings.oidc_issuer:
        return answer_error(request, 404, "not_found")
    try:
        claims = await _verified_claims(request, settings)
        external = f"{claims['iss']}|{claims['sub']}"
        user = await run_in_threadpool(state.accounts.user_for_external, external)
        if user is None and settings.oidc_username_claim:
            name = claims.get(settings.oidc_username_claim)
            found = (
                await run_in_threadpool(state.accounts.store.user_by_name, str(name).lower())
                if name
                else None
            )
            user = found if found is not None and found.active else None
        if user is None:
            raise Refused("unknown_identity", external)
    except Refused as refused:
        answer = await _refused(request, refused)
        answer.delete_cookie(FLOW_COOKIE, path="/login/oidc")
        return answer
    client = request.client.host if request.client else None
    started = await run_in_threadpool(lambda: state.accounts.start_session(user, client, how="oidc"))
    answer = RedirectResponse("/", status_code=303)
    session_cookie(answer, started.token, secure=settings.https_only)
    answer.delete_cookie(FLOW_COOKIE, path="/login/oidc")
    return answer


async def _verified_claims(request: Request, settings: Settings) -> dict[str, Any]:
    params = request.query_params
    if params.get("error"):
        raise Refused("access_denied", params["error"][:100])
    flow = _decode(request.cookies.get(FLOW_COOKIE, ""))
    sent = params.get("state", "")
    if flow is None or not hmac.compare_digest(str(flow.get("state", "")).encode(), sent.encode()):
        raise Refused("state")
    if time.time() - float(flow.get("at", 0)) > FLOW_MAX_AGE:
        raise Refused("expired", "login too old")
    code = params.get("code", "")
    if not code:
        raise Refused("token", "no code")
    provider = await run_in_threadpool(_provider, settings)
    tokens = await run_in_threadpool(
        _exchange, settings, provider, code, str(flow.get("verifier", "")), _redirect_uri(request)
    )
    try:
        token = jwt.decode(tokens["id_token"], provider.jwks)
        jwt.JWTClaimsRegistry(
            leeway=LEEWAY,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": settings.oidc_client_id},
            sub={"essential": True},
            exp={"essential": True},
        ).validate(token.claims)
    except (KeyError, TypeError, ValueError, JoseError) as error:
        reason = "expired" if type(error).__name__ == "ExpiredTokenError" else "token"
        raise Refused(reason, type(error).__name__) from error
    claims = dict(token.claims)
    if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), str(flow.get("nonce", "")).encode()):
        raise Refused("nonce")
    return claims


def _exchange(
    settings: Settings, provider: Provider, code: str, verifier: str, redirect_uri: str
) -> dict[str, Any]:
    try:
        answer = httpx.post(
            provider.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
                "client_id": settings.oidc_client_id,
                "client_secret": settings.oidc_client_secret,
            },
            timeout=TIMEOUT,
        )
    except httpx.HTTPError as error:
        raise Refused("unreachable", type(error).__name__) from error
    if answer.status_code != 200:
        raise Refused("token", f"token endpoint {answer.status_code}")
    try:
        tokens = answer.json()
    except ValueError as error:
        raise Refused("token", "not JSON") from error
    if not isinstance(tokens, dict) or not isinstance(tokens.get("id_token"), str):
        raise Refused("token", "no id_token")
    return tokens


async def _refused(request: Request, refused: Refused) -> Response:
    state = app_state(request)
    provider = state.settings.oidc_label.removeprefix("Log ind med ").strip() or "udbyderen"
    message = TEXTS[refused.reason].format(provider=provider)
    event = AccountEvent(
        datetime.datetime.now(datetime.UTC),
        "login_failed",
        None,
        client=request.client.host if request.client else None,
        details={"how": "oidc", "reason": refused.reason, "detail": refused.detail[:200]},
    )
    await run_in_threadpool(state.accounts.store.record_account_event, event)
    log.info("OIDC login refused: %s", refused.reason)
    html = render_page(
        "login.html",
        PageContext(today=datetime.date.today()),
        username="",
        error=message,
        demo_users="",
        no_users=False,
        extra_logins=getattr(request.app.state, "extra_logins", ()),
        demo_password="",
    )
    return HTMLResponse(html, status_code=401)
