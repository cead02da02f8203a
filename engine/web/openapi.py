"""The API's OpenAPI document (``openapi.yaml`` beside this module), served at ``/api/openapi.json``.

Every operation but ``/api/ping`` needs a signed-in session (``engine.web.auth``): its 401 and, for a POST,
its 403 are added here to each operation, once, rather than written beside every one in the YAML."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import Response

from engine.web.json_answer import JsonAnswer

OPENAPI_FILE = Path(__file__).with_name("openapi.yaml")


@cache
def openapi_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(OPENAPI_FILE.read_text(encoding="utf-8"))
    error = {"$ref": "#/components/responses/Error"}
    for path, operations in document["paths"].items():
        if path == "/api/ping":
            continue
        for method, operation in operations.items():
            operation["responses"] = {**operation["responses"], "401": error}  # login_required
            if method != "get":
                operation["responses"]["403"] = error  # csrf_refused
    return document


async def openapi(request: Request) -> Response:
    return JsonAnswer(openapi_document())
