"""The ``indberet`` command: lint a form spec, validate payloads, import code lists, serve the pages.

``indberet validate`` is a contract other tools rely on:
one JSON result per payload per line; exit 0 when every payload is valid (warnings allowed), 1 when any
has errors, 2 when any input is not readable, not JSON or not an object (2 wins over 1).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from engine import cli_accounts
from engine.codelists.csvfile import CodeListError
from engine.codelists.importer import import_codelist
from engine.form.compiled import CompiledForm
from engine.form.jsontext import json_text
from engine.form.load import FormUnreadable, SpecError, default_form_path, display_path, lint_form, load_form
from engine.form.payload import PayloadError, decode, parse_payload, too_large, unusable_result
from engine.form.validate import json_type, validate

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


DESCRIPTION = """\
indberet: judge payloads of a declarative form (the Danish cancer notification form ships with it),
lint a form spec, import code lists, and serve the form pages and the HTTP API."""

EPILOG = """\
examples:
  indberet validate examples/in-situ-automatisk-t.json
  indberet validate - < payloads.jsonl
  indberet lint forms/cancer.yaml
  indberet serve --demo

Run "indberet COMMAND --help" for a command's options."""

FORM_HELP = "the form spec, a YAML file (default: the cancer form shipped with indberet)"
DATA_DIR_HELP = "the folder of the SQLite store (default: data)"
DATABASE_HELP = (
    "postgresql://USER@HOST:PORT/DB: a PostgreSQL database shared by several app servers "
    "(default: SQLite in the data directory)"
)


class _ListsParser(argparse.ArgumentParser):
    """The parser of "codelists import": its help ends with the form's code lists, read when asked for."""

    def format_help(self) -> str:
        return super().format_help() + _list_names()


