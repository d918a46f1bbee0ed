-- When a work record's matter was closed (the lab's result, the
-- published inspection result, the decision on a tip-off), so that its
-- working-day deadline can be checked; '' while open. (The record's own
-- date is done_on.) A measure may count only the records closed on time.

ALTER TABLE work_records ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';

ALTER TABLE indicator_measures ADD COLUMN on_time INTEGER NOT NULL DEFAULT 0;
