-- A share counted from the ledger may be of a fixed base (the 50 key
-- enterprises a county checks) instead of the kind's own records; 0 for
-- none.

ALTER TABLE indicator_measures ADD COLUMN base BIGINT NOT NULL DEFAULT 0;
