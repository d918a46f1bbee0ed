-- Every saved version of a project's self-evaluation (自评), append-only:
-- who saved it, when, and the evaluation before and after as JSON in the
-- shape of the exchange format's "evaluation" section. version counts the
-- saves of the project's evaluation and is what a stale page is checked
-- against; UNIQUE makes two saves of the same version impossible.

CREATE TABLE evaluation_history (
	id          {{id}},
	project_id  BIGINT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	version     BIGINT NOT NULL CHECK (version > 0),
	changed_by  TEXT NOT NULL DEFAULT '',
	changed_at  TEXT NOT NULL,
	before_json TEXT NOT NULL DEFAULT '',
	after_json  TEXT NOT NULL,
	UNIQUE (project_id, version)
);
