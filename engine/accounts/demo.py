"""The demo accounts (only with ``--demo``): two departments and five users, password ``demo``.

Made once; a restart finds them and leaves them as they are (an administrator's changes stay). The demo
password is shorter than a real one may be: it is set here, past the length check, and only here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from engine.accounts.passwords import hash_password
from engine.accounts.service import Accounts
from engine.store.accounts import AccountEvent, GroupRow, UserRow

DEMO_PASSWORD = "demo"
DEMO_FILE = Path(__file__).with_name("demo.yaml")  # the groups and users, as data


@dataclass(frozen=True)
class DemoUser:
    name: str
    administrator: bool
    groups: Mapping[str, tuple[str, ...]]  # group id → roles


def _demo() -> tuple[dict[str, str], dict[str, DemoUser]]:
    data = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    users = {
        username: DemoUser(
            user["name"],
            bool(user.get("administrator", False)),
            {group: tuple(roles) for group, roles in (user.get("groups") or {}).items()},
        )
        for username, user in data["users"].items()
    }
    return dict(data["groups"]), users


DEMO_GROUPS, DEMO_USERS = _demo()


def add_demo_accounts(accounts: Accounts) -> int:
    """Make the demo groups and users that do not exist yet (roles the form does not know are left
    out); how many users were made."""
    now = datetime.datetime.now(datetime.UTC)
    store = accounts.store
    known = accounts.groups()
    for group, name in DEMO_GROUPS.items():
        if group not in known:
            store.add_group(
                GroupRow(group, name, now), AccountEvent(now, "group_created", None, details={"demo": True})
            )
    made = 0
    for username, demo in DEMO_USERS.items():
        if store.user_by_name(username) is not None:
            continue
        password = hash_password(DEMO_PASSWORD)
        user = UserRow(f"demo-{username}", username, demo.name, password, demo.administrator, True, now)
        memberships = {g: [r for r in roles if r in accounts.roles] for g, roles in demo.groups.items()}
        made += store.add_user(
            user, memberships, AccountEvent(now, "user_created", None, details={"demo": True})
        )
    return made
