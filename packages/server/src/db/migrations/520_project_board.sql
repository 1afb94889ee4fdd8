-- Issue 17 (projects17c; bench/README.md "Tenth session"): the county project board read, per
-- request, each of the year's projects' case by key on core's `cases` (1,296 of its 1,927 buffers on
-- the bench county) and probed dispatch's `assignments` per unit for the unanswered reports. What the
-- board shows of a project is small and changes only when something is written, except "late" and
-- "overdue", which change with the calendar — so the database keeps the written part and the board
-- compares the dates with today:
--
--   project_board_rows  one row per project: its county and year (projects), its unit, path, title and
--                       status (its case). The board's projects are an index range of these.
--   project_board_due   one row per *open* dated item of a project: a monthly report not answered yet
--                       (kind 'report', ref_id its request, label its period, due_on the request's due
--                       date) and a milestone not done (kind 'milestone', ref_id the milestone, label its
--                       title, due_on its date), with the project's county, year, unit, path and title
--                       (so the board reads it without joining the projects: no join whose plan depends
--                       on how many projects the planner expects). Late / overdue is `due_on < today`:
--                       a new day needs no write.
--
-- Both are exactly a function of the sources: `project_board_refresh(ids)` recomputes the rows of the
-- given projects (an unchanged row is not rewritten), and every write that can change them runs it in
-- the same statement, by the database — the app, the demo, the bench's seeding and SQL by hand alike:
--   * projects (county, year), project_milestones, project_reports: this module's own tables;
--   * cases (row-level, only a project's case whose status, title, unit or path changes: every other
--     case type's updates pay nothing but the WHEN);
--   * assignments (row-level, only when a request's status or due date changes: answering a request is
--     one row a statement; a request that is no project's report costs one probe of
--     project_reports_assignment_idx). Answering is dispatch's route, not this module's, so only the
--     database can keep the board's "not answered" in the same transaction (docs/decisions.md).
-- Refreshes of one project serialize on its `projects` row (FOR NO KEY UPDATE, held to commit), so the
-- last to refresh reads every other's committed writes: two transactions writing different sources of
-- one project (a report answered while a milestone is done) cannot leave a stale row behind.
-- project-board-kept.test.ts compares the board with the records after every kind of change, and
-- fails with any trigger dropped.
CREATE TABLE project_board_rows (
  case_id    bigint PRIMARY KEY,
  county_id  bigint NOT NULL,
  year       int NOT NULL,
  org_id     bigint NOT NULL,
  org_path   text NOT NULL,
  status     text NOT NULL,
  title      text NOT NULL
);
CREATE INDEX project_board_rows_year_idx ON project_board_rows (county_id, year);

CREATE TABLE project_board_due (
  project_id bigint NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('report', 'milestone')),
  ref_id     bigint NOT NULL,
  county_id  bigint NOT NULL,
  year       int NOT NULL,
  due_on     date NOT NULL,
  label      text NOT NULL,
  org_id     bigint NOT NULL,
  org_path   text NOT NULL,
  title      text NOT NULL,
  PRIMARY KEY (project_id, kind, ref_id)
);
-- The board's read: a county's year, what fell due before today.
CREATE INDEX project_board_due_idx ON project_board_due (county_id, year, due_on);

