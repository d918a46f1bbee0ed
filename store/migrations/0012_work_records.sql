-- The regulator's own work records (工作台账, package ledger): sampling
-- batches, 双随机 inspections, tip-offs, special-equipment checks, kept
-- with the unit's document of the year they were done in. Records are
-- added, corrected and withdrawn; the audit trail keeps every version.

CREATE TABLE work_records (
	id          {{id}},
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	done_on     TEXT NOT NULL,
	ref         TEXT NOT NULL DEFAULT '',
	subject     TEXT NOT NULL,
	item        TEXT NOT NULL DEFAULT '',
	outcome     TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	entered_by  TEXT NOT NULL,
	entered_at  TEXT NOT NULL
);

CREATE INDEX work_records_document ON work_records (document_id, kind, done_on);

-- An indicator whose actual is counted from the work records: the
-- project by code and the indicator by position, with the indicator's
-- 三级指标 when bound so that a binding left behind by an edit of the goal
-- table is noticed instead of counting into the wrong indicator.
-- outcomes are the counted outcomes, one per line.

CREATE TABLE indicator_measures (
	document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	project_code TEXT NOT NULL,
	indicator    INTEGER NOT NULL,
	name         TEXT NOT NULL,
	kind         TEXT NOT NULL,
	subjects     INTEGER NOT NULL DEFAULT 0,
	outcomes     TEXT NOT NULL DEFAULT '',
	share        INTEGER NOT NULL DEFAULT 0,
	entered_by   TEXT NOT NULL,
	entered_at   TEXT NOT NULL,
	PRIMARY KEY (document_id, project_code, indicator)
);
