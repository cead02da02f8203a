"""The demo accounts (only with ``--demo``): two departments and five users, password ``demo``.

Made once; a restart finds them and leaves them as they are (an administrator's changes stay). The demo
password is shorter than a real one may be: it is set here, past the length check, and only here.
"""

from __future__ import annotations

import datetime

from engine.accounts.passwords import hash_password
from engine.accounts.service import Accounts
from engine.store.accounts import AccountEvent, GroupRow, UserRow

DEMO_PASSWORD = "demo"
DEMO_GROUPS = {"onkologisk-afdeling": "Onkologisk Afdeling", "kirurgisk-afdeling": "Kirurgisk Afdeling"}
ALL = ("laese", "indtaste", "indberette")
# username → (name, administrator, group → roles)
DEMO_USERS: dict[str, tuple[str, bool, dict[str, tuple[str, ...]]]] = {
    "laege": ("Lene Læge", False, {"onkologisk-afdeling": ALL, "kirurgisk-afdeling": ALL}),
    "sekretaer": ("Sofie Sekretær", False, {"onkologisk-afdeling": ("laese", "indtaste")}),
    "laeser": ("Lars Læser", False, {"onkologisk-afdeling": ("laese",)}),
    "kirurg": ("Karl Kirurg", False, {"kirurgisk-afdeling": ALL}),
    "admin": ("Anna Administrator", True, {}),
}


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
    for username, (name, administrator, groups) in DEMO_USERS.items():
        if store.user_by_name(username) is not None:
            continue
        user = UserRow(
            f"demo-{username}", username, name, hash_password(DEMO_PASSWORD), administrator, True, now
        )
        memberships = {g: [r for r in roles if r in accounts.roles] for g, roles in groups.items()}
        made += store.add_user(
            user, memberships, AccountEvent(now, "user_created", None, details={"demo": True})
        )
    return made
