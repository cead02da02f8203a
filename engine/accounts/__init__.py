"""Accounts: users, user groups with roles per group, logins and sessions, role requests and messages
(manual A01–A04, T01). The SQL is the store's (``engine.store.accounts``); the rules are here."""

from engine.accounts.demo import DEMO_GROUPS, DEMO_PASSWORD, DEMO_USERS, add_demo_accounts
from engine.accounts.problems import TEXTS, AccountProblem
from engine.accounts.service import Accounts, SignedIn, Started, group_id_of, token_hash

__all__ = [
    "DEMO_GROUPS",
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "TEXTS",
    "AccountProblem",
    "Accounts",
    "SignedIn",
    "Started",
    "add_demo_accounts",
    "group_id_of",
    "token_hash",
]
