-- 干部队伍与发展党员 (issue 16, seeds 000–004).
-- Runs on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- 岗位: how the holder came to the post (选任方式) and the 公职化 status of a village secretary
-- (seed 001: 对工作业绩突出、符合标准的村党组织书记，参照乡镇机关干部实施公职化管理).
ALTER TABLE posts ADD COLUMN selection_channel text
  CHECK (selection_channel IN ('elected','appointed','sent_township','sent_department','public_selection','college_graduate'));
ALTER TABLE posts ADD COLUMN civil_service boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN civil_service_date date;
ALTER TABLE posts ADD COLUMN civil_service_basis text CHECK (civil_service_basis IS NULL OR length(civil_service_basis) <= 200);
ALTER TABLE posts ADD CONSTRAINT posts_civil_service_dated CHECK (NOT civil_service OR civil_service_date IS NOT NULL);
-- the cadre ledger lists current posts of a subtree by role
CREATE INDEX posts_org_path_role_idx ON posts (org_path text_pattern_ops, role) WHERE end_date IS NULL;

-- 后备干部库 life cycle: add → train → appoint (the post it became) → remove.
ALTER TABLE reserve_cadres ADD COLUMN trained_on date;
ALTER TABLE reserve_cadres ADD COLUMN training text CHECK (training IS NULL OR length(training) <= 200);
ALTER TABLE reserve_cadres ADD COLUMN post_id bigint REFERENCES posts (id);
ALTER TABLE reserve_cadres ADD COLUMN ended_on date;
ALTER TABLE reserve_cadres ADD COLUMN end_reason text CHECK (end_reason IS NULL OR length(end_reason) <= 200);
ALTER TABLE reserve_cadres ADD COLUMN version int NOT NULL DEFAULT 1;
ALTER TABLE reserve_cadres ADD CONSTRAINT reserve_cadres_appointed_post CHECK (status <> 'appointed' OR post_id IS NOT NULL);

-- 发展党员: a person's way from applicant to full member is a case (case_type 'development'); this
-- is its own row, one per case, with the date of each step reached.
CREATE TABLE member_developments (
  case_id          bigint PRIMARY KEY REFERENCES cases (id),
  county_id        bigint NOT NULL,
  person_id        bigint NOT NULL REFERENCES persons (id),
  applied_on       date NOT NULL,   -- 递交入党申请书
  activist_on      date,            -- 确定为入党积极分子
  target_on        date,            -- 确定为发展对象
  admitted_on      date,            -- 接收为预备党员 (支部大会): the join date
  full_on          date,            -- 预备期满转为正式党员
  training_on      date,            -- 发展对象集中培训结业
  checks           jsonb NOT NULL DEFAULT '{}'::jsonb  -- step → the checkpoints confirmed at it
);
-- one path at a time per person (a finished or stopped one leaves room for none: the record stays)
CREATE UNIQUE INDEX member_developments_person_uq ON member_developments (person_id);
CREATE INDEX member_developments_county_idx ON member_developments (county_id);

-- The county's development path (national default when absent): minimum intervals and the
-- checkpoints each step confirms (e.g. a county's "131" 工作法). A county setting, not a tenant row.
CREATE TABLE development_paths (
  county_id   bigint PRIMARY KEY REFERENCES orgs (id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  config      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
