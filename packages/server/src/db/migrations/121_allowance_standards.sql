-- 村干部报酬标准 and the county's performance rule: allowance standards per county, unit type and post
-- (seed 002 gives the demo figures), amounts in fen; the share of the allowance paid by the
-- village's annual assessment result and the percentage each grade earns. A county without rows
-- uses the built-in defaults (assessment.subsidies.ts).
CREATE TABLE allowance_standards (
  county_id   bigint NOT NULL REFERENCES orgs (id),
  unit_type   text NOT NULL CHECK (unit_type IN ('village','community')),
  post        text NOT NULL CHECK (post IN ('secretary','village_director','concurrent','deputy','clerk','supervision_director','committee_member')),
  annual_fen  bigint NOT NULL CHECK (annual_fen BETWEEN 0 AND 100000000),
  PRIMARY KEY (county_id, unit_type, post)
);

CREATE TABLE performance_subsidy_rules (
  county_id      bigint PRIMARY KEY REFERENCES orgs (id),
  share_percent  int NOT NULL CHECK (share_percent BETWEEN 0 AND 100),
  grade_percent  jsonb NOT NULL
);
