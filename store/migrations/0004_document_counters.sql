-- Counters kept on each document's row so that the list of documents (the
-- home page) reads one row per document instead of counting the projects
-- and indicators tables on every call. Every write that changes a
-- document's projects, indicators or budgets sets them again in the same
-- transaction (see recount in counters.go).

ALTER TABLE documents ADD COLUMN project_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN indicator_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN budget_total BIGINT NOT NULL DEFAULT 0;

UPDATE documents SET
	project_count = (SELECT COUNT(*) FROM projects p WHERE p.document_id = documents.id),
	budget_total = (SELECT COALESCE(SUM(p.budget), 0) FROM projects p WHERE p.document_id = documents.id),
	indicator_count = (SELECT COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id
	                   WHERE p.document_id = documents.id);
