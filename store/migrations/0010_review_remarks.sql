-- The reviewer's own remarks in a document's review opinion (审核意见):
-- one per project (by code) and one for the document as a whole (project
-- code ''), written by the finance bureau beside the automatic findings.
-- version rises with every save, so that two reviewers saving from the
-- same page cannot overwrite each other unseen. A remark stays with its
-- document row; a project removed later keeps its remark unshown.

CREATE TABLE review_remarks (
	document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	project_code TEXT NOT NULL,
	body         TEXT NOT NULL,
	version      BIGINT NOT NULL,
	updated_by   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	PRIMARY KEY (document_id, project_code)
);
