"""``indberet users …`` and ``indberet groups …``: accounts from the command line, so an operator can make
the first administrator (and every other account) without the web.

    indberet groups add "Onkologisk Afdeling"
    indberet users add anna --name "Anna Andersen" --admin            # asks for the password
    indberet users add lene --name "Lene Læge" --member onkologisk-afdeling:laese,indtaste,indberette
    indberet users set-role lene kirurgisk-afdeling laese
    indberet users deactivate lene

A password is read from the terminal (twice, not shown) or, with ``--password-stdin``, from the first line
of standard input — never from an argument, which other users of the machine could see. Every change is
written to the account audit as made by the operator (user ``cli``); ``indberet audit --accounts`` shows it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_REFUSED, EXIT_UNUSABLE = 0, 1, 2
OPERATOR = "cli"  # who the audit names for a change made here
PASSWORD_HELP = "read the password from the first line of stdin (default: asked twice at the terminal)"


def add_commands(commands: Any, store_options: Any) -> None:
    """The ``users`` and ``groups`` commands on the CLI's subparsers; ``store_options(parser)`` adds
    --data-dir, --database and --form."""
    users = commands.add_parser(
        "users",
        help="make and change user accounts (the first administrator too)",
        description="Make, list and change users. Exit status: 0, 1 when refused (with why), 2 when the "
        "database or form cannot be read.",
    )
    user_cmds = users.add_subparsers(dest="users_command", metavar="ACTION", title="actions", required=True)
    add = user_cmds.add_parser(
        "add",
        help="make a user",
        description="Make a user, a member of the groups named (A03: at least one, unless an administrator). "
        'Example: indberet users add lene --name "Lene Læge" --member onkologisk-afdeling:laese,indtaste',
    )
    add.add_argument("username", help="a-z, 0-9, '.', '-', '_'; at most 64 characters")
    add.add_argument("--name", required=True, help="the user's full name, as the pages show it")
    add.add_argument(
        "--member",
        action="append",
        default=[],
        metavar="GROUP[:ROLE,…]",
        help="a group (its id) and the roles there; repeat for several groups (default: none)",
    )
    add.add_argument(
        "--admin", action="store_true", help="an administrator, who needs no group (default: not)"
    )
    add.add_argument("--password-stdin", action="store_true", help=PASSWORD_HELP)
    listing = user_cmds.add_parser(
        "list",
        help="every user, one JSON object per line",
        description='Print every user: {"id", "username", "name", "admin", "active", "groups"}.',
    )
    roles = user_cmds.add_parser(
        "set-role",
        help="set a user's roles in a group",
        description="Make the user's roles in the group exactly the roles given (none: a member without "
        "roles). Acts on the user's next request.",
    )
    roles.add_argument("username", help="the user's username")
    roles.add_argument("group", help="the group's id")
    roles.add_argument("roles", nargs="*", metavar="ROLE", help="ids of the form's workflow.roles")
    roles.add_argument("--remove", action="store_true", help="end the membership (default: set the roles)")
    deactivate = user_cmds.add_parser(
        "deactivate",
        help="the user can no longer log in; open sessions end",
        description="Deactivate a user: never deleted, so the audit keeps naming them; open sessions end.",
    )
    deactivate.add_argument("username", help="the user's username")
    password = user_cmds.add_parser(
        "set-password",
        help="a new password; the user's open sessions end",
        description="Set a user's password (8–1000 characters); every open session of theirs ends.",
    )
    password.add_argument("username", help="the user's username")
    password.add_argument("--password-stdin", action="store_true", help=PASSWORD_HELP)
    for parser in (add, listing, roles, deactivate, password):
        store_options(parser)

    groups = commands.add_parser(
        "groups", help="make and list user groups", description="Make and list the user groups."
    )
    group_cmds = groups.add_subparsers(
        dest="groups_command", metavar="ACTION", title="actions", required=True
    )
    group_add = group_cmds.add_parser(
        "add", help="make a user group", description="Make a user group; prints its id and name as JSON."
    )
    group_add.add_argument("name", help='the name the pages show, e.g. "Onkologisk Afdeling"')
    group_add.add_argument("--id", help="its id (default: made from the name, onkologisk-afdeling)")
    group_list = group_cmds.add_parser(
        "list", help="every group, one JSON object per line", description='Print every group: {"id", "name"}.'
    )
    for parser in (group_add, group_list):
        store_options(parser)


def run(args: argparse.Namespace) -> int:
    from engine.accounts import AccountProblem, Accounts
    from engine.form import FormUnreadable, SpecError, load_form
    from engine.store import StoreError, default_url, open_store

    try:
        form = load_form(args.form) if args.form else load_form()
        store = open_store(args.database or default_url(args.data_dir))
    except (StoreError, SpecError, FormUnreadable) as error:
        print(f"indberet: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    workflow = form.spec.workflow
    accounts = Accounts(store, {r.id: r.label for r in workflow.roles} if workflow else {})  # type: ignore[arg-type]
    try:
        if args.command == "groups":
            return _groups(accounts, args)
        return _users(accounts, args)
    except AccountProblem as problem:
        print(f"indberet: {problem.text}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        store.close()


def _groups(accounts: Any, args: argparse.Namespace) -> int:
    if args.groups_command == "add":
        group = accounts.create_group(args.name, by=OPERATOR, id=args.id)
        print(json.dumps({"id": group.id, "name": group.name}, ensure_ascii=False))
        return EXIT_OK
    for group_id, name in accounts.groups().items():
        print(json.dumps({"id": group_id, "name": name}, ensure_ascii=False))
    return EXIT_OK


def _users(accounts: Any, args: argparse.Namespace) -> int:
    command = args.users_command
    if command == "list":
        memberships = accounts.store.all_memberships()
        for user in accounts.store.list_users():
            row = {
                "id": user.id,
                "username": user.username,
                "name": user.name,
                "admin": user.administrator,
                "active": user.active,
                "groups": {g: sorted(r) for g, r in memberships.get(user.id, {}).items()},
            }
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    if command == "add":
        groups: dict[str, list[str]] = {}
        for member in args.member:
            group, _, roles = member.partition(":")
            groups[group] = [role for role in roles.split(",") if role]
        secret = _password(args.password_stdin)
        if secret is None:
            return EXIT_REFUSED
        user = accounts.create_user(
            args.username, args.name, secret, groups, administrator=args.admin, by=OPERATOR
        )
        print(json.dumps({"id": user.id, "username": user.username}, ensure_ascii=False))
        return EXIT_OK
    user = accounts.user(args.username)
    if command == "set-role":
        accounts.set_roles(user, args.group, None if args.remove else args.roles, by=OPERATOR)
    elif command == "deactivate":
        accounts.deactivate(user, by=OPERATOR)
    else:
        secret = _password(args.password_stdin)
        if secret is None:
            return EXIT_REFUSED
        accounts.set_password(user, secret, by=OPERATOR)
    return EXIT_OK


def _password(from_stdin: bool) -> str | None:
    """The new password: stdin's first line, or typed twice at the terminal; None when they differ."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Adgangskode: ")
    if getpass.getpass("Gentag adgangskoden: ") != first:
        print("indberet: de to adgangskoder er ikke ens", file=sys.stderr)
        return None
    return first


def store_options(
    parser: argparse.ArgumentParser, data_help: str, database_help: str, form_help: str
) -> None:
    parser.add_argument("--data-dir", type=Path, default=Path("data"), metavar="DIR", help=data_help)
    parser.add_argument("--database", default="", metavar="URL", help=database_help)
    parser.add_argument("--form", type=Path, metavar="PATH", help=form_help)
