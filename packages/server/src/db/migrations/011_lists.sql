-- 三个清单: besides the problem ledger, the task list (任务清单: tasks with owners and deadlines,
-- run as cases) and the responsibility list (责任清单: who answers for which duty) per org and year.

CREATE TABLE tasks (
  case_id        bigint PRIMARY KEY REFERENCES cases (id),
  county_id      bigint NOT NULL,
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  content        text NOT NULL CHECK (length(content) BETWEEN 1 AND 4000),
  -- the org whose yearly list it is (it confirms completion); the case itself lies at the owner
  -- org that does the work, so the owner sees it within its own scope
  list_org_id    bigint NOT NULL REFERENCES orgs (id),
  owner_person   text,
  result         text
);
CREATE INDEX tasks_year_idx ON tasks (county_id, year);

CREATE TABLE responsibilities (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL REFERENCES orgs (id),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  post_role   text,
  person_id   bigint REFERENCES persons (id),
  duty        text NOT NULL CHECK (length(duty) BETWEEN 1 AND 2000),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active','removed')),
  version     int NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (post_role IS NOT NULL OR person_id IS NOT NULL)
);
CREATE INDEX responsibilities_scope_idx ON responsibilities (org_path text_pattern_ops, year);
