-- Issue 11 (bench/README.md "Ninth session … the org tree's kept answer"): GET /api/orgs/tree keeps
-- its serialized answer per root and reuses it while the root's county's generation is unchanged
-- (docs/decisions.md "The org tree's answer kept per generation"). The generation is a counter the
-- database bumps, in the same transaction, after every statement that changes a table the tree's
-- answer reads — so no code path (the form, the import, the generator, SQL by hand) can forget it:
--
--   orgs               the nodes themselves (create, rename, move, close, delete, the pilot mark)
--   posts              人员到位: the stations' chiefs, deputies, workers and the committee above
--   org_person_counts  each node's Party members (kept from persons by migration 320's triggers:
--                      a person change that moves no count does not touch it, nor the generation)
--
-- A county's generation is the SUM of its rows: one row per (county, slot), the slot being the
-- writing connection's backend pid mod 16. Every row only ever grows, so the sum grows with every
-- committed bump and never comes back to a value it had. Slots keep two connections' writes in
-- one county from queuing on one row lock until commit (a long import would otherwise hold every
-- other write of its county). Nodes above counties (county_id NULL: the province, a city) bump
-- county 0; a root above counties reads the sum of every row.
--
-- Statement-level triggers with transition tables: one upsert per statement, whatever its row
-- count (a 25,000-row INSERT of the generator bumps once), counties in order (no deadlock between
-- two statements of one county set). A statement that changes no row bumps nothing.
CREATE TABLE tree_generations (
  county_id bigint NOT NULL,
  slot      smallint NOT NULL,
  gen       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (county_id, slot)
);

INSERT INTO tree_generations (county_id, slot, gen)
SELECT DISTINCT coalesce(county_id, 0), 0, 1 FROM orgs;

CREATE FUNCTION tree_generations_bump(counties bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO tree_generations AS g (county_id, slot, gen)
  SELECT c, (pg_backend_pid() % 16)::smallint, 1 FROM (SELECT DISTINCT unnest(counties) AS c) d ORDER BY c
  ON CONFLICT (county_id, slot) DO UPDATE SET gen = g.gen + 1;
$$;

-- orgs and posts carry county_id (NULL only on orgs above counties)
CREATE FUNCTION tree_generations_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(SELECT DISTINCT coalesce(county_id, 0) FROM tree_generations_new));
  RETURN NULL;
END $$;

CREATE FUNCTION tree_generations_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(SELECT DISTINCT coalesce(county_id, 0) FROM tree_generations_old));
  RETURN NULL;
END $$;

CREATE FUNCTION tree_generations_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(
    SELECT coalesce(county_id, 0) FROM tree_generations_old UNION SELECT coalesce(county_id, 0) FROM tree_generations_new));
  RETURN NULL;
END $$;

-- org_person_counts names the org only: its county is the org's
CREATE FUNCTION tree_generations_counts_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(
    SELECT DISTINCT coalesce(o.county_id, 0) FROM tree_generations_new n JOIN orgs o ON o.id = n.org_id));
  RETURN NULL;
END $$;

CREATE FUNCTION tree_generations_counts_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(
    SELECT DISTINCT coalesce(o.county_id, 0) FROM tree_generations_old n JOIN orgs o ON o.id = n.org_id));
  RETURN NULL;
END $$;

CREATE FUNCTION tree_generations_counts_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tree_generations_bump(ARRAY(
    SELECT coalesce(o.county_id, 0) FROM tree_generations_new n JOIN orgs o ON o.id = n.org_id
    UNION SELECT coalesce(o.county_id, 0) FROM tree_generations_old n JOIN orgs o ON o.id = n.org_id));
  RETURN NULL;
END $$;

-- TRUNCATE has no transition table: every county moves
CREATE FUNCTION tree_generations_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tree_generations SET gen = gen + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER tree_generations_ins AFTER INSERT ON orgs
  REFERENCING NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_new();
CREATE TRIGGER tree_generations_upd AFTER UPDATE ON orgs
  REFERENCING OLD TABLE AS tree_generations_old NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_both();
CREATE TRIGGER tree_generations_del AFTER DELETE ON orgs
  REFERENCING OLD TABLE AS tree_generations_old FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_old();
CREATE TRIGGER tree_generations_trunc AFTER TRUNCATE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_all();

CREATE TRIGGER tree_generations_ins AFTER INSERT ON posts
  REFERENCING NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_new();
CREATE TRIGGER tree_generations_upd AFTER UPDATE ON posts
  REFERENCING OLD TABLE AS tree_generations_old NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_both();
CREATE TRIGGER tree_generations_del AFTER DELETE ON posts
  REFERENCING OLD TABLE AS tree_generations_old FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_old();
CREATE TRIGGER tree_generations_trunc AFTER TRUNCATE ON posts FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_all();

CREATE TRIGGER tree_generations_ins AFTER INSERT ON org_person_counts
  REFERENCING NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_counts_new();
CREATE TRIGGER tree_generations_upd AFTER UPDATE ON org_person_counts
  REFERENCING OLD TABLE AS tree_generations_old NEW TABLE AS tree_generations_new FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_counts_both();
CREATE TRIGGER tree_generations_del AFTER DELETE ON org_person_counts
  REFERENCING OLD TABLE AS tree_generations_old FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_counts_old();
CREATE TRIGGER tree_generations_trunc AFTER TRUNCATE ON org_person_counts FOR EACH STATEMENT EXECUTE FUNCTION tree_generations_all();