def _list_names() -> str:
    try:
        linted = lint_form(default_form_path())
    except FormUnreadable:
        return ""
    names = sorted(linted.form.spec.codelists) if linted.form else []
    return "\ncode lists of the shipped form:\n  " + "\n  ".join(names) + "\n" if names else ""


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="indberet", description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    validate_cmd = commands.add_parser(
        "validate",
        help="judge payloads: JSON files, or JSON Lines on standard input (-)",
        description=(
            "Judge each payload against the form and print one JSON result per payload, one per line, "
            'in the order given. Each line says which input it judges ("source": a file, or '
            "<stdin>:LINE / FILE.jsonl:LINE). Exit status: 0 when every payload is valid (warnings "
            "allowed), 1 when any has errors, 2 when any input cannot be read, is not JSON or not an "
            "object, or is larger than the form allows (2 wins over 1)."
        ),
    )
    validate_cmd.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a payload (.json), JSON Lines (.jsonl: one payload per line), or - for JSON Lines on "
        "standard input",
    )
    validate_cmd.add_argument("--form", type=Path, metavar="PATH", help=FORM_HELP)

    lint_cmd = commands.add_parser(
        "lint",
        help="report every problem of a form spec, each with its line",
        description=(
            "Report every problem of a form spec at once, as FILE:LINE:COLUMN: what is wrong — how to "
            "fix it, followed by the line. Exit status: 0 when clean, 1 with problems, 2 when the file "
            "cannot be read."
        ),
    )
    lint_cmd.add_argument("form", nargs="?", type=Path, metavar="FORM", help=FORM_HELP)

    lists_cmd = commands.add_parser(
        "codelists",
        help="import a code list from an export (CSV or TSV)",
        description="Manage the form's code lists (the CSV files the spec names under codelists:).",
    )
    lists = lists_cmd.add_subparsers(
        dest="codelists_command", metavar="ACTION", required=True, parser_class=_ListsParser
    )
    import_cmd = lists.add_parser(
        "import",
        help="replace or extend a code list from a code;text export",
        description=(
            "Replace (or with --extend: extend) one of the form's code lists from an export of codes "
            "and texts: CSV (; or ,) or TSV, UTF-8 or Latin-1/Windows-1252, with or without a header. "
            "Prints how many codes were added, changed and removed. A file that does not parse is "
            "refused with every problem and its line, and nothing is written."
        ),
    )
    import_cmd.add_argument("file", type=Path, metavar="FILE", help="the export to read")
    import_cmd.add_argument(
        "--list", required=True, dest="list_name", metavar="NAME", help="which code list (names below)"
    )
    import_cmd.add_argument(
        "--extend", action="store_true", help="keep the codes the file does not name (default: replace)"
    )
    import_cmd.add_argument("--form", type=Path, metavar="PATH", help=FORM_HELP)

    audit_cmd = commands.add_parser(
        "audit",
        help="print the audit of CPR look-ups, newest first",
        description=(
            "Print the kept CPR look-ups, newest first, one JSON object per line: when, the number (or, "
            "for text that is not a CPR number, what was sent, escaped, as not_a_number), the outcome, "
            "the user and the client."
        ),
    )
    audit_cmd.add_argument(
        "--cpr",
        metavar="NUMBER",
        help="only the look-ups of this CPR number, with or without hyphen (default: every number)",
    )
    audit_cmd.add_argument("--limit", type=int, default=100, help="at most this many lines (default: 100)")
    audit_cmd.add_argument(
        "--accounts",
        action="store_true",
        help="the account audit instead: logins, role requests, user changes (default: CPR look-ups)",
    )
    audit_cmd.add_argument("--data-dir", type=Path, default=Path("data"), metavar="DIR", help=DATA_DIR_HELP)
    audit_cmd.add_argument("--database", default="", metavar="URL", help=DATABASE_HELP)

    serve_cmd = commands.add_parser(
        "serve",
        help="serve the form pages and the HTTP API",
        description=(
            "Serve the form pages and the HTTP API (Starlette under uvicorn) until interrupted. Binds "
            "127.0.0.1 unless told otherwise; the store (the audit) is SQLite in the data directory "
            "unless --database names a PostgreSQL database. Settings without an option (OpenID Connect, "
            "HTTPS only, the CPR and login limits) are read from INDBERET_… environment variables."
        ),
    )
    serve_cmd.add_argument("--host", default="127.0.0.1", help="the address to bind (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    serve_cmd.add_argument("--data-dir", type=Path, default=Path("data"), metavar="DIR", help=DATA_DIR_HELP)
    serve_cmd.add_argument(
        "--demo", action="store_true", help="load the fictitious demo registers (CPR, SOR) (default: off)"
    )
    serve_cmd.add_argument(
        "--reload", action="store_true", help="restart when the code changes, for development (default: off)"
    )
    serve_cmd.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="app server processes on the port, sharing the store (default: 1; on PostgreSQL, or SQLite on "
        "one machine)",
    )
    serve_cmd.add_argument("--form", type=Path, metavar="PATH", help=FORM_HELP)
    serve_cmd.add_argument("--database", default="", metavar="URL", help=DATABASE_HELP)
    serve_cmd.add_argument(
        "--allowed-hosts",
        default="",
        metavar="HOSTS",
        help="comma-separated names the Host header may give, * for any (default: the --host, localhost, "
        "127.0.0.1, [::1])",
    )
    serve_cmd.add_argument(
        "--forwarded-allow-ips",
        default="",
        metavar="IPS",
        help="comma-separated proxy addresses whose X-Forwarded-For is trusted, * for any (default: none)",
    )

    export_cmd = commands.add_parser(
        "export",
        help="what the registry receives: every reported or cancelled version, as JSON Lines",
        description=(
            "Write every version of a stored form that entered a tray the registry receives (each report, "
            "each cancellation) at or after --since, one JSON object per line, in the order they happened: "
            '{"form", "form_type", "version", "state", "time", "group", "payload"}. Versions never change, '
            "so the same --since gives the same lines again; load from the time of the last line to miss "
            "none. Exit status: 0, or 2 when the database cannot be read or --since is not a time. "
            "Example: indberet export --since 2026-05-01T00:00:00Z --data-dir data > registry.jsonl"
        ),
    )
    export_cmd.add_argument(
        "--since",
        metavar="TIME",
        help="ISO 8601 date or date and time (UTC when no offset is given); default: every version",
    )
    export_cmd.add_argument("--data-dir", type=Path, default=Path("data"), metavar="DIR", help=DATA_DIR_HELP)
    export_cmd.add_argument("--database", default="", metavar="URL", help=DATABASE_HELP)

    def store_options(parser: argparse.ArgumentParser) -> None:
        cli_accounts.store_options(parser, DATA_DIR_HELP, DATABASE_HELP, FORM_HELP)

    cli_accounts.add_commands(commands, store_options)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "validate":
        if not args.files:
            usage = "usage: indberet validate [--form PATH] FILE…  (- for JSON Lines on stdin)"
            print(usage, file=sys.stderr)
            return EXIT_UNUSABLE
        return _validate(args.files, args.form)
    if args.command == "lint":
        return _lint(args.form or default_form_path())
    if args.command == "codelists":
        return _import(args.file, args.list_name, args.extend, args.form)
    if args.command == "audit":
        return _audit(args.data_dir, args.database, args.cpr, args.limit, accounts=args.accounts)
    if args.command == "serve":
        from engine.web.server import serve

        return serve(
            host=args.host,
            port=args.port,
            data_dir=args.data_dir,
            demo=args.demo,
            reload=args.reload,
            form_path=args.form,
            database=args.database,
            allowed_hosts=tuple(filter(None, (name.strip() for name in args.allowed_hosts.split(",")))),
            forwarded_allow_ips=args.forwarded_allow_ips,
            workers=args.workers,
        )
    if args.command == "export":
        return _export(args.data_dir, args.database, args.since)
    if args.command in ("users", "groups"):
        return cli_accounts.run(args)
    parser.print_help(sys.stderr)  # no command: say which there are
    return EXIT_UNUSABLE


