-- 公开选拔 · 换届 · 结对培养 (issue 16; seeds 001 头雁工程, 002 换届).
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- 公开选拔: a case (case_type 'public_selection') — 乡镇党委申报 → 公开报名 → 联审联查 → 笔试 → 面试
-- → 组织考察 → 任职. The case's org is the village whose post is filled; this is its own row.
CREATE TABLE public_selections (
  case_id          bigint PRIMARY KEY REFERENCES cases (id),
  county_id        bigint NOT NULL,
  township_id      bigint NOT NULL REFERENCES orgs (id),
  role             text NOT NULL CHECK (role IN ('secretary','first_secretary')),
  conditions       text NOT NULL CHECK (length(conditions) BETWEEN 1 AND 500),  -- 人选条件
  civil_service    boolean NOT NULL DEFAULT false,                                -- 公职化村党组织书记
  chosen_id        bigint,          -- the candidate under 组织考察
  post_id          bigint REFERENCES posts (id)
);
CREATE INDEX public_selections_county_idx ON public_selections (county_id);

CREATE TABLE selection_candidates (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  case_id          bigint NOT NULL REFERENCES public_selections (case_id),
  person_id        bigint NOT NULL REFERENCES persons (id),
  registered_on    date NOT NULL,
  vetting          text NOT NULL DEFAULT 'pending' CHECK (vetting IN ('pending','passed','failed')),
  vetting_reason   text CHECK (vetting_reason IS NULL OR length(vetting_reason) <= 200),
  written_score    numeric(4,1) CHECK (written_score IS NULL OR written_score BETWEEN 0 AND 100),
  interview_score  numeric(4,1) CHECK (interview_score IS NULL OR interview_score BETWEEN 0 AND 100),
  inspection       text CHECK (inspection IS NULL OR inspection IN ('passed','failed')),
  inspection_note  text CHECK (inspection_note IS NULL OR length(inspection_note) <= 500),
  CONSTRAINT selection_candidates_failed_unscored CHECK (vetting = 'passed' OR (written_score IS NULL AND interview_score IS NULL)),
  UNIQUE (case_id, person_id)
);

-- 换届: a township's round; each village goes recommend → inspect → elect, its results become posts.
CREATE TABLE election_rounds (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  org_id           bigint NOT NULL REFERENCES orgs (id),   -- the township
  org_path         text NOT NULL,
  year             int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year)
);
CREATE INDEX election_rounds_path_idx ON election_rounds (org_path text_pattern_ops);

CREATE TABLE election_villages (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  round_id         bigint NOT NULL REFERENCES election_rounds (id),
  org_id           bigint NOT NULL REFERENCES orgs (id),
  org_path         text NOT NULL,
  stage            text NOT NULL DEFAULT 'pending' CHECK (stage IN ('pending','recommended','inspected','elected')),
  recommended_on   date,
  inspected_on     date,
  elected_on       date,
  version          int NOT NULL DEFAULT 1,
  UNIQUE (round_id, org_id)
);
CREATE INDEX election_villages_path_idx ON election_villages (org_path text_pattern_ops);

CREATE TABLE election_candidates (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  village_id       bigint NOT NULL REFERENCES election_villages (id),
  person_id        bigint NOT NULL REFERENCES persons (id),
  role             text NOT NULL,
  inspection       text CHECK (inspection IS NULL OR inspection IN ('passed','failed')),
  inspection_reason text CHECK (inspection_reason IS NULL OR length(inspection_reason) <= 200),
  elected          boolean NOT NULL DEFAULT false,
  post_id          bigint REFERENCES posts (id),
  UNIQUE (village_id, person_id, role)
);

-- 结对培养: one-to-one or many-to-one; mentors are committee members or cadres, the mentee a young
-- cadre, a reserve cadre or a development target. The pair belongs to the mentee's township.
CREATE TABLE mentoring_pairs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  org_id           bigint NOT NULL REFERENCES orgs (id),   -- the township
  org_path         text NOT NULL,
  mode             text NOT NULL CHECK (mode IN ('one_to_one','many_to_one')),
  mentee_id        bigint NOT NULL REFERENCES persons (id),
  mentee_kind      text NOT NULL CHECK (mentee_kind IN ('young_cadre','reserve_cadre','development_target')),
  started_on       date NOT NULL,
  goal             text CHECK (goal IS NULL OR length(goal) <= 300),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentoring_pairs_path_idx ON mentoring_pairs (org_path text_pattern_ops);
CREATE UNIQUE INDEX mentoring_pairs_mentee_uq ON mentoring_pairs (mentee_id);

CREATE TABLE mentoring_mentors (
  pair_id          bigint NOT NULL REFERENCES mentoring_pairs (id),
  county_id        bigint NOT NULL,
  person_id        bigint NOT NULL REFERENCES persons (id),
  mentor_kind      text NOT NULL CHECK (mentor_kind IN ('committee_member','cadre')),
  PRIMARY KEY (pair_id, person_id)
);
CREATE INDEX mentoring_mentors_person_idx ON mentoring_mentors (person_id);

CREATE TABLE mentoring_contacts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL,
  pair_id          bigint NOT NULL REFERENCES mentoring_pairs (id),
  contacted_on     date NOT NULL,
  way              text NOT NULL CHECK (way IN ('visit','talk','phone','online','practice')),
  content          text NOT NULL CHECK (length(content) BETWEEN 1 AND 500),
  created_by       bigint,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentoring_contacts_pair_idx ON mentoring_contacts (pair_id, contacted_on);
