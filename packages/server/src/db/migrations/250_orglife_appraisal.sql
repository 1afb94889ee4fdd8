-- 民主评议党员, 述职评议 sessions and 调查研究 rounds (issue 14; issue 15's appraisal meetings).

-- The county may cap the share of 优秀 per branch and year (the seeds name no cap: NULL, no cap).
ALTER TABLE orglife_settings ADD COLUMN excellent_cap_pct int CHECK (excellent_cap_pct BETWEEN 1 AND 100);

-- 民主评议党员: one grade per member per year, entered by the member's branch; a correction
-- updates the row (version + 1) and is audited with the old and the new grade and the reason.
-- The follow-up of 基本合格 and 不合格 (帮教 / 限期改正 / 处置) lives on the same row.
CREATE TABLE member_appraisals (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id         bigint NOT NULL REFERENCES orgs (id),
  org_id            bigint NOT NULL REFERENCES orgs (id),
  org_path          text NOT NULL,
  person_id         bigint NOT NULL REFERENCES persons (id),
  year              int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  grade             text NOT NULL CHECK (grade IN ('excellent', 'qualified', 'basically_qualified', 'unqualified')),
  comment           text CHECK (length(comment) <= 500),
  followup_kind     text CHECK (followup_kind IN ('mentoring', 'correct_by_deadline', 'disposal')),
  followup_from     date,
  followup_due      date,
  followup_outcome  text CHECK (length(followup_outcome) <= 2000),
  followup_done_on  date,
  created_by        bigint,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           int NOT NULL DEFAULT 1,
  UNIQUE (county_id, person_id, year),
  CHECK (followup_kind IS NULL OR grade IN ('basically_qualified', 'unqualified')),
  CHECK (followup_due IS NULL OR followup_from IS NULL OR followup_due >= followup_from)
);
CREATE INDEX member_appraisals_scope_idx ON member_appraisals (org_path text_pattern_ops, year);

-- 述职评议 / 双述双评 / 三述职两评议一落实: a session held by a unit (a township, a station),
-- the reports given by the secretaries of the branches below (person and post), and the ballots
-- of the participants rating each reporter 好 / 较好 / 一般 / 差.
CREATE TABLE report_sessions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL REFERENCES orgs (id),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('report_appraisal', 'dual_report', 'three_reports')),
  held_on     date NOT NULL,
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  place       text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_sessions_scope_idx ON report_sessions (org_path text_pattern_ops, held_on);

CREATE TABLE session_reports (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id       bigint NOT NULL REFERENCES report_sessions (id),
  county_id        bigint NOT NULL,
  post_id          bigint NOT NULL,
  person_id        bigint NOT NULL REFERENCES persons (id),
  person_name      text NOT NULL,
  post_role        text NOT NULL,
  reporter_org_id  bigint NOT NULL REFERENCES orgs (id),
  reporter_path    text NOT NULL,
  summary          text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  UNIQUE (session_id, post_id)
);
CREATE INDEX session_reports_reporter_idx ON session_reports (reporter_path text_pattern_ops);

CREATE TABLE session_ballots (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id  bigint NOT NULL REFERENCES report_sessions (id),
  county_id   bigint NOT NULL,
  rater       text NOT NULL CHECK (length(rater) BETWEEN 1 AND 50),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, rater)
);

CREATE TABLE session_ratings (
  ballot_id  bigint NOT NULL REFERENCES session_ballots (id),
  report_id  bigint NOT NULL REFERENCES session_reports (id),
  county_id  bigint NOT NULL,
  rating     text NOT NULL CHECK (rating IN ('good', 'fairly_good', 'fair', 'poor')),
  PRIMARY KEY (ballot_id, report_id)
);
CREATE INDEX session_ratings_report_idx ON session_ratings (report_id);

-- 调查研究 (seed 000): a station's research round — plan (topic, villages, dates) → report (text,
-- files on the case's timeline) → the township's appraisal (grade, comment). A case type.
CREATE TABLE research_rounds (
  case_id        bigint PRIMARY KEY REFERENCES cases (id),
  county_id      bigint NOT NULL,
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  topic          text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
  village_ids    bigint[] NOT NULL,
  starts_on      date NOT NULL,
  ends_on        date NOT NULL CHECK (ends_on >= starts_on),
  report         text,
  reported_on    date,
  grade          text CHECK (grade IN ('excellent', 'good', 'pass', 'fail')),
  appraisal      text
);
CREATE INDEX research_rounds_year_idx ON research_rounds (county_id, year);
