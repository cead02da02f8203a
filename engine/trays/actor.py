"""Who acts: a user, the groups they are a member of with their roles in each, and where they ask from.

The accounts (issue 10) make one per request; tests and the command line make their own. Membership of a
group is what lets a user see its forms (trays, Skemaer, CPR søgning, opening a form); each action needs
its role in the form's group (the spec's ``workflow.roles``).

    Actor.of("u17", {"onkologi": ["laese", "indtaste"]}, client="10.1.2.3")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    user: str
    roles: Mapping[str, frozenset[str]] = field(default_factory=dict)  # group id → the user's roles there
    administrator: bool = False  # may move a form to another group and read a form's audit (F02)
    client: str | None = None  # the address the request came from, for the audit

    @classmethod
    def of(
        cls,
        user: str,
        roles: Mapping[str, Iterable[str]],
        *,
        administrator: bool = False,
        client: str | None = None,
    ) -> Actor:
        return cls(user, {group: frozenset(names) for group, names in roles.items()}, administrator, client)

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups the user is a member of, sorted."""
        return tuple(sorted(self.roles))

    def member_of(self, group: str | None) -> bool:
        return group is not None and group in self.roles

    def roles_in(self, group: str) -> frozenset[str]:
        return self.roles.get(group, frozenset())

    def all_roles(self) -> frozenset[str]:
        """Every role the user has in any group (what a form without a group yet is judged by)."""
        return frozenset().union(*self.roles.values())
