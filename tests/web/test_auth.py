"""The current user (engine/web/auth.py): anonymous until accounts exist."""

from __future__ import annotations

from starlette.requests import Request

from engine.web.auth import User, current_group, current_user


def _request(**state: object) -> Request:
    return Request({"type": "http", "state": dict(state), "headers": []})


def test_anonymous() -> None:
    request = _request(user=None, group=None)
    assert current_user(request) is None
    assert current_group(request) is None


def test_a_signed_in_user_and_group() -> None:
    user = User("u1", "Karen Læge", "33624409", ("onkologi",))
    request = _request(user=user, group="onkologi")
    assert current_user(request) == user
    assert current_group(request) == "onkologi"
