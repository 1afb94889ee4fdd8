-- 两下两上: directives go down the tree, reports come up. A directive is issued by an org to orgs
-- below it; each recipient holds an assignment it reports on. A recipient may break its
-- assignment into a directive of its own to the orgs below it (fan-out), linked to the parent.

CREATE TABLE directives (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id             bigint NOT NULL REFERENCES orgs (id),
  issuer_org_id         bigint NOT NULL REFERENCES orgs (id),
  issuer_path           text NOT NULL,
  parent_assignment_id  bigint,              -- fan-out: the assignment this directive breaks down
  series_id             bigint,              -- recurring: the series it is an instance of
  kind                  text NOT NULL CHECK (kind IN ('task_list','report','data_collection','notice','duty')),
  title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  content               text NOT NULL DEFAULT '',
  form                  jsonb NOT NULL DEFAULT '[]'::jsonb,   -- report form fields
  period_key            text,                -- e.g. '2026-W48', '2026-11', '2026-Q4'
  due_date              date NOT NULL,       -- China Standard Time, end of day
  allow_late            boolean NOT NULL DEFAULT true,
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_by            bigint,
  created_at            timestamptz NOT NULL DEFAULT now(),
  version               int NOT NULL DEFAULT 1
);
CREATE INDEX directives_issuer_idx ON directives (issuer_path text_pattern_ops, id);
CREATE INDEX directives_parent_idx ON directives (parent_assignment_id);
CREATE UNIQUE INDEX directives_series_period_uq ON directives (series_id, period_key) WHERE series_id IS NOT NULL;

CREATE TABLE assignments (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL,
  directive_id  bigint NOT NULL REFERENCES directives (id),
  org_id        bigint NOT NULL REFERENCES orgs (id),
  org_path      text NOT NULL,
  due_date      date NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','reported')),
  outcome       text CHECK (outcome IN ('done','partly','not_done')),
  reason        text,
  report        text,
  figures       jsonb NOT NULL DEFAULT '{}'::jsonb,
  reported_at   timestamptz,
  reported_by   bigint,
  late          boolean NOT NULL DEFAULT false,
  version       int NOT NULL DEFAULT 1,
  UNIQUE (directive_id, org_id)
);
CREATE INDEX assignments_org_idx ON assignments (org_id, status, due_date);
CREATE INDEX assignments_path_idx ON assignments (org_path text_pattern_ops, due_date);
ALTER TABLE directives ADD CONSTRAINT directives_parent_fk FOREIGN KEY (parent_assignment_id) REFERENCES assignments (id);

-- Recurring directives: a template issued on a cadence (weekly on a weekday, monthly, quarterly, yearly).
CREATE TABLE directive_series (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL REFERENCES orgs (id),
  issuer_org_id   bigint NOT NULL REFERENCES orgs (id),
  issuer_path     text NOT NULL,
  kind            text NOT NULL,
  title           text NOT NULL,
  content         text NOT NULL DEFAULT '',
  form            jsonb NOT NULL DEFAULT '[]'::jsonb,
  targets         jsonb NOT NULL,            -- {"orgIds":[…]} or {"type":"station"} (all of a type below the issuer)
  frequency       text NOT NULL CHECK (frequency IN ('weekly','monthly','quarterly','yearly')),
  weekday         int CHECK (weekday BETWEEN 1 AND 7),   -- weekly: ISO weekday it is issued on
  due_days        int NOT NULL DEFAULT 3 CHECK (due_days BETWEEN 0 AND 366),
  allow_late      boolean NOT NULL DEFAULT true,
  active          boolean NOT NULL DEFAULT true,
  created_by      bigint,
  created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE directives ADD CONSTRAINT directives_series_fk FOREIGN KEY (series_id) REFERENCES directive_series (id);

-- 督查: inspections of orgs, their findings (each may become a ledger problem), bulletins, and
-- accountability records.
CREATE TABLE inspections (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  org_id         bigint NOT NULL REFERENCES orgs (id),     -- the inspecting org
  org_path       text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('station_biweekly','unannounced','quarterly_evaluation','half_year_review','annual_review','other')),
  inspected_on   date NOT NULL,
  inspectors     text NOT NULL,
  target_org_ids bigint[] NOT NULL,
  target_paths   text[] NOT NULL,                          -- for scope: the targets see it too
  summary        text,
  score          numeric(5,1) CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
  comment        text,                         -- 讲评
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_path_idx ON inspections (org_path text_pattern_ops, inspected_on);

CREATE TABLE inspection_findings (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id    bigint NOT NULL REFERENCES inspections (id),
  county_id        bigint NOT NULL,
  target_org_id    bigint NOT NULL REFERENCES orgs (id),
  target_path      text NOT NULL,
  description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  problem_case_id  bigint REFERENCES cases (id)
);
CREATE INDEX inspection_findings_inspection_idx ON inspection_findings (inspection_id);
ALTER TABLE problems ADD COLUMN finding_id bigint REFERENCES inspection_findings (id);

CREATE TABLE bulletins (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  issuer_org_id  bigint NOT NULL REFERENCES orgs (id),
  issuer_path    text NOT NULL,
  inspection_id  bigint REFERENCES inspections (id),
  title          text NOT NULL,
  content        text NOT NULL,
  published_at   timestamptz NOT NULL DEFAULT now(),
  created_by     bigint
);
CREATE INDEX bulletins_path_idx ON bulletins (issuer_path text_pattern_ops, published_at DESC);

CREATE TABLE accountability_records (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL REFERENCES orgs (id),
  kind             text NOT NULL CHECK (kind IN ('notice_criticism','rectify_within_deadline','talk','admonition_talk','removal','public_self_criticism')),
  target_org_id    bigint REFERENCES orgs (id),
  target_person_id bigint REFERENCES persons (id),
  target_path      text NOT NULL,
  reason           text NOT NULL,
  inspection_id    bigint REFERENCES inspections (id),
  problem_case_id  bigint REFERENCES cases (id),
  decided_on       date NOT NULL,
  decided_by_org   bigint NOT NULL REFERENCES orgs (id),
  created_by       bigint,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (target_org_id IS NOT NULL OR target_person_id IS NOT NULL)
);
CREATE INDEX accountability_path_idx ON accountability_records (target_path text_pattern_ops);
