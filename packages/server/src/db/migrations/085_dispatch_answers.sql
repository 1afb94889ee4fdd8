-- The dispatch engine (core/dispatch/engine.ts) reads every kind's answers through one relation:
-- a directive's assignments (两下两上) and a whistle's department parts (吹哨报到) are the answers
-- of one org's call to many. Department load and response times are one query over it, for every
-- kind at once. Bulletins (通报) reach a subtree and are read, not answered: they have no answer
-- rows. Nothing is moved or copied: the kinds keep their tables (and their ids, which the
-- hash-chained timelines and the audit log name), so no record is lost or renumbered.
CREATE VIEW dispatch_answers AS
  SELECT 'directive'::text AS kind, a.id, a.directive_id AS call_id, a.county_id, a.org_id, a.org_path,
         a.status AS state, (a.status = 'pending') AS open, false AS declined, false AS judicial,
         d.created_at AS called_at, a.reported_at AS answered_at, a.due_date, a.late
    FROM assignments a JOIN directives d ON d.id = a.directive_id
  UNION ALL
  SELECT 'whistle'::text, p.id, p.whistle_id, p.county_id, p.department_id, p.department_path,
         p.status, p.status IN ('whistled', 'reported', 'handling'), p.status IN ('declined', 'rerouted'), p.judicial_transfer,
         p.created_at, p.reported_at, NULL::date, false
    FROM whistle_parts p;

-- The engine's per-recipient load reads whistle parts by department (already indexed) and
-- assignments by org (assignments_org_idx); the whistler's list of its own whistles by path.
CREATE INDEX whistle_parts_whistle_idx ON whistle_parts (whistle_id);
