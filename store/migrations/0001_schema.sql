-- Goal documents, their projects and indicators, and the records kept
-- against projects. One text for SQLite and PostgreSQL: {{id}} is the only
-- word that differs (an auto-numbered primary key), see dialect.go.
-- Money is BIGINT fen, Decimals BIGINT millionths, dates TEXT YYYY-MM-DD,
-- instants TEXT in UTC; seq keeps the source order.

CREATE TABLE units (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE documents (
	id         {{id}},
	unit_code  TEXT NOT NULL REFERENCES units (code) ON DELETE CASCADE,
	year       INTEGER NOT NULL,
	preset     TEXT NOT NULL DEFAULT '',
	version    BIGINT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL DEFAULT '',
	UNIQUE (unit_code, year)
);

CREATE TABLE goal_sections (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	heading     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, seq)
);

CREATE TABLE goal_items (
	document_id BIGINT NOT NULL,
	section_seq INTEGER NOT NULL,
	seq         INTEGER NOT NULL,
	text        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, section_seq, seq),
	FOREIGN KEY (document_id, section_seq) REFERENCES goal_sections (document_id, seq) ON DELETE CASCADE
);

CREATE TABLE project_goals (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	project     TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, seq)
);

CREATE TABLE measures (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	heading     TEXT NOT NULL DEFAULT '',
	text        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, seq)
);

CREATE TABLE projects (
	id          {{id}},
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	code        TEXT NOT NULL CHECK (code <> ''),
	name        TEXT NOT NULL DEFAULT '',
	budget      BIGINT NOT NULL DEFAULT 0,
	fiscal      BIGINT NOT NULL DEFAULT 0,
	other       BIGINT NOT NULL DEFAULT 0,
	purpose     TEXT NOT NULL DEFAULT '',
	goal        TEXT NOT NULL DEFAULT '',
	version     BIGINT NOT NULL,
	UNIQUE (document_id, code),
	UNIQUE (document_id, seq)
);

CREATE TABLE plan_points (
	project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	by_date    TEXT,
	percent    BIGINT NOT NULL,
	PRIMARY KEY (project_id, seq)
);

CREATE TABLE indicators (
	project_id       BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	seq              INTEGER NOT NULL,
	level1           TEXT NOT NULL DEFAULT '',
	level2           TEXT NOT NULL DEFAULT '',
	level3           TEXT NOT NULL DEFAULT '',
	description      TEXT NOT NULL DEFAULT '',
	value            TEXT NOT NULL DEFAULT '',
	basis            TEXT NOT NULL DEFAULT '',
	target_kind      TEXT NOT NULL DEFAULT '',
	target_op        TEXT NOT NULL DEFAULT '',
	target_number    BIGINT NOT NULL DEFAULT 0,
	target_unit      TEXT NOT NULL DEFAULT '',
	target_date      TEXT,
	target_direction TEXT NOT NULL DEFAULT '',
	target_flag      TEXT NOT NULL DEFAULT '',
	weight           BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (project_id, seq)
);

CREATE TABLE spending (
	id         {{id}},
	project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	paid_on    TEXT,
	amount     BIGINT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	replaces   BIGINT NOT NULL DEFAULT 0,
	entered_by TEXT NOT NULL DEFAULT '',
	entered_at TEXT NOT NULL DEFAULT '',
	UNIQUE (project_id, seq)
);

CREATE TABLE progress (
	id         {{id}},
	project_id BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	indicator  INTEGER NOT NULL CHECK (indicator > 0),
	as_of      TEXT,
	value      TEXT NOT NULL DEFAULT '',
	cause      TEXT NOT NULL DEFAULT '',
	likelihood TEXT NOT NULL DEFAULT '',
	measures   TEXT NOT NULL DEFAULT '',
	replaces   BIGINT NOT NULL DEFAULT 0,
	entered_by TEXT NOT NULL DEFAULT '',
	entered_at TEXT NOT NULL DEFAULT '',
	UNIQUE (project_id, seq)
);

CREATE TABLE evaluations (
	project_id      BIGINT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
	adjusted_budget BIGINT NOT NULL DEFAULT 0,
	executed        BIGINT NOT NULL DEFAULT 0,
	has_executed    BOOLEAN NOT NULL DEFAULT FALSE,
	reason          TEXT NOT NULL DEFAULT '',
	entered_by      TEXT NOT NULL DEFAULT '',
	entered_at      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE actuals (
	project_id BIGINT NOT NULL REFERENCES evaluations (project_id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	indicator  INTEGER NOT NULL CHECK (indicator > 0),
	value      TEXT NOT NULL DEFAULT '',
	grade      TEXT NOT NULL DEFAULT '',
	score      BIGINT NOT NULL DEFAULT 0,
	has_score  BOOLEAN NOT NULL DEFAULT FALSE,
	reason     TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (project_id, seq)
);
