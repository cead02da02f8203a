"""The database schema, as numbered migrations applied in order; each backend has its own SQL.

A database remembers the migrations applied to it in ``schema_migrations``. Opening a store applies the
missing ones, each in a transaction; a database with a migration this version does not know was made by a
newer version and is refused. Add a migration at the end; never change one that has shipped.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from engine.store.base import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sqlite: str
    postgresql: str


# Migration 4's tables, the same on both backends but for the type of a time ({T}) and a generated id ({ID}).
_ACCOUNTS = """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,      -- lower case
                name TEXT NOT NULL,
                password_hash TEXT,                 -- argon2id, or NULL: no local password (OIDC only)
                administrator INTEGER NOT NULL,
                active INTEGER NOT NULL,
                external_id TEXT UNIQUE,            -- OpenID Connect: issuer|subject
                created_at {T} NOT NULL
            );
            CREATE TABLE user_groups (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at {T} NOT NULL
            );
            CREATE TABLE memberships (
                user_id TEXT NOT NULL REFERENCES users (id),
                group_id TEXT NOT NULL REFERENCES user_groups (id),
                roles TEXT NOT NULL,                -- the roles in the group, sorted, comma-separated
                PRIMARY KEY (user_id, group_id)
            );
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,        -- SHA-256 of the cookie token (not the token)
                user_id TEXT NOT NULL REFERENCES users (id),
                csrf TEXT NOT NULL,
                group_id TEXT,
                created_at {T} NOT NULL,
                seen_at {T} NOT NULL,
                ended_at {T}
            );
            CREATE INDEX sessions_user ON sessions (user_id);
            CREATE TABLE role_requests (
                id {ID},
                user_id TEXT NOT NULL REFERENCES users (id),
                group_id TEXT NOT NULL REFERENCES user_groups (id),
                role TEXT NOT NULL,
                at {T} NOT NULL,
                state TEXT NOT NULL,                -- pending, approved, rejected
                decided_by TEXT,
                decided_at {T},
                reason TEXT
            );
            CREATE INDEX role_requests_state ON role_requests (state, id);
            CREATE TABLE messages (
                id {ID},
                at {T} NOT NULL,
                user_id TEXT,                       -- to one user, or
                group_id TEXT,                      -- to every member of a group
                subject TEXT NOT NULL,
                body TEXT NOT NULL
            );
            CREATE INDEX messages_user ON messages (user_id, id);
            CREATE INDEX messages_group ON messages (group_id, id);
            CREATE TABLE message_reads (
                message_id BIGINT NOT NULL,
                user_id TEXT NOT NULL,
                PRIMARY KEY (message_id, user_id)
            );
            CREATE TABLE account_audit (
                id {ID},
                at {T} NOT NULL,
                user_id TEXT,                       -- who acted (NULL: an anonymous attempt)
                username TEXT,                      -- the name typed, kept as untrusted text
                client TEXT,
                event TEXT NOT NULL,
                details TEXT NOT NULL               -- JSON
            );
            CREATE INDEX account_audit_at ON account_audit (at, id);
        """

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "audit of CPR look-ups",
        sqlite="""
            CREATE TABLE cpr_access (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,           -- UTC, ISO 8601
                cpr TEXT NOT NULL,
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT
            );
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
        postgresql="""
            CREATE TABLE cpr_access (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TIMESTAMPTZ NOT NULL,
                cpr TEXT NOT NULL,
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT
            );
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
    ),
    Migration(
        2,
        "the audit keeps text that is not a CPR number apart from the numbers",
        # SQLite cannot drop NOT NULL or add a CHECK to a table: it is made anew, its rows copied.
        sqlite="""
            CREATE TABLE cpr_access_2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                cpr TEXT CHECK (cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'),
                outcome TEXT NOT NULL,
                user_id TEXT,
                client TEXT,
                not_a_number TEXT,
                CHECK ((cpr IS NULL) <> (not_a_number IS NULL))
            );
            INSERT INTO cpr_access_2 (id, at, cpr, outcome, user_id, client, not_a_number)
                SELECT id, at,
                    CASE WHEN cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'
                        THEN cpr END,
                    outcome, user_id, client,
                    CASE WHEN cpr GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'
                        THEN NULL ELSE cpr END
                FROM cpr_access;
            DROP TABLE cpr_access;
            ALTER TABLE cpr_access_2 RENAME TO cpr_access;
            CREATE INDEX cpr_access_cpr ON cpr_access (cpr, id);
        """,
        postgresql="""
            ALTER TABLE cpr_access ALTER COLUMN cpr DROP NOT NULL;
            ALTER TABLE cpr_access ADD COLUMN not_a_number TEXT;
            UPDATE cpr_access SET not_a_number = cpr, cpr = NULL WHERE cpr !~ '^[0-9]{6}-[0-9A-Z]{4}$';
            ALTER TABLE cpr_access ADD CONSTRAINT cpr_access_cpr_well_formed
                CHECK (cpr ~ '^[0-9]{6}-[0-9A-Z]{4}$');
            ALTER TABLE cpr_access ADD CONSTRAINT cpr_access_number_or_text
                CHECK ((cpr IS NULL) <> (not_a_number IS NULL));
        """,
    ),
    Migration(
        3,
        "stored forms, the versions the registry received, the audit of forms",
        # One index per way a list is read: a tray (group, state, newest change first), »Skemaer« sorted by
        # each of its columns within a group and form type (keyset: the column, then the id), and CPR søgning
        # (one number in the user's groups). Each »Skemaer« index carries the other columns a list filters
        # by, so that a filter on one column with the order of another is judged from an index alone,
        # without reading a form's row (and its payload) until the page's ids are known. A stored CPR number
        # compares byte by byte ("C"), so that its ranges and order are the same in both databases.
        # tray_counts: how many forms each tray of a group holds, kept in step by every write, so that the
        # counters never count 100,000 rows.
        sqlite="""
            CREATE TABLE forms (
                id TEXT PRIMARY KEY,
                form_type TEXT NOT NULL,
                group_id TEXT NOT NULL,
                state TEXT NOT NULL,
                payload TEXT NOT NULL,          -- JSON
                version INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                created_at TEXT NOT NULL,       -- UTC, ISO 8601
                created_by TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                spec_version TEXT NOT NULL,
                errors INTEGER NOT NULL,
                warnings INTEGER NOT NULL,
                cpr TEXT NOT NULL,              -- DDMMYY-SSSS, or '' when the form holds no CPR number
                locked TEXT NOT NULL,           -- JSON: field -> value when locked
                lookup_cpr TEXT,
                lookup_outcome TEXT,
                lookup_at TEXT,
                lookup_by TEXT,
                lookup_person TEXT              -- JSON
            );
            CREATE INDEX forms_tray ON forms (group_id, state, changed_at, id);
            CREATE INDEX forms_cpr_search ON forms (cpr, group_id);
            CREATE INDEX forms_by_cpr
                ON forms (group_id, form_type, cpr, id, state, version, created_at, changed_at);
            CREATE INDEX forms_by_state
                ON forms (group_id, form_type, state, id, cpr, version, created_at, changed_at);
            CREATE INDEX forms_by_version
                ON forms (group_id, form_type, version, id, cpr, state, created_at, changed_at);
            CREATE INDEX forms_by_created
                ON forms (group_id, form_type, created_at, id, cpr, state, version, changed_at);
            CREATE INDEX forms_by_changed
                ON forms (group_id, form_type, changed_at, id, cpr, state, version, created_at);
            CREATE TABLE form_versions (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                form_id TEXT NOT NULL,
                form_type TEXT NOT NULL,
                group_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                state TEXT NOT NULL,
                action TEXT NOT NULL,
                at TEXT NOT NULL,
                user_id TEXT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX form_versions_form ON form_versions (form_id, seq);
            CREATE INDEX form_versions_at ON form_versions (at, seq);
            CREATE TABLE form_audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                form_id TEXT,
                user_id TEXT NOT NULL,
                client TEXT,
                event TEXT NOT NULL,
                action TEXT,
                details TEXT NOT NULL
            );
            CREATE INDEX form_audit_form ON form_audit (form_id, id);
            CREATE INDEX form_audit_at ON form_audit (at, id);
            CREATE TABLE tray_counts (
                group_id TEXT NOT NULL,
                form_type TEXT NOT NULL,
                state TEXT NOT NULL,
                forms INTEGER NOT NULL,
                PRIMARY KEY (group_id, form_type, state)
            );
        """,
        postgresql="""
            CREATE TABLE forms (
                id TEXT COLLATE "C" PRIMARY KEY,
                form_type TEXT COLLATE "C" NOT NULL,
                group_id TEXT COLLATE "C" NOT NULL,
                state TEXT COLLATE "C" NOT NULL,
                payload TEXT NOT NULL,
                version INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                created_by TEXT NOT NULL,
                changed_at TIMESTAMPTZ NOT NULL,
                changed_by TEXT NOT NULL,
                spec_version TEXT NOT NULL,
                errors INTEGER NOT NULL,
                warnings INTEGER NOT NULL,
                cpr TEXT COLLATE "C" NOT NULL,
                locked TEXT NOT NULL,
                lookup_cpr TEXT,
                lookup_outcome TEXT,
                lookup_at TIMESTAMPTZ,
                lookup_by TEXT,
                lookup_person TEXT
            );
            CREATE INDEX forms_tray ON forms (group_id, state, changed_at, id);
            CREATE INDEX forms_cpr_search ON forms (cpr, group_id);
            CREATE INDEX forms_by_cpr
                ON forms (group_id, form_type, cpr, id) INCLUDE (state, version, created_at, changed_at);
            CREATE INDEX forms_by_state
                ON forms (group_id, form_type, state, id) INCLUDE (cpr, version, created_at, changed_at);
            CREATE INDEX forms_by_version
                ON forms (group_id, form_type, version, id) INCLUDE (cpr, state, created_at, changed_at);
            CREATE INDEX forms_by_created
                ON forms (group_id, form_type, created_at, id) INCLUDE (cpr, state, version, changed_at);
            CREATE INDEX forms_by_changed
                ON forms (group_id, form_type, changed_at, id) INCLUDE (cpr, state, version, created_at);
            CREATE TABLE form_versions (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                form_id TEXT NOT NULL,
                form_type TEXT NOT NULL,
                group_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                state TEXT NOT NULL,
                action TEXT NOT NULL,
                at TIMESTAMPTZ NOT NULL,
                user_id TEXT NOT NULL,
                payload TEXT NOT NULL
            );
            CREATE INDEX form_versions_form ON form_versions (form_id, seq);
            CREATE INDEX form_versions_at ON form_versions (at, seq);
            CREATE TABLE form_audit (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TIMESTAMPTZ NOT NULL,
                form_id TEXT,
                user_id TEXT NOT NULL,
                client TEXT,
                event TEXT NOT NULL,
                action TEXT,
                details TEXT NOT NULL
            );
            CREATE INDEX form_audit_form ON form_audit (form_id, id);
            CREATE INDEX form_audit_at ON form_audit (at, id);
            CREATE TABLE tray_counts (
                group_id TEXT COLLATE "C" NOT NULL,
                form_type TEXT COLLATE "C" NOT NULL,
                state TEXT COLLATE "C" NOT NULL,
                forms INTEGER NOT NULL,
                PRIMARY KEY (group_id, form_type, state)
            );
        """,
    ),
    Migration(
        4,
        "accounts: users, user groups, roles per group, sessions, role requests, messages, their audit",
        # A role is one of the spec's workflow.roles; a membership without roles lets a user see the group
        # (A03: a new user is a member of a group). Sessions live here so that logging out, deactivating a
        # user or changing their roles acts on the next request of every app server.
        sqlite=_ACCOUNTS.replace("{T}", "TEXT").replace("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        postgresql=_ACCOUNTS.replace("{T}", "TIMESTAMPTZ").replace(
            "{ID}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
        ),
    ),
    Migration(
        5,
        "a user's CPR look-ups by time, for the limit every app server counts alike",
        sqlite="CREATE INDEX cpr_access_user ON cpr_access (user_id, at);",
        postgresql="CREATE INDEX cpr_access_user ON cpr_access (user_id, at);",
    ),
    Migration(
        6,
        "failed logins by the name typed, for the limit every app server counts alike",
        # login_key: the typed name as a login compares it (trimmed, lower case), on failed logins only
        sqlite="""
            ALTER TABLE account_audit ADD COLUMN login_key TEXT;
            CREATE INDEX account_audit_login ON account_audit (login_key, at) WHERE login_key IS NOT NULL;
        """,
        postgresql="""
            ALTER TABLE account_audit ADD COLUMN login_key TEXT;
            CREATE INDEX account_audit_login ON account_audit (login_key, at) WHERE login_key IS NOT NULL;
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def pending(applied: Collection[int]) -> tuple[Migration, ...]:
    """The migrations a database with ``applied`` still needs, in order; StoreError when it has one this
    version does not know (a newer indberet made it)."""
    if applied and max(applied) > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {max(applied)}, made by a newer indberet (this one knows up "
            f"to {SCHEMA_VERSION})",
            "upgrade indberet, or give another database",
        )
    return tuple(migration for migration in MIGRATIONS if migration.version not in applied)
