"""Password hashes: argon2id (argon2-cffi's defaults, RFC 9106's second recommendation), nothing else kept.

stored = hash_password("demo")
verify_password(stored, "demo")      # True
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
MAX_PASSWORD = 1_000  # characters: argon2 takes any length, but a login form need not hash a megabyte
# A hash of a password nobody has, checked when the username is unknown, so that a login takes as long
# whether or not the user exists.
_NOBODY = _HASHER.hash("indberet: no such user")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored`` was made of; False for no stored hash (after the same
    work as a real check), an over-long password or a hash that is not argon2's."""
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return _HASHER.verify(stored or _NOBODY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with weaker parameters than today's (then it is made anew at login)."""
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True