CREATE FUNCTION project_board_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  -- one refresh of a project at a time, to commit (the statements below then read a fresh snapshot)
  PERFORM 1 FROM projects p WHERE p.case_id = ANY(ids) ORDER BY p.case_id FOR NO KEY UPDATE;
  DELETE FROM project_board_rows b WHERE b.case_id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.case_id = b.case_id);
  INSERT INTO project_board_rows AS b (case_id, county_id, year, org_id, org_path, status, title)
  SELECT p.case_id, p.county_id, p.year, c.org_id, c.org_path, c.status, c.title
    FROM projects p JOIN cases c ON c.id = p.case_id
   WHERE p.case_id = ANY(ids) ORDER BY p.case_id
  ON CONFLICT (case_id) DO UPDATE
     SET county_id = EXCLUDED.county_id, year = EXCLUDED.year, org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path, status = EXCLUDED.status, title = EXCLUDED.title
   WHERE (b.county_id, b.year, b.org_id, b.org_path, b.status, b.title)
         IS DISTINCT FROM (EXCLUDED.county_id, EXCLUDED.year, EXCLUDED.org_id, EXCLUDED.org_path, EXCLUDED.status, EXCLUDED.title);
  WITH pc AS MATERIALIZED (
    SELECT p.case_id, p.county_id, p.year, c.org_id, c.org_path, c.title FROM projects p JOIN cases c ON c.id = p.case_id WHERE p.case_id = ANY(ids)),
  want AS MATERIALIZED (
    SELECT m.project_id, 'milestone'::text AS kind, m.id AS ref_id, pc.county_id, pc.year, m.due_on, m.title AS label, pc.org_id, pc.org_path, pc.title
      FROM project_milestones m JOIN pc ON pc.case_id = m.project_id
     WHERE m.project_id = ANY(ids) AND m.done_on IS NULL
    UNION ALL
    -- a request not answered (dispatch's 'pending': requestSql.late / waiting)
    SELECT r.project_id, 'report', a.id, pc.county_id, pc.year, a.due_date, r.period, pc.org_id, pc.org_path, pc.title
      FROM project_reports r JOIN assignments a ON a.id = r.assignment_id JOIN pc ON pc.case_id = r.project_id
     WHERE r.project_id = ANY(ids) AND a.status = 'pending'),
  gone AS (
    DELETE FROM project_board_due d
     WHERE d.project_id = ANY(ids)
       AND NOT EXISTS (SELECT 1 FROM want w WHERE w.project_id = d.project_id AND w.kind = d.kind AND w.ref_id = d.ref_id))
  INSERT INTO project_board_due AS d (project_id, kind, ref_id, county_id, year, due_on, label, org_id, org_path, title)
  SELECT w.project_id, w.kind, w.ref_id, w.county_id, w.year, w.due_on, w.label, w.org_id, w.org_path, w.title FROM want w ORDER BY w.project_id, w.kind, w.ref_id
  ON CONFLICT (project_id, kind, ref_id) DO UPDATE
     SET county_id = EXCLUDED.county_id, year = EXCLUDED.year, due_on = EXCLUDED.due_on, label = EXCLUDED.label,
         org_id = EXCLUDED.org_id, org_path = EXCLUDED.org_path, title = EXCLUDED.title
   WHERE (d.county_id, d.year, d.due_on, d.label, d.org_id, d.org_path, d.title)
         IS DISTINCT FROM (EXCLUDED.county_id, EXCLUDED.year, EXCLUDED.due_on, EXCLUDED.label, EXCLUDED.org_id, EXCLUDED.org_path, EXCLUDED.title);
END $$;

-- The backfill: every project so far, set-based, once.
SELECT project_board_refresh(array_agg(case_id)) FROM projects;

-- Statement-level triggers of this module's tables: the projects a statement touched, before and
-- after (one function per table and event: each sees only its own transition tables).
CREATE FUNCTION project_board_projects_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(DISTINCT n.case_id)) FROM project_board_new n;
  RETURN NULL;
END $$;
CREATE FUNCTION project_board_projects_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(DISTINCT o.case_id)) FROM project_board_old o;
  RETURN NULL;
END $$;
CREATE FUNCTION project_board_projects_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(ARRAY[OLD.case_id, NEW.case_id]);
  RETURN NULL;
END $$;
CREATE TRIGGER project_board_projects_ins AFTER INSERT ON projects
  REFERENCING NEW TABLE AS project_board_new FOR EACH STATEMENT EXECUTE FUNCTION project_board_projects_ins();
CREATE TRIGGER project_board_projects_del AFTER DELETE ON projects
  REFERENCING OLD TABLE AS project_board_old FOR EACH STATEMENT EXECUTE FUNCTION project_board_projects_del();
