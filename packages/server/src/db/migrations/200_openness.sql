-- 三务公开, 村级财务审计 and 台账/簿册 (issue 17 bullets 3–4, seeds 002, 004).
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- The county's openness settings: disclosure day, which unit types disclose, each kind's cadence
-- (month or quarter) and the register set (七簿两账两手册). A county setting, not a tenant row;
-- absent → the defaults in the contract (day 25, villages and communities, monthly, the default books).
CREATE TABLE openness_settings (
  county_id       bigint PRIMARY KEY REFERENCES orgs (id),
  disclosure_day  int NOT NULL CHECK (disclosure_day BETWEEN 1 AND 28),
  unit_types      text[] NOT NULL,
  cadence         jsonb NOT NULL,   -- kind → 'month' | 'quarter'
  books           jsonb NOT NULL,   -- the register set
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- 三务公开: one disclosure per unit, kind and period; its content lives in revisions (the first
-- publication is revision 1, each correction a new revision, published ones never change).
CREATE TABLE disclosures (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('party', 'village', 'finance')),
  period      text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind, period)
);
CREATE INDEX disclosures_path_period_idx ON disclosures (org_path text_pattern_ops, period);
CREATE INDEX disclosures_county_period_idx ON disclosures (county_id, period);

CREATE TABLE disclosure_files (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  disclosure_id  bigint NOT NULL REFERENCES disclosures (id),
  county_id      bigint NOT NULL,
  role           text NOT NULL CHECK (role IN ('photo', 'attachment')),
  file_name      text NOT NULL,
  mime_type      text NOT NULL,
  size           int NOT NULL,
  content        bytea NOT NULL,
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disclosure_files_disclosure_idx ON disclosure_files (disclosure_id);

CREATE TABLE disclosure_revisions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  disclosure_id  bigint NOT NULL REFERENCES disclosures (id),
  county_id      bigint NOT NULL,
  revision       int NOT NULL CHECK (revision >= 1),
  status         text NOT NULL CHECK (status IN ('draft', 'published')),
  reason         text CHECK (reason IS NULL OR length(reason) <= 500),  -- 更正原因 (revision ≥ 2)
  photo_file_id  bigint REFERENCES disclosure_files (id),
  attachment_ids bigint[] NOT NULL DEFAULT '{}',
  published_at   timestamptz,
  published_by   bigint,
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now(),
  version        int NOT NULL DEFAULT 1,
  UNIQUE (disclosure_id, revision),
  CHECK (status <> 'published' OR published_at IS NOT NULL),
  CHECK (revision = 1 OR reason IS NOT NULL)
);
-- at most one draft at a time
CREATE UNIQUE INDEX disclosure_revisions_one_draft ON disclosure_revisions (disclosure_id) WHERE status = 'draft';

CREATE TABLE disclosure_items (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  revision_id  bigint NOT NULL REFERENCES disclosure_revisions (id),
  seq          int NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  content      text NOT NULL CHECK (length(content) <= 2000),
  amount_fen   bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  UNIQUE (revision_id, seq)
);

-- 村级财务审计: one audit per village and period, with findings; a finding becomes a ledger
-- problem through the ledger's front door (problem_case_id links it).
CREATE TABLE finance_audits (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id    bigint NOT NULL,
  org_id       bigint NOT NULL REFERENCES orgs (id),
  org_path     text NOT NULL,
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$'),
  audited_on   date NOT NULL,
  auditor      text NOT NULL CHECK (length(auditor) BETWEEN 1 AND 100),
  conclusion   text NOT NULL CHECK (length(conclusion) <= 2000),
  by_org_id    bigint NOT NULL REFERENCES orgs (id),
  created_by   bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, period)
);
CREATE INDEX finance_audits_path_idx ON finance_audits (org_path text_pattern_ops, audited_on DESC);

CREATE TABLE finance_audit_findings (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  audit_id         bigint NOT NULL REFERENCES finance_audits (id),
  county_id        bigint NOT NULL,
  seq              int NOT NULL,
  description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  amount_fen       bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  problem_case_id  bigint REFERENCES cases (id),
  UNIQUE (audit_id, seq)
);

-- 台账/簿册: hand-filled rows of a unit's book in a year (books filled from records have none).
CREATE TABLE register_rows (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  book_code   text NOT NULL CHECK (book_code ~ '^[a-z][a-z0-9_]{0,39}$'),
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  entry_date  date NOT NULL,
  cells       jsonb NOT NULL,
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX register_rows_path_idx ON register_rows (org_path text_pattern_ops, book_code, year);
