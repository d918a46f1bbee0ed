-- Monitoring sums each project's spending in the database, leaving out a
-- payment that a later record corrects (NOT EXISTS a record whose
-- replaces names it). Without an index on the corrections the planner
-- may answer that with a scan of every payment of the province for each
-- page or chunk of a walk. Corrections are few, so a partial index on
-- them alone is small and costs an import nothing (a new payment corrects
-- nothing): each check is a probe of it.

CREATE INDEX spending_corrections ON spending (project_id, replaces) WHERE replaces <> 0;
