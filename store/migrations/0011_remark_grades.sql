-- A reviewer may grade a project themselves (优/良/中/差) beside the
-- review's own grade, which is advisory; '' keeps the review's grade.

ALTER TABLE review_remarks ADD COLUMN grade TEXT NOT NULL DEFAULT '';
