-- 软弱涣散党组织整顿: a branch proposed, listed, rectified through ledger problems, accepted and
-- de-listed, as a case (case_type 'weak_org'); the proposal keeps what the records said then.
CREATE TABLE weak_orgs (
  case_id     bigint PRIMARY KEY REFERENCES cases (id),
  county_id   bigint NOT NULL,
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  reasons     jsonb NOT NULL,            -- WEAK_REASONS codes the proposal names
  note        text,                      -- the proposal's account of the branch
  signals     jsonb NOT NULL,            -- the records' signals when it was proposed
  leader      text,                      -- 包联领导: who takes charge of the rectification
  plan        text                       -- 整顿方案
);
CREATE INDEX weak_orgs_county_year_idx ON weak_orgs (county_id, year);

-- the ledger problems a rectification runs through (problems stay the ledger's; this is the link)
CREATE TABLE weak_org_problems (
  weak_case_id     bigint NOT NULL REFERENCES cases (id),
  problem_case_id  bigint NOT NULL REFERENCES cases (id),
  county_id        bigint NOT NULL,
  PRIMARY KEY (weak_case_id, problem_case_id)
);
