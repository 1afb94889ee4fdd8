-- Issue 15 (results15; bench/README.md "Ninth session"): the results board of a county read every
-- score sheet of the year — its case (for the status), its sheet row (for the revision and the
-- figures) and its scheme (for the year and unit type) —, picked the newest counting revision of
-- each scheme, unit and month with DISTINCT ON, twice per request (the year's trend, then the
-- shown month). The board only ever shows that row, so the database keeps it:
--
--   assessment_result_rows: per scheme, unit and month (subject_kind 'org'), the newest revision
--   whose case is published, appealed or locked (SHEET_RESULT_STATES) — its sheet id, the case's
--   county and path, the scheme's year and unit type, the sheet's total, maximum and veto, and the
--   township on the case's path (the org of type township among the path's ids: what the board
--   looked up per row; an org's type never changes, its name is read with the board).
--
-- A key with no counting revision has no row. Kept in the same statement as every write that can
-- change which revision counts or what it shows, by the database (the app, the demo, the bench's
-- seeding and SQL by hand alike):
--   * score_sheets insert / update / delete: statement-level triggers with transition tables (a
--     batch of sheets — 一键生成, an import, the bench's seeding — is one refresh of its keys);
--   * cases: a row-level trigger that fires only when a score sheet's case changes whether it counts
--     (its status in or out of the counting states) or its path or county. Row-level with a WHEN
--     on purpose: every other case type's updates (ledger, requests, flows: the hot writes) pay
--     nothing — no transition table, no function call — and a sheet's status changes one at a time
--     (the case engine fires one transition per statement).
-- assessment_schemes needs none: a scheme's year and unit type are fixed at creation (saveScheme
-- edits name, points and tree; a published scheme is frozen, migration 120). results.test.ts
-- compares the board from these rows with the board computed from the sheets after every kind of
-- change, and fails when a trigger is missing.
CREATE TABLE assessment_result_rows (
  scheme_id  bigint NOT NULL,
  org_id     bigint NOT NULL,
  period     text NOT NULL,
  county_id  bigint NOT NULL,
  year       int NOT NULL,
  unit_type  text NOT NULL,
  org_path   text NOT NULL,
  township_id bigint,
  sheet_id   bigint NOT NULL,
  total      float8 NOT NULL,
  max_total  float8 NOT NULL,
  vetoed     boolean NOT NULL,
  PRIMARY KEY (scheme_id, org_id, period)
);
-- The board's read: a county's year (and month), everything it shows in the index.
CREATE INDEX assessment_result_rows_board ON assessment_result_rows (county_id, year, period, unit_type)
  INCLUDE (org_path, sheet_id, org_id, township_id, total, max_total, vetoed);

-- The township on a path: the org of type township among its ids (NULL: none).
CREATE FUNCTION assessment_township_on(case_path text) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT o.id FROM orgs o WHERE o.id = ANY(string_to_array(trim(both '/' from case_path), '/')::bigint[]) AND o.type = 'township' LIMIT 1
$$;

