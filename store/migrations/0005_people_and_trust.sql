-- People and trust: accounts, sessions, API tokens, the review state of
-- each unit's year, goal adjustments and the audit trail. Statements that
-- start with {{sqlite}} or {{postgres}} run on that engine only (see
-- forEngine); the rest run on both.

CREATE TABLE users (
	id            {{id}},
	username      TEXT NOT NULL UNIQUE CHECK (username <> ''),
	display_name  TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'editor', 'viewer')),
	units         TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	must_change   BOOLEAN NOT NULL DEFAULT FALSE,
	disabled      BOOLEAN NOT NULL DEFAULT FALSE,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until  TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

-- Only the SHA-256 of a session or API token is stored.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	last_seen  TEXT NOT NULL
);

CREATE TABLE api_tokens (
	id         {{id}},
	token_hash TEXT NOT NULL UNIQUE,
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	last_used  TEXT NOT NULL DEFAULT '',
	revoked_at TEXT NOT NULL DEFAULT ''
);

-- Where each unit's year stands in review, per track (goals, evaluation).
-- No row means draft.
CREATE TABLE workflow_state (
	unit_code  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	track      TEXT NOT NULL,
	state      TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (unit_code, year, track)
);

CREATE TABLE workflow_transitions (
	id         {{id}},
	unit_code  TEXT NOT NULL,
	year       INTEGER NOT NULL,
	track      TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state   TEXT NOT NULL,
	actor      TEXT NOT NULL,
	at         TEXT NOT NULL,
	comment    TEXT NOT NULL DEFAULT ''
);

CREATE INDEX workflow_transitions_key ON workflow_transitions (unit_code, year, track, id);

-- An adjustment (调整) of approved goals: recorded with its reason, used by
-- the next save that changes the goals (used_at set then).
CREATE TABLE goal_adjustments (
	id        {{id}},
	unit_code TEXT NOT NULL,
	year      INTEGER NOT NULL,
	actor     TEXT NOT NULL,
	at        TEXT NOT NULL,
	reason    TEXT NOT NULL CHECK (reason <> ''),
	used_at   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX goal_adjustments_key ON goal_adjustments (unit_code, year, used_at);

-- The audit trail: append-only, each entry chained to the one before by
-- hash = SHA-256(prev_hash + canonical fields). audit_head holds the last
-- seq and hash; taking its row lock serializes the appends.
CREATE TABLE audit_log (
	seq         BIGINT PRIMARY KEY,
	at          TEXT NOT NULL,
	actor       TEXT NOT NULL,
	action      TEXT NOT NULL,
	unit_code   TEXT NOT NULL DEFAULT '',
	year        INTEGER NOT NULL DEFAULT 0,
	project     TEXT NOT NULL DEFAULT '',
	object      TEXT NOT NULL DEFAULT '',
	before_json TEXT NOT NULL DEFAULT '',
	after_json  TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);

CREATE INDEX audit_log_object ON audit_log (unit_code, year, seq);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT NOT NULL,
	hash TEXT NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

{{sqlite}} CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

{{sqlite}} CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

{{postgres}} CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;

{{postgres}} CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

{{postgres}} CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
