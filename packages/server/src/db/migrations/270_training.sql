-- 教育培训: the county's menu categories and course catalogue, training sessions with their target
-- group and the attendance ticked from the roster (person-times are counted from these rows, never
-- typed), and the 书记讲党课 / 三个讲一次 talks (linked to the organizational-life 党课 meeting when
-- one was recorded, so a lecture is entered once).
CREATE TABLE training_categories (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_id, name)
);

CREATE TABLE training_courses (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  org_id      bigint NOT NULL REFERENCES orgs (id),   -- whose catalogue: the county's or a township's
  org_path    text NOT NULL,
  category_id bigint NOT NULL REFERENCES training_categories (id),
  topic       text NOT NULL,
  lecturer    text NOT NULL,
  mode        text NOT NULL CHECK (mode IN ('concentrated', 'mobile', 'site', 'delivered')),
  hours       int NOT NULL CHECK (hours BETWEEN 1 AND 200),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_courses_county_idx ON training_courses (county_id, id);

CREATE TABLE training_sessions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id       bigint NOT NULL,
  course_id       bigint NOT NULL REFERENCES training_courses (id),
  org_id          bigint NOT NULL REFERENCES orgs (id),   -- the unit holding it
  org_path        text NOT NULL,
  held_on         date NOT NULL,
  place           text NOT NULL,
  target_org_id   bigint NOT NULL REFERENCES orgs (id),   -- the subtree it is for
  target_org_path text NOT NULL,
  groups          text[] NOT NULL DEFAULT '{}',           -- TRAINING_GROUPS; empty: everyone in the subtree
  created_by      bigint,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (target_org_path LIKE org_path || '%'),
  CHECK (groups <@ ARRAY['committee', 'member', 'activist', 'reserve', 'first_secretary']::text[])
);
CREATE INDEX training_sessions_path_idx ON training_sessions (org_path text_pattern_ops, held_on);
CREATE INDEX training_sessions_course_idx ON training_sessions (course_id);

CREATE TABLE training_attendance (
  session_id  bigint NOT NULL REFERENCES training_sessions (id),
  person_id   bigint NOT NULL REFERENCES persons (id),
  county_id   bigint NOT NULL,
  ticked_by   bigint,
  ticked_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX training_attendance_person_idx ON training_attendance (person_id);

CREATE TABLE training_talks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id   bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('secretary_lecture', 'three_talks')),
  org_id      bigint NOT NULL REFERENCES orgs (id),
  org_path    text NOT NULL,
  speaker_id  bigint NOT NULL REFERENCES persons (id),
  held_on     date NOT NULL,
  topic       text NOT NULL,
  item        text CHECK (item IN ('quote', 'experience', 'habit')),
  meeting_id  bigint UNIQUE REFERENCES meetings (id),    -- the 党课 meeting of organizational life, entered once there
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'three_talks') = (item IS NOT NULL))
);
CREATE INDEX training_talks_path_idx ON training_talks (org_path text_pattern_ops, held_on);
CREATE INDEX training_talks_speaker_idx ON training_talks (speaker_id);