-- an edit of the plan (aim, budget, description …) changes nothing the board shows: only county and year
CREATE TRIGGER project_board_projects_upd AFTER UPDATE OF case_id, county_id, year ON projects
  FOR EACH ROW WHEN ((OLD.case_id, OLD.county_id, OLD.year) IS DISTINCT FROM (NEW.case_id, NEW.county_id, NEW.year))
  EXECUTE FUNCTION project_board_projects_upd();

-- milestones and report keys: inserted, edited (done, moved) or deleted
CREATE FUNCTION project_board_items_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(DISTINCT n.project_id)) FROM project_board_new n;
  RETURN NULL;
END $$;
CREATE FUNCTION project_board_items_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(DISTINCT k.project_id))
     FROM (SELECT n.project_id FROM project_board_new n UNION SELECT o.project_id FROM project_board_old o) k;
  RETURN NULL;
END $$;
CREATE FUNCTION project_board_items_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(DISTINCT o.project_id)) FROM project_board_old o;
  RETURN NULL;
END $$;
CREATE TRIGGER project_board_milestones_ins AFTER INSERT ON project_milestones
  REFERENCING NEW TABLE AS project_board_new FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_ins();
CREATE TRIGGER project_board_milestones_upd AFTER UPDATE ON project_milestones
  REFERENCING OLD TABLE AS project_board_old NEW TABLE AS project_board_new FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_upd();
CREATE TRIGGER project_board_milestones_del AFTER DELETE ON project_milestones
  REFERENCING OLD TABLE AS project_board_old FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_del();
CREATE TRIGGER project_board_reports_ins AFTER INSERT ON project_reports
  REFERENCING NEW TABLE AS project_board_new FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_ins();
CREATE TRIGGER project_board_reports_upd AFTER UPDATE ON project_reports
  REFERENCING OLD TABLE AS project_board_old NEW TABLE AS project_board_new FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_upd();
CREATE TRIGGER project_board_reports_del AFTER DELETE ON project_reports
  REFERENCING OLD TABLE AS project_board_old FOR EACH STATEMENT EXECUTE FUNCTION project_board_items_del();

-- TRUNCATE has no rows to pass: the kept rows go with their source.
CREATE FUNCTION project_board_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'projects' THEN
    DELETE FROM project_board_rows;
    DELETE FROM project_board_due;
  ELSE
    DELETE FROM project_board_due WHERE kind = CASE TG_TABLE_NAME WHEN 'project_milestones' THEN 'milestone' ELSE 'report' END;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER project_board_projects_truncate AFTER TRUNCATE ON projects FOR EACH STATEMENT EXECUTE FUNCTION project_board_truncate();
CREATE TRIGGER project_board_milestones_truncate AFTER TRUNCATE ON project_milestones FOR EACH STATEMENT EXECUTE FUNCTION project_board_truncate();
CREATE TRIGGER project_board_reports_truncate AFTER TRUNCATE ON project_reports FOR EACH STATEMENT EXECUTE FUNCTION project_board_truncate();

-- cases (core): a project's case whose status, title, unit or path changes (a transition, a renamed
-- project). A case is inserted before its project row, which the projects trigger then reads.
CREATE FUNCTION project_board_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
CREATE TRIGGER project_board_case AFTER UPDATE OF status, title, org_id, org_path ON cases
  FOR EACH ROW WHEN (NEW.case_type = 'project' AND (OLD.status, OLD.title, OLD.org_id, OLD.org_path) IS DISTINCT FROM (NEW.status, NEW.title, NEW.org_id, NEW.org_path))
  EXECUTE FUNCTION project_board_case();

-- assignments (dispatch): a request answered (or its due date moved). A project's report request is
-- inserted before its project_reports row, which the reports trigger then reads; a referenced request
-- cannot be deleted (project_reports' foreign key).
CREATE FUNCTION project_board_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_board_refresh(array_agg(r.project_id)) FROM project_reports r WHERE r.assignment_id = NEW.id HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE TRIGGER project_board_request AFTER UPDATE OF status, due_date ON assignments
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_date IS DISTINCT FROM NEW.due_date)
  EXECUTE FUNCTION project_board_request();

ANALYZE project_board_rows;
ANALYZE project_board_due;
