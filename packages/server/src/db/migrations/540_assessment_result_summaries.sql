-- Issue 15 (results15c; bench/README.md "Tenth session"): the results board still read, per request,
-- every kept row of the county's year to rank and sum the month-by-month trend (1,782 rows on the
-- bench county) and every score entry of the shown month's sheets for the points lost (≈ 160 sheets
-- × 31 entries). Both are sums over the kept rows (migration 530), so the database keeps the sums:
--
--   assessment_result_months: per county, scope, year, month and unit type, the kept rows (sheets)
--   and the sum of their scores on the 100-point scale each rounded to a tenth, in tenths (an
--   integer: exact, whatever the order the rows come in — the board's trend is their mean);
--   assessment_result_lost: per county, scope, year, month, unit type, scheme and indicator, the
--   points lost (max − points, numeric: exact) over the entries of the kept rows' sheets, and how
--   many entries.
--
-- A scope is a path the board is asked for. Only two per kept row are kept: the county's own path
-- (the row's path up to its county id) and the path one level below it (a township, a department:
-- up to the next id). An account scoped there reads its summary rows by that exact path; an account
-- deeper down (station, village: a few rows) reads the kept rows themselves. For a path S whose last
-- or second-to-last id is the county's, `org_path LIKE S || '%'` holds exactly when S is one of the
-- row's two scopes (the ids of a path are distinct), so the two reads answer the same.
--
-- Kept by statement-level triggers with transition tables, in the same statement as the change:
--   * assessment_result_rows insert / update / delete (the rows migration 530 keeps from the sheets
--     and their cases: whatever changes which revision counts, its total, path or county reaches the
--     summaries through them); an update touches the lost points only when the row's sheet or place
--     changed, not for a new total;
--   * score_entries insert / update / delete, for entries of a sheet that is a kept row's.
-- Deltas are summed per key before they are applied (an update's old and new rows cancel), applied
-- in key order, and a key left with no sheet or no entry is deleted. results.test.ts compares both
-- with the sums over the sheets after every kind of change and fails when a trigger is missing.

-- A score on the 100-point scale rounded to a tenth, in tenths: what the service shows per row,
-- round1(total * 100 / max_total) with Math.round (half up), in float8 as JavaScript computes it.
CREATE FUNCTION assessment_score_tenths(total float8, max_total float8) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN max_total > 0 THEN
    (floor(total * 100 / max_total * 10) + CASE WHEN total * 100 / max_total * 10 - floor(total * 100 / max_total * 10) >= 0.5 THEN 1 ELSE 0 END)::bigint
  ELSE 0 END
$$;

-- The scopes a kept row is summed under: its path up to the county's id, and one id further (none
-- when the county's id is not on the path).
CREATE FUNCTION assessment_result_scopes(org_path text, county_id bigint) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN at = 0 THEN ARRAY[]::text[]
    WHEN strpos(substr(org_path, length(c) + 1), '/') > 1 THEN ARRAY[c, c || split_part(substr(org_path, length(c) + 1), '/', 1) || '/']
    ELSE ARRAY[c] END
  FROM (SELECT strpos(org_path, '/' || county_id || '/') AS at) a,
       LATERAL (SELECT left(org_path, a.at + length(county_id::text) + 1) AS c) b
$$;

CREATE TABLE assessment_result_months (
  county_id    bigint NOT NULL,
  scope_path   text NOT NULL,
  year         int NOT NULL,
  period       text NOT NULL,
  unit_type    text NOT NULL,
  sheets       int NOT NULL,
  score_tenths bigint NOT NULL,
  PRIMARY KEY (county_id, scope_path, year, period, unit_type)
);

CREATE TABLE assessment_result_lost (
  county_id     bigint NOT NULL,
  scope_path    text NOT NULL,
  year          int NOT NULL,
  period        text NOT NULL,
  unit_type     text NOT NULL,
  scheme_id     bigint NOT NULL,
  indicator_key text NOT NULL,
  lost          numeric NOT NULL,
  entries       int NOT NULL,
  PRIMARY KEY (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key)
);

-- The entries trigger finds a sheet's kept row by its id.
CREATE INDEX assessment_result_rows_sheet ON assessment_result_rows (sheet_id);

-- Deletes the lost points' keys left with no entry (the upserts answer which).
CREATE FUNCTION assessment_result_lost_prune(z_county bigint[], z_path text[], z_year int[], z_period text[], z_unit text[], z_scheme bigint[], z_key text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM assessment_result_lost l
   USING unnest(z_county, z_path, z_year, z_period, z_unit, z_scheme, z_key) AS z(county_id, scope_path, year, period, unit_type, scheme_id, indicator_key)
   WHERE (l.county_id, l.scope_path, l.year, l.period, l.unit_type, l.scheme_id, l.indicator_key) = (z.county_id, z.scope_path, z.year, z.period, z.unit_type, z.scheme_id, z.indicator_key)
     AND l.entries = 0
$$;

-- Applies signed changes of kept rows (+1: the row now counts as given, −1: it no longer does) to
-- the months; with `entries`, also their sheets' entries to the lost points.
CREATE FUNCTION assessment_result_summaries_shift(
  k_sign int[], k_county bigint[], k_path text[], k_year int[], k_period text[], k_unit text[], k_scheme bigint[], k_sheet bigint[], k_tenths bigint[], k_entries boolean[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z_county bigint[]; z_path text[]; z_year int[]; z_period text[]; z_unit text[]; z_scheme bigint[]; z_key text[];
BEGIN
  WITH up AS (
  INSERT INTO assessment_result_months AS m (county_id, scope_path, year, period, unit_type, sheets, score_tenths)
  SELECT d.county_id, sp, d.year, d.period, d.unit_type, sum(d.sign)::int, sum(d.sign * d.tenths)::bigint
    FROM unnest(k_sign, k_county, k_path, k_year, k_period, k_unit, k_tenths) AS d(sign, county_id, org_path, year, period, unit_type, tenths)
   CROSS JOIN LATERAL unnest(assessment_result_scopes(d.org_path, d.county_id)) AS sp
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.tenths) <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (county_id, scope_path, year, period, unit_type) DO UPDATE
     SET sheets = m.sheets + EXCLUDED.sheets, score_tenths = m.score_tenths + EXCLUDED.score_tenths
  RETURNING m.county_id, m.scope_path, m.year, m.period, m.unit_type, m.sheets)
  SELECT array_agg(up.county_id), array_agg(up.scope_path), array_agg(up.year), array_agg(up.period), array_agg(up.unit_type)
    INTO z_county, z_path, z_year, z_period, z_unit FROM up WHERE up.sheets = 0;
  IF z_county IS NOT NULL THEN
    DELETE FROM assessment_result_months m USING unnest(z_county, z_path, z_year, z_period, z_unit) AS z(county_id, scope_path, year, period, unit_type)
     WHERE (m.county_id, m.scope_path, m.year, m.period, m.unit_type) = (z.county_id, z.scope_path, z.year, z.period, z.unit_type) AND m.sheets = 0;
  END IF;

  WITH up AS (
  INSERT INTO assessment_result_lost AS l (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key, lost, entries)
  SELECT d.county_id, sp, d.year, d.period, d.unit_type, d.scheme_id, e.indicator_key,
         sum(d.sign * (e.max_points - coalesce(e.points, 0))), sum(d.sign)::int
    FROM unnest(k_sign, k_county, k_path, k_year, k_period, k_unit, k_scheme, k_sheet, k_entries) AS d(sign, county_id, org_path, year, period, unit_type, scheme_id, sheet_id, entries)
    JOIN score_entries e ON e.sheet_id = d.sheet_id
   CROSS JOIN LATERAL unnest(assessment_result_scopes(d.org_path, d.county_id)) AS sp
   WHERE d.entries
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * (e.max_points - coalesce(e.points, 0))) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key) DO UPDATE
     SET lost = l.lost + EXCLUDED.lost, entries = l.entries + EXCLUDED.entries
  RETURNING l.county_id, l.scope_path, l.year, l.period, l.unit_type, l.scheme_id, l.indicator_key, l.entries)
  SELECT array_agg(up.county_id), array_agg(up.scope_path), array_agg(up.year), array_agg(up.period), array_agg(up.unit_type), array_agg(up.scheme_id), array_agg(up.indicator_key)
    INTO z_county, z_path, z_year, z_period, z_unit, z_scheme, z_key FROM up WHERE up.entries = 0;
  PERFORM assessment_result_lost_prune(z_county, z_path, z_year, z_period, z_unit, z_scheme, z_key);
END $$;

-- The backfill: the sums over the kept rows so far, set-based.
INSERT INTO assessment_result_months (county_id, scope_path, year, period, unit_type, sheets, score_tenths)
SELECT r.county_id, sp, r.year, r.period, r.unit_type, count(*)::int, sum(assessment_score_tenths(r.total, r.max_total))::bigint
  FROM assessment_result_rows r CROSS JOIN LATERAL unnest(assessment_result_scopes(r.org_path, r.county_id)) AS sp
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO assessment_result_lost (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key, lost, entries)
SELECT r.county_id, sp, r.year, r.period, r.unit_type, r.scheme_id, e.indicator_key, sum(e.max_points - coalesce(e.points, 0)), count(*)::int
  FROM assessment_result_rows r JOIN score_entries e ON e.sheet_id = r.sheet_id
 CROSS JOIN LATERAL unnest(assessment_result_scopes(r.org_path, r.county_id)) AS sp
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- assessment_result_rows: the rows a statement wrote, before (−1) and after (+1).
CREATE FUNCTION assessment_result_summaries_rows_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_summaries_shift(array_agg(1), array_agg(n.county_id), array_agg(n.org_path), array_agg(n.year), array_agg(n.period),
            array_agg(n.unit_type), array_agg(n.scheme_id), array_agg(n.sheet_id), array_agg(assessment_score_tenths(n.total, n.max_total)), array_agg(true))
     FROM assessment_result_summaries_new n HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_summaries_rows_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the refresh keeps a row's key (scheme, unit, month); its entries count again only when its sheet or place changed
  PERFORM assessment_result_summaries_shift(array_agg(d.sign), array_agg(d.county_id), array_agg(d.org_path), array_agg(d.year), array_agg(d.period),
            array_agg(d.unit_type), array_agg(d.scheme_id), array_agg(d.sheet_id), array_agg(d.tenths), array_agg(d.entries))
     FROM (SELECT -1 AS sign, o.county_id, o.org_path, o.year, o.period, o.unit_type, o.scheme_id, o.sheet_id, assessment_score_tenths(o.total, o.max_total) AS tenths,
                  n.sheet_id IS NULL OR (o.sheet_id, o.county_id, o.org_path, o.year, o.unit_type) IS DISTINCT FROM (n.sheet_id, n.county_id, n.org_path, n.year, n.unit_type) AS entries
             FROM assessment_result_summaries_old o LEFT JOIN assessment_result_summaries_new n USING (scheme_id, org_id, period)
           UNION ALL
           SELECT 1, n.county_id, n.org_path, n.year, n.period, n.unit_type, n.scheme_id, n.sheet_id, assessment_score_tenths(n.total, n.max_total),
                  o.sheet_id IS NULL OR (o.sheet_id, o.county_id, o.org_path, o.year, o.unit_type) IS DISTINCT FROM (n.sheet_id, n.county_id, n.org_path, n.year, n.unit_type)
             FROM assessment_result_summaries_new n LEFT JOIN assessment_result_summaries_old o USING (scheme_id, org_id, period)) d
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_summaries_rows_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_summaries_shift(array_agg(-1), array_agg(o.county_id), array_agg(o.org_path), array_agg(o.year), array_agg(o.period),
            array_agg(o.unit_type), array_agg(o.scheme_id), array_agg(o.sheet_id), array_agg(assessment_score_tenths(o.total, o.max_total)), array_agg(true))
     FROM assessment_result_summaries_old o HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_summaries_ins AFTER INSERT ON assessment_result_rows
  REFERENCING NEW TABLE AS assessment_result_summaries_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_summaries_rows_ins();
CREATE TRIGGER assessment_result_summaries_upd AFTER UPDATE ON assessment_result_rows
  REFERENCING OLD TABLE AS assessment_result_summaries_old NEW TABLE AS assessment_result_summaries_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_summaries_rows_upd();
CREATE TRIGGER assessment_result_summaries_del AFTER DELETE ON assessment_result_rows
  REFERENCING OLD TABLE AS assessment_result_summaries_old FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_summaries_rows_del();

-- score_entries: the entries a statement wrote, before (−1) and after (+1), of sheets that are a
-- kept row's, under that row's place (only those entries: not the sheet's others).
CREATE FUNCTION assessment_result_lost_shift(k_sign int[], k_sheet bigint[], k_key text[], k_lost numeric[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  z_county bigint[]; z_path text[]; z_year int[]; z_period text[]; z_unit text[]; z_scheme bigint[]; z_key text[];
BEGIN
  WITH up AS (
  INSERT INTO assessment_result_lost AS l (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key, lost, entries)
  SELECT r.county_id, sp, r.year, r.period, r.unit_type, r.scheme_id, d.indicator_key, sum(d.sign * d.lost), sum(d.sign)::int
    FROM unnest(k_sign, k_sheet, k_key, k_lost) AS d(sign, sheet_id, indicator_key, lost)
    JOIN assessment_result_rows r ON r.sheet_id = d.sheet_id
   CROSS JOIN LATERAL unnest(assessment_result_scopes(r.org_path, r.county_id)) AS sp
   GROUP BY 1, 2, 3, 4, 5, 6, 7
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.lost) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (county_id, scope_path, year, period, unit_type, scheme_id, indicator_key) DO UPDATE
     SET lost = l.lost + EXCLUDED.lost, entries = l.entries + EXCLUDED.entries
  RETURNING l.county_id, l.scope_path, l.year, l.period, l.unit_type, l.scheme_id, l.indicator_key, l.entries)
  SELECT array_agg(up.county_id), array_agg(up.scope_path), array_agg(up.year), array_agg(up.period), array_agg(up.unit_type), array_agg(up.scheme_id), array_agg(up.indicator_key)
    INTO z_county, z_path, z_year, z_period, z_unit, z_scheme, z_key FROM up WHERE up.entries = 0;
  PERFORM assessment_result_lost_prune(z_county, z_path, z_year, z_period, z_unit, z_scheme, z_key);
END $$;
CREATE FUNCTION assessment_result_lost_entries_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_lost_shift(array_agg(1), array_agg(n.sheet_id), array_agg(n.indicator_key), array_agg(n.max_points - coalesce(n.points, 0)))
     FROM assessment_result_lost_new n WHERE EXISTS (SELECT 1 FROM assessment_result_rows r WHERE r.sheet_id = n.sheet_id) HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_lost_entries_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_lost_shift(array_agg(d.sign), array_agg(d.sheet_id), array_agg(d.indicator_key), array_agg(d.lost))
     FROM (SELECT -1 AS sign, o.sheet_id, o.indicator_key, o.max_points - coalesce(o.points, 0) AS lost FROM assessment_result_lost_old o
           UNION ALL SELECT 1, n.sheet_id, n.indicator_key, n.max_points - coalesce(n.points, 0) FROM assessment_result_lost_new n) d
    WHERE EXISTS (SELECT 1 FROM assessment_result_rows r WHERE r.sheet_id = d.sheet_id) HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE FUNCTION assessment_result_lost_entries_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assessment_result_lost_shift(array_agg(-1), array_agg(o.sheet_id), array_agg(o.indicator_key), array_agg(o.max_points - coalesce(o.points, 0)))
     FROM assessment_result_lost_old o WHERE EXISTS (SELECT 1 FROM assessment_result_rows r WHERE r.sheet_id = o.sheet_id) HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_lost_ins AFTER INSERT ON score_entries
  REFERENCING NEW TABLE AS assessment_result_lost_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_lost_entries_ins();
CREATE TRIGGER assessment_result_lost_upd AFTER UPDATE ON score_entries
  REFERENCING OLD TABLE AS assessment_result_lost_old NEW TABLE AS assessment_result_lost_new FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_lost_entries_upd();
CREATE TRIGGER assessment_result_lost_del AFTER DELETE ON score_entries
  REFERENCING OLD TABLE AS assessment_result_lost_old FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_lost_entries_del();

-- TRUNCATE passes no rows: the sums go with what they sum.
CREATE FUNCTION assessment_result_summaries_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'assessment_result_rows' THEN DELETE FROM assessment_result_months; END IF;
  DELETE FROM assessment_result_lost;
  RETURN NULL;
END $$;
CREATE TRIGGER assessment_result_summaries_truncate AFTER TRUNCATE ON assessment_result_rows FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_summaries_truncate();
CREATE TRIGGER assessment_result_lost_truncate AFTER TRUNCATE ON score_entries FOR EACH STATEMENT EXECUTE FUNCTION assessment_result_summaries_truncate();

ANALYZE assessment_result_months;
ANALYZE assessment_result_lost;
