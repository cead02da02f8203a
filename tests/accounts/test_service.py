"""The accounts service (engine/accounts) on both backends, with roles of its own (no form needed)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.accounts import AccountProblem, Accounts, SignedIn, group_id_of, token_hash
from engine.accounts.passwords import verify_password
from engine.accounts.service import FAILED_LOGIN_WINDOW
from engine.store import open_store
from engine.store.accounts import AccountEvent
from tests.postgres import postgres_schema

ROLES = {"se": "Se", "skrive": "Skrive", "sende": "Sende"}
PASSWORD = "en lang adgangskode"


@pytest.fixture(params=["sqlite", "postgresql"])
def accounts(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Accounts]:
    if request.param == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'a.sqlite3'}")
        yield Accounts(store, ROLES)  # type: ignore[arg-type]
        store.close()
    else:
        with postgres_schema() as url:
            store = open_store(url)
            yield Accounts(store, ROLES)  # type: ignore[arg-type]
            store.close()


def _signed_in(accounts: Accounts, username: str, password: str = PASSWORD) -> SignedIn:
    started = accounts.log_in(username, password, "10.0.0.1")
    found = accounts.signed_in(started.token)
    assert found is not None
    return found


def _setup(accounts: Accounts) -> None:
    accounts.create_group("Afdeling A", by=None)
    accounts.create_group("Afdeling B", by=None)
    accounts.create_user("bo", "Bo Bruger", PASSWORD, {"afdeling-a": ["se"]})
    accounts.create_user("chef", "Chef", PASSWORD, {}, administrator=True)


def test_a_group_id_is_made_from_its_name() -> None:
    assert group_id_of("Onkologisk Afdeling") == "onkologisk-afdeling"
    assert group_id_of("Hæmatologi, Århus Ø") == "haematologi-aarhus-oe"
    assert group_id_of("!!!").startswith("gruppe-")


def test_a_login_gives_a_session_with_the_roles_and_first_group(accounts: Accounts) -> None:
    _setup(accounts)
    who = _signed_in(accounts, "BO ")
    assert (who.user.username, who.group, dict(who.roles)) == ("bo", "afdeling-a", {"afdeling-a": {"se"}})
    actor = who.actor("10.0.0.1")
    assert actor.roles_in("afdeling-a") == {"se"} and not actor.administrator


def test_a_wrong_password_an_unknown_and_a_deactivated_user_are_refused_alike(accounts: Accounts) -> None:
    _setup(accounts)
    for username, password in [("bo", "forkert"), ("ingen", PASSWORD), ("x" * 500, PASSWORD)]:
        with pytest.raises(AccountProblem) as refused:
            accounts.log_in(username, password)
        assert refused.value.code == "login_failed"
    accounts.deactivate(accounts.user("bo"), by="chef")
    with pytest.raises(AccountProblem, match="forkert"):
        accounts.log_in("bo", PASSWORD)
    events = [e.event for e in accounts.store.account_events()]
    assert events.count("login_failed") == 4


def test_deactivating_and_a_new_password_end_open_sessions(accounts: Accounts) -> None:
    _setup(accounts)
    first = accounts.log_in("bo", PASSWORD)
    accounts.set_password(accounts.user("bo"), "en anden lang kode", by="chef")
    assert accounts.signed_in(first.token) is None
    assert verify_password(accounts.user("bo").password_hash, "en anden lang kode")
    second = accounts.log_in("bo", "en anden lang kode")
    accounts.deactivate(accounts.user("bo"), by="chef")
    assert accounts.signed_in(second.token) is None


def test_an_idle_or_old_session_ends(accounts: Accounts) -> None:
    _setup(accounts)
    started = accounts.log_in("bo", PASSWORD)
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)
    accounts.store.touch_session(token_hash(started.token), long_ago)
    assert accounts.signed_in(started.token) is None
    assert accounts.signed_in("") is None and accounts.signed_in("x" * 1000) is None


def test_a_role_request_approved_acts_at_once_and_sends_a_message(accounts: Accounts) -> None:
    _setup(accounts)
    bo, chef = _signed_in(accounts, "bo"), _signed_in(accounts, "chef")
    request = accounts.request_role(bo, "afdeling-b", "skrive")
    with pytest.raises(AccountProblem, match="allerede anmodet"):
        accounts.request_role(bo, "afdeling-b", "skrive")
    with pytest.raises(AccountProblem, match="administrator"):
        accounts.decide(bo, request.id, approve=True)
    decided = accounts.decide(chef, request.id, approve=True, reason="velkommen")
    assert decided.state == "approved"
    with pytest.raises(AccountProblem, match="afgjort"):
        accounts.decide(chef, request.id, approve=False)
    again = _signed_in(accounts, "bo")
    assert again.roles == {"afdeling-a": {"se"}, "afdeling-b": {"skrive"}}
    (message,) = accounts.store.messages(again.user.id, again.roles)
    assert message.subject == "Din anmodning om rollen »Skrive« i Afdeling B er godkendt"
    assert message.body.endswith("Begrundelse: velkommen")
    assert accounts.store.unread(again.user.id, again.roles) == 1
    accounts.store.mark_read(again.user.id, [message.id, message.id])
    assert accounts.store.unread(again.user.id, again.roles) == 0


def test_a_rejected_request_gives_no_role(accounts: Accounts) -> None:
    _setup(accounts)
    bo, chef = _signed_in(accounts, "bo"), _signed_in(accounts, "chef")
    request = accounts.request_role(bo, "afdeling-a", "sende")
    accounts.decide(chef, request.id, approve=False)
    assert _signed_in(accounts, "bo").roles == {"afdeling-a": {"se"}}


def test_refusals_say_why(accounts: Accounts) -> None:
    _setup(accounts)
    bo = _signed_in(accounts, "bo")
    cases = {
        "unknown_group": lambda: accounts.request_role(bo, "ukendt", "se"),
        "unknown_role": lambda: accounts.request_role(bo, "afdeling-a", "chef"),
        "has_role": lambda: accounts.request_role(bo, "afdeling-a", "se"),
        "username_taken": lambda: accounts.create_user("bo", "Bo igen", PASSWORD, {"afdeling-a": []}),
        "bad_username": lambda: accounts.create_user("Bo Bo", "Bo", PASSWORD, {"afdeling-a": []}),
        "bad_password": lambda: accounts.create_user("kort", "Kort", "kort", {"afdeling-a": []}),
        "no_group": lambda: accounts.create_user("alene", "Alene", PASSWORD, {}),
        "group_taken": lambda: accounts.create_group("Afdeling A", by=None),
        "not_member": lambda: accounts.switch_group(bo, "afdeling-b"),
    }
    for code, attempt in cases.items():
        with pytest.raises(AccountProblem) as refused:
            attempt()
        assert refused.value.code == code


def test_an_external_identity_finds_only_an_active_linked_user(accounts: Accounts) -> None:
    _setup(accounts)
    accounts.create_user("ekstern", "Ekstern", None, {"afdeling-a": ["se"]}, external_id="https://idp|123")
    assert accounts.user_for_external("https://idp|123").username == "ekstern"
    assert accounts.user_for_external("https://idp|999") is None
    accounts.deactivate(accounts.user("ekstern"), by=None)
    assert accounts.user_for_external("https://idp|123") is None
    with pytest.raises(AccountProblem):
        accounts.log_in("ekstern", "")  # no local password


def test_failed_logins_with_a_name_are_counted_in_the_store_and_then_refused_unchecked(
    accounts: Accounts,
) -> None:
    """Two services on one store (two app servers): the failures with a name, however it is typed, add
    up; beyond the limit even the right password is refused, and so is an unknown name — alike."""
    _setup(accounts)
    first = Accounts(accounts.store, ROLES, failed_logins=3)
    second = Accounts(accounts.store, ROLES, failed_logins=3)
    for service, typed in [(first, "bo"), (second, " BO "), (first, "Bo")]:
        with pytest.raises(AccountProblem) as refused:
            service.log_in(typed, "forkert")
        assert refused.value.code == "login_failed"
    for service, password in [(second, PASSWORD), (first, "forkert")]:
        with pytest.raises(AccountProblem) as refused:
            service.log_in("bo", password)
        assert refused.value.code == "login_limited"
    for _ in range(3):
        with pytest.raises(AccountProblem):
            second.log_in("ingen", "forkert")
    with pytest.raises(AccountProblem) as refused:
        second.log_in("ingen", PASSWORD)
    assert refused.value.code == "login_limited"
    assert first.log_in("chef", PASSWORD).token  # another name is not held up
    events = [(e.event, e.username) for e in accounts.store.account_events(limit=20)]
    assert events.count(("login_limited", "bo")) == 2 and ("login_limited", "ingen") in events
    assert [e for e, _ in events].count("login_failed") == 6  # a refused login is not a failure


def test_only_the_failures_of_the_window_count(accounts: Accounts) -> None:
    _setup(accounts)
    limited = Accounts(accounts.store, ROLES, failed_logins=2)
    long_ago = datetime.datetime.now(datetime.UTC) - FAILED_LOGIN_WINDOW - datetime.timedelta(seconds=5)
    for _ in range(5):
        accounts.store.record_account_event(
            AccountEvent(long_ago, "login_failed", None, "bo", login_key="bo")
        )
    with pytest.raises(AccountProblem) as refused:
        limited.log_in("bo", "forkert")
    assert refused.value.code == "login_failed"
    assert _signed_in(limited, "bo").user.username == "bo"  # one failure in the window: below two
    with pytest.raises(ValueError):
        Accounts(accounts.store, ROLES, failed_logins=0)
