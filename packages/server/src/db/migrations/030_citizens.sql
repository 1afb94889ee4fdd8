-- Serving citizens: errands (群众事项代办) as cases, whistle-and-report (吹哨报到) to departments,
-- household visits (民情日记), grids and in-service members (双报到), vulnerable households (包保).

CREATE TABLE citizen_requests (
  case_id            bigint PRIMARY KEY REFERENCES cases (id),
  county_id          bigint NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('station','village','grid','phone','visit','public','diary')),
  category           text NOT NULL CHECK (category IN ('errand','consultation','complaint','conflict','assistance','other')),
  matter             text NOT NULL CHECK (length(matter) BETWEEN 1 AND 4000),
  citizen_name       text NOT NULL CHECK (length(citizen_name) BETWEEN 1 AND 50),
  phone_enc          text,
  phone_hash         text,
  phone_mask         text,
  tracking_code      text NOT NULL UNIQUE,
  first_owner_id     bigint REFERENCES accounts (id),  -- 首问负责: the first one asked owns it
  owner_id           bigint REFERENCES accounts (id),  -- until handed over
  responded_at       timestamptz,                      -- first claimed (响应)
  promised_date      date,                             -- 办事承诺
  outcome            text,
  resolved           boolean,                          -- solved, or answered without a solution
  rating             text CHECK (rating IN ('satisfied','basic','unsatisfied')),
  rating_comment     text,
  rated_at           timestamptz,
  reported_to_org_id bigint REFERENCES orgs (id),      -- 情况报告
  visit_id           bigint                            -- opened from a diary visit
);
CREATE INDEX citizen_requests_phone_idx ON citizen_requests (phone_hash);

-- 吹哨报到: a township or village escalates a request or a ledger problem to departments.
CREATE TABLE whistles (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL REFERENCES orgs (id),
  source_case_id  bigint NOT NULL REFERENCES cases (id),
  whistler_org_id bigint NOT NULL REFERENCES orgs (id),
  whistler_path   text NOT NULL,
  matter          text NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open','done')),
  created_by      bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  done_at         timestamptz
);
CREATE INDEX whistles_whistler_idx ON whistles (whistler_path text_pattern_ops, created_at);

CREATE TABLE whistle_parts (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  whistle_id         bigint NOT NULL REFERENCES whistles (id),
  county_id          bigint NOT NULL,
  department_id      bigint NOT NULL REFERENCES orgs (id),
  department_path    text NOT NULL,
  status             text NOT NULL DEFAULT 'whistled' CHECK (status IN ('whistled','reported','handling','done','declined','rerouted')),
  part               text,                 -- what this department claims
  reported_at        timestamptz,          -- 报到
  onsite_record      text,
  result             text,
  done_at            timestamptz,
  decline_reason     text,
  suggested_org_id   bigint REFERENCES orgs (id),
  judicial_transfer  boolean NOT NULL DEFAULT false,   -- 移交公检法
  created_at         timestamptz NOT NULL DEFAULT now(),
  version            int NOT NULL DEFAULT 1
);
CREATE INDEX whistle_parts_department_idx ON whistle_parts (department_id, status);

-- 民情日记: a cadre's household visit; it may open a request in one step.
CREATE TABLE visits (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL REFERENCES orgs (id),
  account_id    bigint NOT NULL REFERENCES accounts (id),
  cadre_level   text NOT NULL CHECK (cadre_level IN ('county','township','village','hamlet')),
  org_id        bigint NOT NULL REFERENCES orgs (id),   -- the village (or community) visited
  org_path      text NOT NULL,
  household_id  bigint,
  household     text NOT NULL,
  visited_on    date NOT NULL,
  heard         text NOT NULL,
  follow_up     text,
  request_case_id bigint REFERENCES cases (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visits_path_idx ON visits (org_path text_pattern_ops, visited_on);
CREATE INDEX visits_account_idx ON visits (account_id, visited_on);

-- 包保: vulnerable households with contacts at four levels.
CREATE TABLE households (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id          bigint NOT NULL REFERENCES orgs (id),
  org_id             bigint NOT NULL REFERENCES orgs (id),
  org_path           text NOT NULL,
  head_name          text NOT NULL,
  categories         text[] NOT NULL,    -- elderly, sick, disabled, widowed, orphaned, lonely
  address            text,
  county_contact     bigint REFERENCES persons (id),
  township_contact   bigint REFERENCES persons (id),
  village_contact    bigint REFERENCES persons (id),
  hamlet_contact     bigint REFERENCES persons (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_path_idx ON households (org_path text_pattern_ops);
ALTER TABLE visits ADD CONSTRAINT visits_household_fk FOREIGN KEY (household_id) REFERENCES households (id);

-- 双报到: in-service Party members registered with a grid, and the practical things they did.
CREATE TABLE grid_registrations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  grid_id        bigint NOT NULL REFERENCES orgs (id),
  grid_path      text NOT NULL,
  person_id      bigint NOT NULL REFERENCES persons (id),
  registered_on  date NOT NULL,
  UNIQUE (grid_id, person_id)
);
CREATE TABLE grid_deeds (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id  bigint NOT NULL REFERENCES grid_registrations (id),
  county_id        bigint NOT NULL,
  grid_path        text NOT NULL,
  done_on          date NOT NULL,
  description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grid_deeds_path_idx ON grid_deeds (grid_path text_pattern_ops, done_on);
