-- 称号认定 (issue 15; seed 003 四创建四争当, 000/004 示范): the county's designation kinds (county data,
-- saved as a whole set, each save a new version; the newest is in force) and the designations
-- themselves, each a case (case_type 'designation') with its own row here. The kind's name and
-- criteria are copied into the designation when nominated, so a later edit of the kinds does not
-- change what was checked. The stations' 县级试点 / 乡镇示范站 / “七一”表彰 stay in station_designations.
CREATE TABLE designation_kind_sets (
  county_id   bigint NOT NULL REFERENCES orgs (id),
  version     int NOT NULL CHECK (version >= 1),
  kinds       jsonb NOT NULL CHECK (jsonb_typeof(kinds) = 'array'),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, version)
);

CREATE TABLE designations (
  case_id       bigint PRIMARY KEY REFERENCES cases (id),
  county_id     bigint NOT NULL,
  kind_code     text NOT NULL CHECK (kind_code ~ '^[a-z][a-z0-9_]{1,39}$'),
  kind_name     text NOT NULL,
  sector        text NOT NULL CHECK (sector IN ('rural', 'agency', 'community', 'nonpublic', 'industry', 'demonstration')),
  target        text NOT NULL CHECK (target IN ('org', 'member', 'site', 'household')),
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  person_id     bigint REFERENCES persons (id),     -- the member (member, household)
  person_name   text,                               -- the member's name when nominated
  unit_name     text NOT NULL CHECK (length(unit_name) BETWEEN 1 AND 80),  -- as the register shows it
  citation      text NOT NULL CHECK (length(trim(citation)) BETWEEN 1 AND 2000), -- 推荐事迹
  criteria      jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),     -- [{code, text, met, note}]
  published_on  date,
  reviewed_year int CHECK (reviewed_year BETWEEN 2000 AND 2100),
  award_fen     bigint CHECK (award_fen IS NULL OR award_fen >= 0),
  CHECK ((target IN ('member', 'household')) = (person_id IS NOT NULL)),
  CHECK ((person_id IS NULL) = (person_name IS NULL))
);
CREATE INDEX designations_county_kind_idx ON designations (county_id, kind_code, year);
CREATE INDEX designations_person_idx ON designations (person_id) WHERE person_id IS NOT NULL;
