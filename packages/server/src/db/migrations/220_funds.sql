-- 经费、报酬、表彰、阵地 (issue 17, seeds 000–003). Amounts in fen (bigint), never floats.
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- The county's fund standards per year, unit type and line (seed 002: 村办公经费 2.5 万、党建经费 0.8 万;
-- 社区工作经费 3 万、党建经费 1 万、服务群众专项经费 10 万; seed 003: 县直部门党委 5 万). A county setting.
CREATE TABLE fund_standards (
  county_id   bigint NOT NULL REFERENCES orgs (id),
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  unit_type   text NOT NULL CHECK (unit_type IN ('village','community','department','station','township')),
  line        text NOT NULL CHECK (line IN ('office','party_building','service')),
  annual_fen  bigint NOT NULL CHECK (annual_fen BETWEEN 0 AND 100000000000),
  PRIMARY KEY (county_id, year, unit_type, line)
);

-- One allocation per unit, year and line: the standard applied, adjustable with a reason.
CREATE TABLE fund_allocations (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL REFERENCES orgs (id),
  org_id        bigint NOT NULL REFERENCES orgs (id),
  org_path      text NOT NULL,
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  line          text NOT NULL CHECK (line IN ('office','party_building','service')),
  standard_fen  bigint CHECK (standard_fen IS NULL OR standard_fen >= 0),
  amount_fen    bigint NOT NULL CHECK (amount_fen BETWEEN 0 AND 100000000000),
  reason        text CHECK (reason IS NULL OR length(reason) <= 200),
  version       int NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year, line)
);
CREATE INDEX fund_allocations_path_idx ON fund_allocations (year, org_path text_pattern_ops);

-- Spending against an allocation (date, amount, purpose, an optional voucher image or PDF).
CREATE TABLE fund_spendings (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  allocation_id  bigint NOT NULL REFERENCES fund_allocations (id),
  org_path       text NOT NULL,
  spent_on       date NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen BETWEEN 1 AND 100000000000),
  purpose        text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 200),
  voucher_name   text,
  voucher_mime   text,
  voucher        bytea,
  recorded_by    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_spendings_allocation_idx ON fund_spendings (allocation_id);

-- 离任村干部生活补贴: the county's rule (years served before it is paid, the amount per year served, a cap).
CREATE TABLE former_cadre_rules (
  county_id              bigint PRIMARY KEY REFERENCES orgs (id),
  min_years              int NOT NULL CHECK (min_years BETWEEN 0 AND 60),
  per_year_served_fen    bigint NOT NULL CHECK (per_year_served_fen BETWEEN 0 AND 10000000),
  cap_fen                bigint NOT NULL CHECK (cap_fen BETWEEN 0 AND 100000000)
);

-- 表彰奖励 of any unit (a station's 七一 commendation stays a station designation and is listed beside these).
CREATE TABLE fund_awards (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL REFERENCES orgs (id),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  amount_fen  bigint NOT NULL CHECK (amount_fen BETWEEN 0 AND 100000000000),
  awarded_on  date,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_awards_path_idx ON fund_awards (year, org_path text_pattern_ops);

-- Facility checklists: the county's item lists (defaults in the contract), one checklist per unit
-- and kind with its items met or not, a photo per item, the investment and the township's grade.
CREATE TABLE facility_templates (
  county_id  bigint NOT NULL REFERENCES orgs (id),
  kind       text NOT NULL CHECK (kind IN ('station_six','township_six','village_ten')),
  items      jsonb NOT NULL,
  PRIMARY KEY (county_id, kind)
);

CREATE TABLE facility_checklists (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL REFERENCES orgs (id),
  org_id          bigint NOT NULL REFERENCES orgs (id),
  org_path        text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('station_six','township_six','village_ten')),
  grade           text CHECK (grade IN ('model','improved','frugal')),
  investment_fen  bigint NOT NULL DEFAULT 0 CHECK (investment_fen BETWEEN 0 AND 100000000000),
  version         int NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind)
);
CREATE INDEX facility_checklists_path_idx ON facility_checklists (kind, org_path text_pattern_ops);

CREATE TABLE facility_checklist_items (
  checklist_id  bigint NOT NULL REFERENCES facility_checklists (id),
  item_key      text NOT NULL CHECK (item_key ~ '^[a-z][a-z0-9_]{0,29}$'),
  met           boolean NOT NULL DEFAULT false,
  note          text CHECK (note IS NULL OR length(note) <= 200),
  photo_name    text,
  photo_mime    text,
  photo         bytea,
  PRIMARY KEY (checklist_id, item_key)
);

-- 阵地: 群众之家 (seed 001: 24 小时带班值班), 便民服务站, 党群服务中心 per unit, and who is on duty when.
CREATE TABLE venues (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  org_id         bigint NOT NULL REFERENCES orgs (id),
  org_path       text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('masses_home','service_station','service_center')),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  condition      text NOT NULL CHECK (condition IN ('good','needs_repair','under_repair','closed')),
  open_24h       boolean NOT NULL DEFAULT false,
  hours          text CHECK (hours IS NULL OR length(hours) <= 100),
  service_phone  text CHECK (service_phone IS NULL OR service_phone ~ '^[0-9][0-9-]{4,19}$'),
  version        int NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX venues_path_idx ON venues (org_path text_pattern_ops);

CREATE TABLE duty_shifts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL REFERENCES orgs (id),
  venue_id    bigint NOT NULL REFERENCES venues (id),
  org_path    text NOT NULL,
  person_id   bigint NOT NULL REFERENCES persons (id),
  role        text NOT NULL CHECK (length(role) BETWEEN 1 AND 30),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX duty_shifts_venue_idx ON duty_shifts (venue_id, starts_at);
