-- 发展党员: the county's path in editions (issue 16). A save is a new edition; a person's path keeps
-- the edition it was opened under (NULL: the national default), so a county that changes its
-- intervals or checkpoints does not change the rules of people already on the way. Each step may
-- carry a time limit (dueMonths after the previous step) and the path how many days before it a
-- warning starts (warnDays): overdue and due-soon warnings are computed from these, never stored.
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

CREATE TABLE development_path_editions (
  county_id  bigint NOT NULL REFERENCES orgs (id),
  edition    int NOT NULL CHECK (edition >= 1),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  config     jsonb NOT NULL CHECK (jsonb_typeof(config) = 'object'),
  saved_by   bigint,
  saved_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, edition)
);

-- a path saved before editions is edition 1; the people on it keep it
INSERT INTO development_path_editions (county_id, edition, name, config, saved_at)
  SELECT county_id, 1, name, config, updated_at FROM development_paths;

ALTER TABLE member_developments ADD COLUMN path_edition int;
UPDATE member_developments d SET path_edition = 1
 WHERE EXISTS (SELECT 1 FROM development_paths p WHERE p.county_id = d.county_id);
ALTER TABLE member_developments ADD CONSTRAINT member_developments_path_edition_fk
  FOREIGN KEY (county_id, path_edition) REFERENCES development_path_editions (county_id, edition);

DROP TABLE development_paths;

-- An edition people were opened under is their rule book: never changed or deleted in place.
CREATE FUNCTION development_path_editions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a development path edition is never changed: save a new edition' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER development_path_editions_frozen BEFORE UPDATE OR DELETE ON development_path_editions
  FOR EACH ROW EXECUTE FUNCTION development_path_editions_frozen();
