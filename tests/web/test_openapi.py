"""The app keeps to its OpenAPI document (engine/web/openapi.yaml): schemathesis sends generated
requests — valid ones and broken ones — to every operation, and checks that no answer is a server error and
that each answer has a documented status, content type and shape."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from engine.web.app import create_app
from engine.web.auth import SESSION_COOKIE
from engine.web.openapi import openapi_document
from engine.web.settings import Settings
from tests.web.accounts import sign_in
from tests.web.conftest import TestClient

# schemathesis asks for the host "testserver"; every look-up it makes is let through the rate limit.
app = create_app(
    Settings(
        data_dir=Path(tempfile.mkdtemp(prefix="indberet-openapi-")),
        demo=True,
        allowed_hosts=(*Settings.allowed_hosts, "testserver"),
        cpr_burst=1_000_000,
    )
)
# Every route needs a signed-in user, and every POST the session's CSRF token: schemathesis sends both.
with TestClient(app) as _client:
    sign_in(_client, "laege")
    SIGNED_IN = {
        "Cookie": f"{SESSION_COOKIE}={_client.cookies[SESSION_COOKIE]}",
        "X-CSRF-Token": _client.headers["X-CSRF-Token"],
    }
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers=SIGNED_IN)
# A broken request may also be refused for its size (413: the CPR look-up takes 1,000 bytes at most).
rejection = schema.config.checks.negative_data_rejection
rejection.expected_statuses = [*(rejection.expected_statuses or []), "413"]


@schema.parametrize()
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_to_the_document(case: schemathesis.Case) -> None:
    # Not checked: that every schema-valid request is accepted. The schema gives the shape; what the
    # register or the form makes of a well-shaped value (a substitute CPR number: 422) is the domain's.
    case.call_and_validate(headers=SIGNED_IN, excluded_checks=[positive_data_acceptance])


def test_the_document_is_served_and_names_every_api_route() -> None:
    with TestClient(app) as client:
        sign_in(client)
        served = client.get("/api/openapi.json").json()
    assert served == openapi_document()
    routes = {route.path for route in app.routes if route.path.startswith("/api/")} - {"/api/openapi.json"}
    assert set(served["paths"]) == routes


def test_the_refusals_of_issue_8_are_documented() -> None:
    document = openapi_document()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], (method, path)  # host_not_allowed, at least
    cpr = document["paths"]["/api/cpr"]["post"]["responses"]
    assert "Retry-After" in cpr["429"]["headers"]
    assert cpr["405"]["headers"]["Allow"]["schema"] == {"const": "POST"}
    assert "verdict" in document["paths"]["/api/v1/validate"]["post"]["responses"]["413"]["description"]


def test_every_operation_but_ping_documents_the_login_and_csrf_refusals() -> None:
    for path, operations in openapi_document()["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert ("401" in responses) == (path != "/api/ping"), (method, path)
            assert ("403" in responses) == (method == "post"), (method, path)