def _audit(data_dir: Path, database: str, cpr: str | None, limit: int, *, accounts: bool = False) -> int:
    from engine.store import SQLITE_FILE, StoreError, default_url, open_store, well_formed

    if not database and not (data_dir / SQLITE_FILE).exists():
        print(f"indberet: no audit in {data_dir}: it has no {SQLITE_FILE} (give --data-dir)", file=sys.stderr)
        return EXIT_UNUSABLE
    if cpr is not None:
        number = well_formed(cpr)  # kept as DDMMYY-SSSS
        if number is None:
            print(f"indberet: --cpr {cpr!a} is not a CPR number (DDMMYY-SSSS)", file=sys.stderr)
            return EXIT_UNUSABLE
        cpr = number
    try:
        store = open_store(database or default_url(data_dir))
    except StoreError as error:
        print(f"indberet: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        if accounts:
            for event in store.account_events(max(limit, 1)):  # type: ignore[attr-defined]
                row = {
                    "at": event.at.isoformat(),
                    "event": event.event,
                    "user": event.user,
                    "username": event.username,  # as typed at a login, escaped
                    "client": event.client,
                    "details": event.details,
                }
                print(json.dumps(row, ensure_ascii=True))
            return EXIT_OK
        for access in store.cpr_accesses(cpr, max(limit, 1)):
            row = {
                "at": access.at.isoformat(),
                "cpr": access.cpr,  # only ever a well-formed number
                "not_a_number": access.not_a_number,  # what was sent instead, escaped
                "outcome": access.outcome,
                "user": access.user,
                "client": access.client,
            }
            print(json.dumps(row, ensure_ascii=True))  # no raw control or bidi character reaches a terminal
    finally:
        store.close()
    return EXIT_OK


def _load(form_path: Path | None) -> CompiledForm | None:
    try:
        return load_form(form_path)
    except FormUnreadable as error:
        print(f"indberet: {error}", file=sys.stderr)
    except SpecError as error:
        print(
            f"indberet: the form spec has {len(error.problems)} problem(s); run 'indberet lint':",
            file=sys.stderr,
        )
        for found in error.problems:
            print(found, file=sys.stderr)
    return None


def _lint(path: Path) -> int:
    try:
        linted = lint_form(path)
    except FormUnreadable as error:
        print(f"indberet: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    for found in linted.problems:
        print(found.detailed())
    if linted.problems:
        print(f"{len(linted.problems)} problem(s)", file=sys.stderr)
        return EXIT_INVALID
    print(f"{display_path(path)}: no problems", file=sys.stderr)
    return EXIT_OK


def _decode(raw: bytes) -> str | PayloadError:
    try:
        return decode(raw)
    except PayloadError as error:
        return error


def _inputs(names: Sequence[str], stdin: BinaryIO, limit: int) -> Iterator[tuple[str, str | PayloadError]]:
    """Each payload's text with where it came from, or why it could not be read.

    Bytes are decoded here, line by line, so that one line that is not UTF-8 is reported on its own. No
    more than ``limit`` bytes (the form's ``limits.payload_bytes``) of one payload are ever held: a larger
    one is reported as too large, and the rest of it is skipped unread.
    """
    for name in names:
        if name == "-":
            yield from _lines("<stdin>", stdin, limit)
            continue
        try:
            with Path(name).open("rb") as file:
                if name.endswith(".jsonl"):
                    yield from _lines(name, file, limit)
                    continue
                content = file.read(limit + 1)
                size = os.fstat(file.fileno()).st_size
        except OSError as error:
            reason = str(error.strerror or error)
            yield name, PayloadError("not_readable", reason, finer="file_unreadable", source=name)
            continue
        yield name, too_large(limit, max(size, len(content))) if len(content) > limit else _decode(content)


def _lines(where: str, stream: BinaryIO, limit: int) -> Iterator[tuple[str, str | PayloadError]]:
    """The non-blank lines of JSON Lines (separated by ``\\n``), each decoded, or too large."""
    number = 0
    while line := stream.readline(limit + 2):  # room for the line end, \r\n too
        number += 1
        content = line.rstrip(b"\r\n")
        if len(content) > limit:
            while not line.endswith(b"\n") and (line := stream.readline(_SKIP)):
                pass  # the rest of the line, a block at a time, never held whole
            yield f"{where}:{number}", too_large(limit)
        elif content.strip():
            yield f"{where}:{number}", _decode(content)


_SKIP = 1 << 16


def _emit(result: dict[str, Any]) -> None:
    """One result line, UTF-8 whatever the locale (``engine.form.jsontext``: never unencodable, never
    split by a reader that also breaks lines at U+2028 or U+0085)."""
    data = (json_text(result) + "\n").encode("utf-8")
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream (as in some test harnesses)
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        out.write(data)
    sys.stdout.flush()


def _validate(names: Sequence[str], form_path: Path | None, stdin: BinaryIO | None = None) -> int:
    form = _load(form_path)
    if form is None:
        return EXIT_UNUSABLE
    status = EXIT_OK
    for where, text in _inputs(names, stdin or sys.stdin.buffer, form.spec.limits.payload_bytes):
        problem = text if isinstance(text, PayloadError) else None
        payload: Any = None
        if isinstance(text, str):
            try:
                payload = parse_payload(text)
            except PayloadError as error:
                problem = error
        if problem is None and not isinstance(payload, dict):
            problem = PayloadError("not_object", json_type(payload))
        if problem is not None:
            print(f"indberet: {where}: {problem.describe()}", file=sys.stderr)
            result = unusable_result(form, problem)
            status = EXIT_UNUSABLE
        else:
            result = validate(form, payload).as_json()
            if not result["valid"] and status == EXIT_OK:
                status = EXIT_INVALID
        _emit({"source": where, **result})
    return status


def _import(file: Path, list_name: str, extend: bool, form_path: Path | None) -> int:
    linted = lint_form(form_path or default_form_path())
    refs = linted.form.spec.codelists if linted.form else {}
    if list_name not in refs:
        known = ", ".join(sorted(refs)) or "(none: the form spec did not load)"
        print(f"indberet: the form has no code list {list_name!r}; known: {known}", file=sys.stderr)
        return EXIT_UNUSABLE
    target = refs[list_name].file
    try:
        report = import_codelist(file, target, mode="extend" if extend else "replace")
    except CodeListError as error:
        print(f"indberet: {file} was not imported; {target.name} is unchanged:", file=sys.stderr)
        for found in error.problems:
            print(found, file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"indberet: cannot read {file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(
        f"{list_name}: {report.added} added, {report.changed} changed, {report.removed} removed "
        f"({report.total} codes in {target.name})"
    )
    return EXIT_OK


def _export(data_dir: Path, database: str, since_text: str | None) -> int:
    import datetime

    from engine.store import SQLITE_FILE, StoreError, default_url, open_store
    from engine.trays import export_lines

    since = None
    if since_text is not None:
        try:
            since = datetime.datetime.fromisoformat(since_text.strip())
        except ValueError:
            print(
                f"indberet: --since {since_text!r} is not a time: write e.g. 2026-05-01T08:00:00Z",
                file=sys.stderr,
            )
            return EXIT_UNUSABLE
        since = since if since.tzinfo else since.replace(tzinfo=datetime.UTC)
    if not database and not (data_dir / SQLITE_FILE).exists():
        print(
            f"indberet: no stored forms in {data_dir}: it has no {SQLITE_FILE} (give --data-dir)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    try:
        store = open_store(database or default_url(data_dir))
    except StoreError as error:
        print(f"indberet: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        out = getattr(sys.stdout, "buffer", None)
        for line in export_lines(store, since):
            if out is None:
                sys.stdout.write(line + "\n")
            else:
                out.write((line + "\n").encode("utf-8"))
        sys.stdout.flush()
    except StoreError as error:
        print(f"indberet: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    finally:
        store.close()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
