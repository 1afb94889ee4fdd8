-- 项目化推进 (issue 17, seeds 004 and 002): a Party-building service project is a case
-- (case_type 'project') on the case engine: proposed → reviewed → approved → in progress →
-- year-end account (年交账) → closed (销号) or carried over into a new year's project.
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- The project's own row, one per case.
CREATE TABLE projects (
  case_id          bigint PRIMARY KEY REFERENCES cases (id),
  county_id        bigint NOT NULL,
  year             int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  aim              text NOT NULL CHECK (aim IN ('service','cadre','mechanism')),      -- 优化服务功能 / 提升干部素质 / 完善落实机制
  class            text NOT NULL CHECK (class IN ('key','hard','weak')),             -- 重点 / 难点 / 弱点
  description      text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  leader_post_id   bigint REFERENCES posts (id),                                     -- 书记牵头领办
  budget_fen       bigint NOT NULL DEFAULT 0 CHECK (budget_fen >= 0),                -- money in fen
  sending_unit     text CHECK (sending_unit IS NULL OR length(sending_unit) BETWEEN 1 AND 100), -- 第一书记帮扶项目: 派出单位
  sending_org_id   bigint REFERENCES orgs (id),
  carried_from     bigint REFERENCES cases (id),                                     -- the previous year's project it continues
  year_score       numeric(5,1) CHECK (year_score IS NULL OR (year_score >= 0 AND year_score <= 100)), -- 年交账 appraisal
  year_grade       text CHECK (year_grade IS NULL OR year_grade IN ('excellent','good','pass','fail')),
  year_summary     text CHECK (year_summary IS NULL OR length(year_summary) <= 4000),
  excellent        boolean NOT NULL DEFAULT false,                                   -- 评选优秀项目
  CHECK (year_grade IS NULL OR year_score IS NOT NULL)
);
CREATE INDEX projects_county_year_idx ON projects (county_id, year, aim, class);
CREATE UNIQUE INDEX projects_carried_from_uq ON projects (carried_from) WHERE carried_from IS NOT NULL;

-- 班子成员具体承办 (undertakers: a post at the unit) and 党员认岗照办 (a member claims a role).
CREATE TABLE project_people (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES projects (case_id),
  county_id   bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('undertaker','member')),
  post_id     bigint REFERENCES posts (id),
  person_id   bigint NOT NULL REFERENCES persons (id),
  role        text NOT NULL CHECK (length(role) BETWEEN 1 AND 60),
  claimed_on  date NOT NULL,
  UNIQUE (project_id, kind, person_id)
);

-- 挂图作战: the route map's milestones, each done with a note, or overdue after its date.
CREATE TABLE project_milestones (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES projects (case_id),
  county_id   bigint NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_on      date NOT NULL,
  done_on     date,
  note        text CHECK (note IS NULL OR length(note) <= 2000),
  version     int NOT NULL DEFAULT 1,
  CHECK (done_on IS NULL OR note IS NOT NULL)
);
CREATE INDEX project_milestones_project_idx ON project_milestones (project_id, due_on);
-- the board's overdue milestones and the home page's "due within 7 days"
CREATE INDEX project_milestones_open_idx ON project_milestones (county_id, due_on) WHERE done_on IS NULL;

-- 月报告: one monthly report request per project and month, issued by the dispatch engine (a
-- directive of kind 'report' from the county to the project's unit); the answer is its assignment.
CREATE TABLE project_reports (
  project_id     bigint NOT NULL REFERENCES projects (case_id),
  period         text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  county_id      bigint NOT NULL,
  directive_id   bigint NOT NULL REFERENCES directives (id),
  assignment_id  bigint NOT NULL REFERENCES assignments (id),
  PRIMARY KEY (project_id, period)
);
CREATE INDEX project_reports_assignment_idx ON project_reports (assignment_id);

-- 季督查 and 三不问责 linked to a project (the records live in the inspections module).
CREATE TABLE project_links (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id  bigint NOT NULL REFERENCES projects (case_id),
  county_id   bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('inspection','accountability')),
  ref_id      bigint NOT NULL,
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, kind, ref_id)
);

-- The county's monthly report day (1–28; default the 25th) — a county setting, not a tenant row.
CREATE TABLE project_settings (
  county_id   bigint PRIMARY KEY REFERENCES orgs (id),
  report_day  int NOT NULL CHECK (report_day BETWEEN 1 AND 28),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
