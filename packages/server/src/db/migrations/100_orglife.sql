-- 组织生活 (issue 14): 三会一课, 主题党日 and the other meeting types a county counts, each with a
-- yearly frequency per unit type; the meeting record entered once (attendance ticked from the
-- roster); the 主题党日 filing as a case type on the case engine, linked to the meeting it became.

-- A county's rules: the meeting types, their frequencies and the back-dating window. No row: the
-- DOMAIN.md §12 defaults (the service answers them).
CREATE TABLE orglife_settings (
  county_id      bigint PRIMARY KEY REFERENCES orgs (id),
  backdate_days  int NOT NULL DEFAULT 7 CHECK (backdate_days BETWEEN 0 AND 90),
  types          jsonb NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- 会议记录: one meeting of a unit (a branch, a station, a township committee …).
CREATE TABLE meetings (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id        bigint NOT NULL REFERENCES orgs (id),
  org_id           bigint NOT NULL REFERENCES orgs (id),
  org_path         text NOT NULL,
  type_code        text NOT NULL CHECK (type_code ~ '^[a-z_]{2,40}$'),
  held_on          date NOT NULL,
  place            text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  host             text NOT NULL CHECK (length(host) BETWEEN 1 AND 50),
  by_secretary     boolean NOT NULL DEFAULT false,   -- 党课 given by the branch secretary
  topic            text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
  minutes          text,
  decisions        text,
  activity_kind    text,                             -- 主题党日: 学习 / 访民情 / 议发展 / 干实事
  expected_count   int NOT NULL DEFAULT 0,           -- attendees + absentees, for the attendance rate
  present_count    int NOT NULL DEFAULT 0,
  filing_case_id   bigint REFERENCES cases (id),
  created_by       bigint,
  created_at       timestamptz NOT NULL DEFAULT now(),
  version          int NOT NULL DEFAULT 1
);
CREATE INDEX meetings_scope_idx ON meetings (org_path text_pattern_ops, held_on);
CREATE INDEX meetings_org_idx ON meetings (org_id, held_on);

-- Who was there and who was not (with the reason), ticked from the unit's roster.
CREATE TABLE meeting_attendees (
  meeting_id      bigint NOT NULL REFERENCES meetings (id),
  county_id       bigint NOT NULL,
  person_id       bigint NOT NULL REFERENCES persons (id),
  present         boolean NOT NULL,
  absence_reason  text,
  PRIMARY KEY (meeting_id, person_id),
  CHECK (present OR length(trim(absence_reason)) > 0)
);
CREATE INDEX meeting_attendees_person_idx ON meeting_attendees (person_id);

-- 主题党日 备案: the filing's own fields beside its case (cases.deadline is the planned day).
CREATE TABLE theme_day_filings (
  case_id        bigint PRIMARY KEY REFERENCES cases (id),
  county_id      bigint NOT NULL,
  planned_on     date NOT NULL,
  activity_kind  text NOT NULL,
  place          text NOT NULL,
  plan           text NOT NULL,
  meeting_id     bigint REFERENCES meetings (id)
);
