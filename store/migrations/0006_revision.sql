-- A revision on each document's row, raised in the same transaction by
-- every write that changes anything its pages show: a save of the goals
-- (SaveDocuments, SaveProject), spending and progress records, a
-- self-evaluation, a workflow move or an adjustment (see bumpRevision in
-- revision.go). Pages cache what they compute from a document under its
-- revision, so one indexed read tells them whether the cache is current.
-- Statements that start with {{sqlite}} or {{postgres}} run on that
-- engine only.

ALTER TABLE documents ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- The unit's name is shown on every page of each of its documents and is
-- kept once, in units: renaming it (a save of any year's document with a
-- new name) raises the revision of all of them.
{{sqlite}} CREATE TRIGGER units_rename_revision AFTER UPDATE OF name ON units WHEN old.name IS NOT new.name BEGIN UPDATE documents SET revision = revision + 1 WHERE unit_code = new.code; END;

{{postgres}} CREATE FUNCTION units_rename_revision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE documents SET revision = revision + 1 WHERE unit_code = NEW.code; RETURN NEW; END $$;

{{postgres}} CREATE TRIGGER units_rename_revision AFTER UPDATE OF name ON units FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION units_rename_revision();
