-- 列席 (seed 000): a station (or township) member attends a village meeting and gives an opinion,
-- recorded against that meeting.
CREATE TABLE meeting_sitins (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings (id),
  county_id   bigint NOT NULL,
  org_id      bigint NOT NULL REFERENCES orgs (id),   -- the level that sat in (the station …)
  attendee    text NOT NULL CHECK (length(attendee) BETWEEN 1 AND 50),
  opinion     text NOT NULL CHECK (length(opinion) BETWEEN 1 AND 4000),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_sitins_meeting_idx ON meeting_sitins (meeting_id);
