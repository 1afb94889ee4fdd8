-- The case engine (事项): anything opened, handled and closed — ledger problems and tasks first,
-- citizen requests, whistle cases and projects next. The engine owns `cases` and `case_events`;
-- each case type keeps its own fields in its own table keyed by case id.

CREATE TABLE cases (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id           bigint NOT NULL REFERENCES orgs (id),
  case_type           text NOT NULL CHECK (case_type ~ '^[a-z_]{2,30}$'),
  -- the org where the matter lies (a village, a station …) and a copy of its path for scope
  org_id              bigint NOT NULL REFERENCES orgs (id),
  org_path            text NOT NULL,
  status              text NOT NULL CHECK (status ~ '^[a-z_]{2,30}$'),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  deadline            date,                 -- China Standard Time, end of that day
  opened_at           timestamptz NOT NULL DEFAULT now(),
  resolved_at         timestamptz,          -- the deadline clock stops (e.g. a problem accepted)
  closed_at           timestamptz,          -- set when the case reaches a final state
  supervision_due     date,                 -- 督办: the next supervision date, per the type's cadence
  escalated_to_org_id bigint REFERENCES orgs (id),  -- overdue: visible one level up
  created_by          bigint,
  version             int NOT NULL DEFAULT 1,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_scope_idx ON cases (case_type, org_path text_pattern_ops, id);
CREATE INDEX cases_county_status_idx ON cases (county_id, case_type, status);
CREATE INDEX cases_open_deadline_idx ON cases (case_type, deadline) WHERE resolved_at IS NULL;
CREATE INDEX cases_supervision_idx ON cases (case_type, supervision_due) WHERE resolved_at IS NULL;

-- The timeline: transitions, comments, attachments, supervision; appended in the same transaction
-- as the change, hash-chained per case, never updated or deleted.
CREATE TABLE case_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES cases (id),
  county_id    bigint NOT NULL,
  seq          int NOT NULL,
  at           timestamptz NOT NULL,
  account_id   bigint,
  actor_name   text NOT NULL,
  actor_org_id bigint,
  kind         text NOT NULL CHECK (kind IN ('open','transition','comment','attachment','supervision','escalation','edit')),
  transition   text,
  from_status  text,
  to_status    text,
  body         text,
  data         jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  UNIQUE (case_id, seq)
);

CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();

-- Attachments of a case's timeline, stored in the database (backed up with it).
CREATE TABLE attachments (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  case_id     bigint NOT NULL REFERENCES cases (id),
  event_id    bigint REFERENCES case_events (id),
  file_name   text NOT NULL,
  mime_type   text NOT NULL,
  size_bytes  int NOT NULL,
  sha256      text NOT NULL,
  content     bytea NOT NULL,
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_case_idx ON attachments (case_id);

-- 问题台账: the ledger's own fields of a problem case.
CREATE TABLE problems (
  case_id                bigint PRIMARY KEY REFERENCES cases (id),
  county_id              bigint NOT NULL,
  source                 text NOT NULL CHECK (source IN ('superior_feedback','provincial_bulletin',
                           'station_inspection','citizen','inspection_tour','other')),
  category               text NOT NULL,
  description            text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  measures               text,                 -- 整改措施
  progress               text,                 -- 整改进展 (latest)
  responsible_org_id     bigint NOT NULL REFERENCES orgs (id),
  responsible_person     text,                 -- 责任人 (name as counties write it)
  responsible_person_id  bigint REFERENCES persons (id),
  checker_account_id     bigint REFERENCES accounts (id),   -- 专人检查验收
  closure_opinion        text,                 -- 站长销号意见
  public_summary         text,                 -- 反馈公示 (no personal data)
  published_at           timestamptz,
  reported_to_org_id     bigint REFERENCES orgs (id),       -- reported to the township committee
  returned_count         int NOT NULL DEFAULT 0,
  source_ref             text                  -- e.g. the bulletin number it came from
);

-- Per-county configuration of the ledger: categories and who signs closures.
CREATE TABLE ledger_settings (
  county_id          bigint PRIMARY KEY REFERENCES orgs (id),
  categories         text[] NOT NULL,
  supervision_days   int NOT NULL DEFAULT 15 CHECK (supervision_days BETWEEN 1 AND 90),
  closure_signer     text NOT NULL DEFAULT 'station_admin'
);
