-- Which review made each stored result: a fingerprint of the review's
-- rules and settings and of the program's build (see reviewRules in
-- reviewed.go). A result made by another review (a new release with
-- changed rules) is not shown; the document is reviewed again the first
-- time a page asks.

ALTER TABLE review_results ADD COLUMN rules TEXT NOT NULL DEFAULT '';