-- Recomputes the rows of the given keys from the sheets: the newest counting revision of each, or
-- no row. Keys are written in order (two transactions touching the same keys lock them alike);
-- an unchanged row is not rewritten.
CREATE FUNCTION assessment_result_rows_refresh(k_scheme bigint[], k_org bigint[], k_period text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM assessment_result_rows r
   USING unnest(k_scheme, k_org, k_period) AS k(scheme_id, org_id, period)
   WHERE r.scheme_id = k.scheme_id AND r.org_id = k.org_id AND r.period = k.period
     AND NOT EXISTS (
       SELECT 1 FROM score_sheets s JOIN cases c ON c.id = s.case_id
        WHERE s.scheme_id = k.scheme_id AND s.subject_kind = 'org' AND s.subject_id = k.org_id AND s.period = k.period
          AND c.case_type = 'score_sheet' AND c.status IN ('published', 'appealed', 'locked'));
  INSERT INTO assessment_result_rows AS r (scheme_id, org_id, period, county_id, year, unit_type, org_path, township_id, sheet_id, total, max_total, vetoed)
  SELECT DISTINCT ON (s.scheme_id, s.org_id, s.period) s.scheme_id, s.org_id, s.period, c.county_id, sc.year, sc.unit_type, c.org_path,
         assessment_township_on(c.org_path), c.id,
         s.total::float8, s.max_total::float8, s.veto IS NOT NULL
    FROM (SELECT DISTINCT * FROM unnest(k_scheme, k_org, k_period) AS k(scheme_id, org_id, period)) k
    JOIN score_sheets s ON s.scheme_id = k.scheme_id AND s.subject_kind = 'org' AND s.subject_id = k.org_id AND s.period = k.period
    JOIN cases c ON c.id = s.case_id
    JOIN assessment_schemes sc ON sc.id = s.scheme_id
   WHERE c.case_type = 'score_sheet' AND c.status IN ('published', 'appealed', 'locked')
   ORDER BY s.scheme_id, s.org_id, s.period, s.revision DESC
  ON CONFLICT (scheme_id, org_id, period) DO UPDATE
     SET county_id = EXCLUDED.county_id, year = EXCLUDED.year, unit_type = EXCLUDED.unit_type, org_path = EXCLUDED.org_path, township_id = EXCLUDED.township_id,
         sheet_id = EXCLUDED.sheet_id, total = EXCLUDED.total, max_total = EXCLUDED.max_total, vetoed = EXCLUDED.vetoed
   WHERE (r.county_id, r.year, r.unit_type, r.org_path, r.township_id, r.sheet_id, r.total, r.max_total, r.vetoed)
         IS DISTINCT FROM (EXCLUDED.county_id, EXCLUDED.year, EXCLUDED.unit_type, EXCLUDED.org_path, EXCLUDED.township_id, EXCLUDED.sheet_id, EXCLUDED.total, EXCLUDED.max_total, EXCLUDED.vetoed);
END $$;

-- The backfill: every counting sheet so far, in one set-based statement.
INSERT INTO assessment_result_rows (scheme_id, org_id, period, county_id, year, unit_type, org_path, township_id, sheet_id, total, max_total, vetoed)
SELECT DISTINCT ON (s.scheme_id, s.org_id, s.period) s.scheme_id, s.org_id, s.period, c.county_id, sc.year, sc.unit_type, c.org_path,
       assessment_township_on(c.org_path), c.id,
       s.total::float8, s.max_total::float8, s.veto IS NOT NULL
  FROM score_sheets s JOIN cases c ON c.id = s.case_id JOIN assessment_schemes sc ON sc.id = s.scheme_id
 WHERE s.subject_kind = 'org' AND c.case_type = 'score_sheet' AND c.status IN ('published', 'appealed', 'locked')
 ORDER BY s.scheme_id, s.org_id, s.period, s.revision DESC;

-- score_sheets: the keys of the rows a statement wrote, before and after (one function per event:
-- each sees only its own transition tables).
CREATE FUNCTION assessment_result_rows_sheets_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_rows_refresh(array_agg(n.scheme_id), array_agg(n.org_id), array_agg(n.period))
     FROM assessment_result_rows_new n WHERE n.subject_kind = 'org' HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_rows_sheets_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_rows_refresh(array_agg(k.scheme_id), array_agg(k.org_id), array_agg(k.period))
     FROM (SELECT n.scheme_id, n.org_id, n.period FROM assessment_result_rows_new n WHERE n.subject_kind = 'org'
           UNION SELECT o.scheme_id, o.org_id, o.period FROM assessment_result_rows_old o WHERE o.subject_kind = 'org') k
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_rows_sheets_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_rows_refresh(array_agg(o.scheme_id), array_agg(o.org_id), array_agg(o.period))
     FROM assessment_result_rows_old o WHERE o.subject_kind = 'org' HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_rows_ins AFTER INSERT ON score_sheets
  REFERENCING NEW TABLE AS assessment_result_rows_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_rows_sheets_ins();
CREATE TRIGGER assessment_result_rows_upd AFTER UPDATE ON score_sheets
  REFERENCING OLD TABLE AS assessment_result_rows_old NEW TABLE AS assessment_result_rows_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_rows_sheets_upd();
CREATE TRIGGER assessment_result_rows_del AFTER DELETE ON score_sheets
  REFERENCING OLD TABLE AS assessment_result_rows_old FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_rows_sheets_del();

-- TRUNCATE has no rows to pass: the rows go with the sheets.
CREATE FUNCTION assessment_result_rows_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM assessment_result_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_rows_truncate AFTER TRUNCATE ON score_sheets FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_rows_truncate();

-- cases: a score sheet's case that starts or stops counting, or changes its path or county.
CREATE FUNCTION assessment_result_rows_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_rows_refresh(ARRAY[s.scheme_id], ARRAY[s.org_id], ARRAY[s.period])
     FROM score_sheets s WHERE s.case_id = NEW.id AND s.subject_kind = 'org';
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_rows_case AFTER UPDATE OF status, org_path, county_id ON cases
  FOR EACH ROW WHEN (NEW.case_type = 'score_sheet' AND (
    (OLD.status IN ('published', 'appealed', 'locked')) IS DISTINCT FROM (NEW.status IN ('published', 'appealed', 'locked'))
    OR OLD.org_path IS DISTINCT FROM NEW.org_path OR OLD.county_id IS DISTINCT FROM NEW.county_id))
  EXECUTE FUNCTION assessment_result_rows_case();

ANALYZE assessment_result_rows;
