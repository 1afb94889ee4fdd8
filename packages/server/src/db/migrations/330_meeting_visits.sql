-- 主题党日·访民情 (issue 14): the households visited during a held theme day. Each visit is written
-- by the citizens module (its 民情日记 entry, and the request when the visitor ticked "needs
-- handling") in the meeting's transaction; this row links the meeting to what the visit made.
CREATE TABLE meeting_visits (
  meeting_id      bigint NOT NULL REFERENCES meetings (id),
  county_id       bigint NOT NULL,
  visit_id        bigint NOT NULL UNIQUE,
  request_case_id bigint,
  household       text NOT NULL CHECK (length(household) BETWEEN 1 AND 100),
  seq             integer NOT NULL,
  PRIMARY KEY (meeting_id, seq)
);
