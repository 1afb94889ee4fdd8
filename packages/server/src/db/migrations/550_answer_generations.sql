-- Kept answers as a core facility (docs/decisions.md "Kept answers are a core facility"; issues 15
-- and 17): a read-heavy GET answer (the county's project board, the results board) is kept
-- serialized per key and reused while the county generation of every table it reads is unchanged,
-- as the org tree's answer is (migration 500). The generation is a counter the database bumps, in
-- the same transaction, after every statement that changes a watched table — so no code path (a
-- route, a trigger keeping a summary, the generator, SQL by hand) can forget it.
--
-- One row per (table, county, slot); a county's generation of a set of tables is the SUM of their
-- rows of that county and of county 0 (rows above counties, and TRUNCATE, which has no transition
-- table and so bumps county 0: every county's answers move). Every row only ever grows, so a sum
-- grows with every committed bump and never comes back to a value it had. The slot is the writing
-- connection's backend pid mod 16, so two connections writing one county do not queue on one row
-- lock until commit. Statement-level triggers with transition tables: one upsert per statement
-- whatever its row count, counties in order (no deadlock between two statements).
--
-- A table is watched by `answer_generations_watch('table')` (its rows carry `county_id`, NULL
-- above counties); the watched set is listed at the end of this file and in core/kept-answers.ts.
CREATE TABLE answer_generations (
  source    text NOT NULL,
  county_id bigint NOT NULL,
  slot      smallint NOT NULL,
  gen       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (source, county_id, slot)
);

CREATE FUNCTION answer_generations_bump(src text, counties bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO answer_generations AS g (source, county_id, slot, gen)
  SELECT src, c, (pg_backend_pid() % 16)::smallint, 1 FROM (SELECT DISTINCT unnest(counties) AS c) d ORDER BY c
  ON CONFLICT (source, county_id, slot) DO UPDATE SET gen = g.gen + 1;
$$;

CREATE FUNCTION answer_generations_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM answer_generations_bump(TG_TABLE_NAME, ARRAY(SELECT DISTINCT coalesce(county_id, 0) FROM answer_generations_new));
  RETURN NULL;
END $$;

CREATE FUNCTION answer_generations_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM answer_generations_bump(TG_TABLE_NAME, ARRAY(SELECT DISTINCT coalesce(county_id, 0) FROM answer_generations_old));
  RETURN NULL;
END $$;

CREATE FUNCTION answer_generations_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM answer_generations_bump(TG_TABLE_NAME, ARRAY(
    SELECT coalesce(county_id, 0) FROM answer_generations_old UNION SELECT coalesce(county_id, 0) FROM answer_generations_new));
  RETURN NULL;
END $$;

CREATE FUNCTION answer_generations_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM answer_generations_bump(TG_TABLE_NAME, ARRAY[0::bigint]);
  RETURN NULL;
END $$;

CREATE FUNCTION answer_generations_watch(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER answer_generations_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS answer_generations_new FOR EACH STATEMENT EXECUTE FUNCTION answer_generations_new()', t);
  EXECUTE format('CREATE TRIGGER answer_generations_upd AFTER UPDATE ON %I REFERENCING OLD TABLE AS answer_generations_old NEW TABLE AS answer_generations_new FOR EACH STATEMENT EXECUTE FUNCTION answer_generations_both()', t);
  EXECUTE format('CREATE TRIGGER answer_generations_del AFTER DELETE ON %I REFERENCING OLD TABLE AS answer_generations_old FOR EACH STATEMENT EXECUTE FUNCTION answer_generations_old()', t);
  EXECUTE format('CREATE TRIGGER answer_generations_trunc AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION answer_generations_all()', t);
END $$;

-- what the kept answers read: the org tree's nodes (names, places), a directive's board (the
-- directive, its assignments and theirs one level down, the files), the project board's kept rows
-- (migration 520), the results board's schemes (indicator names), kept rows and sums (migrations
-- 530, 540) and, for a scope below a township, the score entries themselves
SELECT answer_generations_watch('orgs');
SELECT answer_generations_watch('directives');
SELECT answer_generations_watch('assignments');
SELECT answer_generations_watch('dispatch_attachments');
SELECT answer_generations_watch('project_board_rows');
SELECT answer_generations_watch('project_board_due');
SELECT answer_generations_watch('assessment_schemes');
SELECT answer_generations_watch('assessment_result_rows');
SELECT answer_generations_watch('assessment_result_months');
SELECT answer_generations_watch('assessment_result_lost');
SELECT answer_generations_watch('score_entries');
