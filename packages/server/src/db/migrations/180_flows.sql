-- 小微权力 (seed 001): the county's power-operation flows as data, editioned; matters run against an
-- edition on the case engine (their own row and their steps beside the case); documents attached to
-- a step; the county's duty-list template and each village's copy.

CREATE TABLE flow_templates (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL REFERENCES orgs (id),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  category        text NOT NULL CHECK (category IN ('major_decision', 'project', 'large_spending', 'land_contract', 'other')),
  description     text NOT NULL DEFAULT '',
  current_edition int NOT NULL DEFAULT 1,
  created_by      bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         int NOT NULL DEFAULT 1,
  UNIQUE (county_id, name)
);

-- An edition's steps never change once a matter started on it: an edit of a flow in use writes a new edition.
CREATE TABLE flow_editions (
  flow_id    bigint NOT NULL REFERENCES flow_templates (id),
  edition    int NOT NULL CHECK (edition >= 1),
  county_id  bigint NOT NULL REFERENCES orgs (id),
  steps      jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) >= 1),
  created_by bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_id, edition)
);

CREATE TABLE flow_matters (
  case_id      bigint PRIMARY KEY REFERENCES cases (id),
  county_id    bigint NOT NULL REFERENCES orgs (id),
  flow_id      bigint NOT NULL,
  edition      int NOT NULL,
  summary      text NOT NULL,
  amount_fen   bigint CHECK (amount_fen IS NULL OR amount_fen >= 0),
  current_step int NOT NULL DEFAULT 0 CHECK (current_step >= 0),
  FOREIGN KEY (flow_id, edition) REFERENCES flow_editions (flow_id, edition)
);
CREATE INDEX flow_matters_flow_idx ON flow_matters (flow_id, edition);

-- One row per step of a matter, written when the matter opens (the edition's steps copied for the record).
CREATE TABLE flow_matter_steps (
  case_id       bigint NOT NULL REFERENCES cases (id),
  idx           int NOT NULL CHECK (idx >= 0),
  county_id     bigint NOT NULL REFERENCES orgs (id),
  started_on    date,
  due_on        date,
  completed_on  date,
  completed_by  bigint,
  actor_name    text,
  result        text,
  meeting_id    bigint REFERENCES meetings (id),
  is_public     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, idx)
);
-- the public page's results of a unit
CREATE INDEX flow_matter_steps_public_idx ON flow_matter_steps (case_id) WHERE is_public AND completed_on IS NOT NULL;

CREATE TABLE flow_matter_documents (
  attachment_id bigint PRIMARY KEY REFERENCES attachments (id),
  case_id       bigint NOT NULL REFERENCES cases (id),
  county_id     bigint NOT NULL REFERENCES orgs (id),
  step_idx      int NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 40)
);
CREATE INDEX flow_matter_documents_case_idx ON flow_matter_documents (case_id, step_idx);

-- 失职预警: running matters by the current step's due date under a subtree (the overdue list and its roll-up)
CREATE INDEX cases_flow_overdue_idx ON cases (deadline, org_path text_pattern_ops) WHERE case_type = 'flow_matter' AND status = 'running';

CREATE TABLE duty_templates (
  county_id  bigint PRIMARY KEY REFERENCES orgs (id),
  posts      jsonb NOT NULL CHECK (jsonb_typeof(posts) = 'array'),
  updated_by bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    int NOT NULL DEFAULT 1
);

CREATE TABLE duty_lists (
  org_id     bigint PRIMARY KEY REFERENCES orgs (id),
  county_id  bigint NOT NULL REFERENCES orgs (id),
  org_path   text NOT NULL,
  posts      jsonb NOT NULL CHECK (jsonb_typeof(posts) = 'array'),
  updated_by bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version    int NOT NULL DEFAULT 1
);
CREATE INDEX duty_lists_scope_idx ON duty_lists (org_path text_pattern_ops);
