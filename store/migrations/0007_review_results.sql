-- The review of each document's goals, kept current by the writer: every
-- save of the goals (SaveDocuments, SaveProject) reviews the whole
-- document it writes and replaces these rows in the same transaction, so
-- pages read a document's review instead of computing it on every view.
-- One row per project (seq = the project's position) with its grade, its
-- indicator count and its findings; seq 0 is the document as a whole:
-- the counts over all findings and the first errors and warnings in
-- document order. Findings are JSON arrays of review.Finding. A document
-- stored before this table existed has no rows; it is reviewed the first
-- time a page asks (see reviewed.go).

CREATE TABLE review_results (
	document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	code        TEXT NOT NULL DEFAULT '',
	grade       TEXT NOT NULL DEFAULT '',
	indicators  BIGINT NOT NULL DEFAULT 0,
	errors      BIGINT NOT NULL DEFAULT 0,
	warnings    BIGINT NOT NULL DEFAULT 0,
	infos       BIGINT NOT NULL DEFAULT 0,
	findings    TEXT NOT NULL DEFAULT '[]',
	PRIMARY KEY (document_id, seq)
);
