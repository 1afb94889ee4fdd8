-- Issue 14 (perf14; bench/README.md "Seventh session"): "who is behind" on the province read
-- every meeting of the year, twice per statement and in two statements (868,750 meetings; raw
-- SQL 3.6 s). The board only ever asks "from January to the end of month m", so the database
-- keeps, per unit, meeting type and party group, the year's running totals by month:
--
--   held[m]          meetings held from January 1 to the end of month m
--   by_secretary[m]  of them given by the unit's secretary (党课)
--   present[m]       sum of their present_count
--   expected[m]      sum of their expected_count
--
-- so the board reads one element of about 7 rows a branch a year instead of its ≈ 53 meetings.
-- Kept by the database in the same statement as every write to meetings — insert, any edit (the
-- date, type, party group, secretary flag, counts, org or path) and delete — by statement-level
-- triggers with transition tables, as org_person_counts (320) is: the app, the demo, the bench
-- generator and SQL by hand alike. meetings-tallies.test.ts compares them with the meetings.
--
-- The key carries the meeting's own org_path and org_id (a meeting keeps the path it was recorded
-- under; moving an org later does not rewrite it), so a tally answers a path prefix exactly as its
-- meetings do. party_group_id 0: no group. A key with no meeting left in its year is removed.
-- county_id is the tenant (ARCHITECTURE.md, Citus): functionally the org's, carried in the key.
CREATE TABLE meeting_tallies (
  county_id       bigint NOT NULL,
  org_path        text NOT NULL,
  org_id          bigint NOT NULL,
  type_code       text NOT NULL,
  party_group_id  bigint NOT NULL,
  year            int NOT NULL,
  held            int[] NOT NULL CHECK (cardinality(held) = 12),
  by_secretary    int[] NOT NULL CHECK (cardinality(by_secretary) = 12),
  present         int[] NOT NULL CHECK (cardinality(present) = 12),
  expected        int[] NOT NULL CHECK (cardinality(expected) = 12)
);
-- The board's read: one year under a path prefix.
CREATE UNIQUE INDEX meeting_tallies_key ON meeting_tallies (year, org_path text_pattern_ops, org_id, type_code, party_group_id, county_id);

-- Element-wise sum of two running-total arrays (an upsert adds a statement's delta to the row).
CREATE FUNCTION meeting_tally_add(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT array_agg(x + y ORDER BY k) FROM unnest(a, b) WITH ORDINALITY AS u(x, y, k)
$$;

-- The upsert of running totals from `src`, a query answering meetings' columns and `sign` (+1 a
-- row counted in, -1 a row counted out). Text, because the trigger runs it over its transition
-- tables (visible to EXECUTE in the trigger's own function only) and the backfill over meetings.
-- A meeting of month m counts in [m] to [12]: each row joins the months from its own to December,
-- and a key's months before its first are zeros. Keys are written in order (two transactions
-- touching the same keys lock them in the same order); a delta that nets to nothing (an edit of
-- the minutes) writes nothing.
CREATE FUNCTION meeting_tallies_upsert(src text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $f$
  SELECT format($s$
    WITH d AS (
      SELECT x.county_id, x.org_path, x.org_id, x.type_code, coalesce(x.party_group_id, 0) AS party_group_id,
             extract(year FROM x.held_on)::int AS year, extract(month FROM x.held_on)::int AS month,
             x.sign AS n, x.sign * x.by_secretary::int AS s, x.sign * x.present_count AS p, x.sign * x.expected_count AS e
        FROM (%s) x),
    r AS (
      SELECT county_id, org_path, org_id, type_code, party_group_id, year, i,
             sum(n)::int AS n, sum(s)::int AS s, sum(p)::int AS p, sum(e)::int AS e
        FROM d JOIN generate_series(1, 12) AS i ON i >= d.month
       GROUP BY county_id, org_path, org_id, type_code, party_group_id, year, i)
    INSERT INTO meeting_tallies AS t (county_id, org_path, org_id, type_code, party_group_id, year, held, by_secretary, present, expected)
    SELECT county_id, org_path, org_id, type_code, party_group_id, year,
           array_fill(0, ARRAY[12 - count(*)::int]) || array_agg(n ORDER BY i),
           array_fill(0, ARRAY[12 - count(*)::int]) || array_agg(s ORDER BY i),
           array_fill(0, ARRAY[12 - count(*)::int]) || array_agg(p ORDER BY i),
           array_fill(0, ARRAY[12 - count(*)::int]) || array_agg(e ORDER BY i)
      FROM r
     GROUP BY county_id, org_path, org_id, type_code, party_group_id, year
    HAVING bool_or(n <> 0 OR s <> 0 OR p <> 0 OR e <> 0)
     ORDER BY year, org_path, org_id, type_code, party_group_id, county_id
    ON CONFLICT (year, org_path, org_id, type_code, party_group_id, county_id) DO UPDATE
       SET held = meeting_tally_add(t.held, EXCLUDED.held), by_secretary = meeting_tally_add(t.by_secretary, EXCLUDED.by_secretary),
           present = meeting_tally_add(t.present, EXCLUDED.present), expected = meeting_tally_add(t.expected, EXCLUDED.expected)
  $s$, src)
$f$;

-- The backfill: every meeting so far, in one set-based statement.
DO $$ BEGIN EXECUTE meeting_tallies_upsert('SELECT m.*, 1 AS sign FROM meetings m'); END $$;

CREATE FUNCTION meeting_tallies_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE meeting_tallies_upsert(CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM meeting_tallies_new n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM meeting_tallies_old o'
    ELSE 'SELECT n.*, 1 AS sign FROM meeting_tallies_new n UNION ALL SELECT o.*, -1 AS sign FROM meeting_tallies_old o' END);
  IF TG_OP <> 'INSERT' THEN
    -- a key whose year has no meeting left (its last one deleted, or moved to another key)
    DELETE FROM meeting_tallies t
     USING (SELECT DISTINCT o.county_id, o.org_path, o.org_id, o.type_code, coalesce(o.party_group_id, 0) AS party_group_id,
                   extract(year FROM o.held_on)::int AS year FROM meeting_tallies_old o) k
     WHERE t.year = k.year AND t.org_path = k.org_path AND t.org_id = k.org_id AND t.type_code = k.type_code
       AND t.party_group_id = k.party_group_id AND t.county_id = k.county_id AND t.held[12] = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER meeting_tallies_ins AFTER INSERT ON meetings
  REFERENCING NEW TABLE AS meeting_tallies_new FOR EACH STATEMENT EXECUTE FUNCTION meeting_tallies_keep();
CREATE TRIGGER meeting_tallies_del AFTER DELETE ON meetings
  REFERENCING OLD TABLE AS meeting_tallies_old FOR EACH STATEMENT EXECUTE FUNCTION meeting_tallies_keep();
CREATE TRIGGER meeting_tallies_upd AFTER UPDATE ON meetings
  REFERENCING OLD TABLE AS meeting_tallies_old NEW TABLE AS meeting_tallies_new FOR EACH STATEMENT EXECUTE FUNCTION meeting_tallies_keep();

-- TRUNCATE has no rows to pass: the tallies go with the meetings.
CREATE FUNCTION meeting_tallies_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meeting_tallies;
  RETURN NULL;
END $$;
CREATE TRIGGER meeting_tallies_truncate AFTER TRUNCATE ON meetings FOR EACH STATEMENT EXECUTE FUNCTION meeting_tallies_truncate();

-- the planner's figures for the backfilled table (≈ 113,000 rows for the bench province's year)
ANALYZE meeting_tallies;
