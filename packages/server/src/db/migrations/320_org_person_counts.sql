-- Issue 11 (the app's own overhead, bench/README.md "Fifth session"): the org tree counted a
-- county's Party members on every request (an index-only scan of ~20,000 entries grouped by org,
-- 10–45 ms under load), and the roster's page counted the county's active people the same way.
-- Both now read a running count per org, kept by the database itself in the same transaction as
-- every change to persons (insert, update — a move, leaving, joining the Party — and delete), so
-- no code path can forget it: the import, the form, the generator and SQL by hand alike.
--
-- active:  persons with status 'active' registered directly at the org
-- members: of those, Party members (member_status IS NOT NULL)
-- A row per org that ever had someone; rows that fall to 0 stay (an org's count is 0 without one).
-- (No CHECK on the values: an upsert's proposed row is the delta, e.g. -1, checked before it
-- meets the existing row. org-person-counts.test.ts compares them with counting the rows.)
CREATE TABLE org_person_counts (
  org_id  bigint PRIMARY KEY,
  active  integer NOT NULL DEFAULT 0,
  members integer NOT NULL DEFAULT 0
);

INSERT INTO org_person_counts (org_id, active, members)
SELECT org_id, count(*), count(*) FILTER (WHERE member_status IS NOT NULL)
  FROM persons WHERE status = 'active' GROUP BY org_id;

-- Statement-level triggers with transition tables: a 25,000-row INSERT of the generator or an
-- import chunk is one grouped upsert, not 25,000. Rows are applied in org order, so two
-- transactions touching the same orgs lock their count rows in the same order (no deadlock).
-- (An UPDATE trigger cannot name columns when it has transition tables: every update runs it,
-- and one that changes neither org, status nor membership nets to nothing and writes nothing.)
CREATE FUNCTION org_person_counts_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_person_counts AS c (org_id, active, members)
  SELECT org_id, count(*)::int, count(*) FILTER (WHERE member_status IS NOT NULL)::int
    FROM org_person_counts_new WHERE status = 'active' GROUP BY org_id ORDER BY org_id
  ON CONFLICT (org_id) DO UPDATE SET active = c.active + EXCLUDED.active, members = c.members + EXCLUDED.members;
  RETURN NULL;
END $$;

CREATE FUNCTION org_person_counts_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_person_counts c SET active = c.active - d.a, members = c.members - d.m
    FROM (SELECT org_id, count(*)::int AS a, count(*) FILTER (WHERE member_status IS NOT NULL)::int AS m
            FROM org_person_counts_old WHERE status = 'active' GROUP BY org_id) d
   WHERE c.org_id = d.org_id;
  RETURN NULL;
END $$;

CREATE FUNCTION org_person_counts_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO org_person_counts AS c (org_id, active, members)
  SELECT org_id, sum(a)::int, sum(m)::int FROM (
    SELECT org_id, 1 AS a, (member_status IS NOT NULL)::int AS m FROM org_person_counts_new WHERE status = 'active'
    UNION ALL
    SELECT org_id, -1, -(member_status IS NOT NULL)::int FROM org_person_counts_old WHERE status = 'active') d
   GROUP BY org_id HAVING sum(a) <> 0 OR sum(m) <> 0 ORDER BY org_id
  ON CONFLICT (org_id) DO UPDATE SET active = c.active + EXCLUDED.active, members = c.members + EXCLUDED.members;
  RETURN NULL;
END $$;

CREATE TRIGGER org_person_counts_ins AFTER INSERT ON persons
  REFERENCING NEW TABLE AS org_person_counts_new FOR EACH STATEMENT EXECUTE FUNCTION org_person_counts_ins();
CREATE TRIGGER org_person_counts_del AFTER DELETE ON persons
  REFERENCING OLD TABLE AS org_person_counts_old FOR EACH STATEMENT EXECUTE FUNCTION org_person_counts_del();
CREATE TRIGGER org_person_counts_upd AFTER UPDATE ON persons
  REFERENCING OLD TABLE AS org_person_counts_old NEW TABLE AS org_person_counts_new FOR EACH STATEMENT EXECUTE FUNCTION org_person_counts_upd();
