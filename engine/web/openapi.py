"""The API's OpenAPI document (``openapi.yaml`` beside this module), served at ``/api/openapi.json``."""

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
    return document


async def openapi(request: Request) -> Response:
    return JsonAnswer(openapi_document())
