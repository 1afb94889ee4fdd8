-- Foundation: org tree, people and posts, accounts and sessions, the audit log.
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18): no uuidv7(), no virtual generated columns.
-- Every tenant table carries county_id (the tenant of a Citus multi-tenant layout).

-- 组织树: typed nodes with a materialized path '/<id>/<id>/…/' of ancestor ids, self included.
CREATE TABLE orgs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint,                      -- the county the node belongs to (NULL above a county)
  parent_id   bigint REFERENCES orgs (id),
  type        text NOT NULL CHECK (type IN ('province','county','township','station','village',
                'community','agency','enterprise','social_org','party_group','grid','department')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  code        text,                        -- an external code (统一社会信用代码, 区划代码) if known
  path        text NOT NULL,
  depth       int NOT NULL,
  uses_stations boolean NOT NULL DEFAULT false, -- township: its villages are grouped into stations
  is_pilot    boolean NOT NULL DEFAULT false,   -- station: 试点/示范站
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
  sort        int NOT NULL DEFAULT 0,
  version     int NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  closed_at   timestamptz
);
CREATE UNIQUE INDEX orgs_path_uq ON orgs (path text_pattern_ops);
CREATE INDEX orgs_parent_idx ON orgs (parent_id, sort, id);
CREATE INDEX orgs_county_type_idx ON orgs (county_id, type);
-- Siblings may not share a name while both are open.
CREATE UNIQUE INDEX orgs_sibling_name_uq ON orgs (parent_id, name) WHERE status = 'active';

-- 人员: a person may be a member, a cadre, a citizen. Personal data is encrypted; a keyed hash
-- beside it serves exact look-ups and uniqueness; the masked form is what responses show.
CREATE TABLE persons (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL REFERENCES orgs (id),
  org_id          bigint NOT NULL REFERENCES orgs (id),  -- the org the person is registered with
  org_path        text NOT NULL,                         -- copy of orgs.path for subtree scans
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  gender          text NOT NULL CHECK (gender IN ('male','female')),
  ethnicity       text NOT NULL DEFAULT '汉族',
  birth_date      date,
  id_number_enc   text,
  id_number_hash  text,
  id_number_mask  text,
  phone_enc       text,
  phone_hash      text,
  phone_mask      text,
  education       text CHECK (education IN ('primary','junior','senior','vocational','college',
                    'bachelor','master','doctor')),
  -- 党员: NULL when the person is not a Party member
  member_status   text CHECK (member_status IN ('formal','probationary')),
  join_date       date,
  full_date       date,                                   -- 转正日期
  party_group_id  bigint REFERENCES orgs (id),
  flow_status     text NOT NULL DEFAULT 'none' CHECK (flow_status IN ('none','outflow','inflow')),
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active','left','deceased')),
  version         int NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX persons_id_number_uq ON persons (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX persons_org_path_idx ON persons (org_path text_pattern_ops, id);
CREATE INDEX persons_org_idx ON persons (org_id, id);
CREATE INDEX persons_county_name_idx ON persons (county_id, name);
CREATE INDEX persons_phone_idx ON persons (phone_hash) WHERE phone_hash IS NOT NULL;

-- 岗位: person × org × role with a term.
CREATE TABLE posts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL REFERENCES orgs (id),
  org_id        bigint NOT NULL REFERENCES orgs (id),
  org_path      text NOT NULL,
  person_id     bigint NOT NULL REFERENCES persons (id),
  role          text NOT NULL CHECK (role IN ('secretary','deputy_secretary','committee_member',
                  'village_director','militia_head','youth_league_secretary','women_chair',
                  'clerk','supervision_director','first_secretary','station_chief',
                  'deputy_station_chief','party_worker','grid_worker','township_committee_member',
                  'department_head')),
  concurrent    boolean NOT NULL DEFAULT false,  -- 一肩挑: secretary is also village director
  sent_from     text,                            -- 第一书记/驻村干部: the unit that sent them
  start_date    date NOT NULL,
  end_date      date,
  note          text,
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX posts_org_path_idx ON posts (org_path text_pattern_ops);
CREATE INDEX posts_person_idx ON posts (person_id);

-- 后备干部库
CREATE TABLE reserve_cadres (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL REFERENCES orgs (id),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  person_id   bigint NOT NULL REFERENCES persons (id),
  target_role text NOT NULL,
  added_on    date NOT NULL,
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active','appointed','removed')),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reserve_cadres_person_uq ON reserve_cadres (person_id) WHERE status = 'active';
CREATE INDEX reserve_cadres_org_path_idx ON reserve_cadres (org_path text_pattern_ops);

-- 账号: a login with roles and a scope org; sees and acts on that subtree only.
CREATE TABLE accounts (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  roles                text[] NOT NULL,
  scope_org_id         bigint NOT NULL REFERENCES orgs (id),
  person_id            bigint REFERENCES persons (id),
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  failed_logins        int NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  -- 三员分立: the system, security and audit administrators are never the same account.
  CHECK ((CASE WHEN 'sys_admin' = ANY (roles) THEN 1 ELSE 0 END
        + CASE WHEN 'sec_admin' = ANY (roles) THEN 1 ELSE 0 END
        + CASE WHEN 'audit_admin' = ANY (roles) THEN 1 ELSE 0 END) <= 1)
);

CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES accounts (id),
  csrf_token    text NOT NULL,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Failed logins per source address (lock by account and by IP).
CREATE TABLE login_failures (
  ip      text NOT NULL,
  at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, at);

-- 审计日志: append-only and hash-chained; the database refuses UPDATE and DELETE.
CREATE TABLE audit_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  county_id    bigint,
  account_id   bigint,
  username     text,
  action       text NOT NULL,
  object_type  text,
  object_id    text,
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
  result       text NOT NULL CHECK (result IN ('success','failure','denied')),
  ip           text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, id DESC);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Idempotency keys: a retried submission answers the first response.
CREATE TABLE idempotency_keys (
  key         text NOT NULL,
  account_id  bigint NOT NULL,
  status      int NOT NULL,
  body        jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, key)
);

-- Long-running jobs (imports) and their progress.
CREATE TABLE jobs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id),
  kind        text NOT NULL,
  status      text NOT NULL CHECK (status IN ('running','done','failed')),
  total       int NOT NULL DEFAULT 0,
  processed   int NOT NULL DEFAULT 0,
  result      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_county_idx ON audit_log (county_id, id DESC);
