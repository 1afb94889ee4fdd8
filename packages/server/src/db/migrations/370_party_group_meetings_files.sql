-- 组织生活 (issue 14): a 党小组会 is held by one party group of the branch (the meeting stays the
-- branch's record; the group is named beside it), and a meeting keeps its photos and files.
ALTER TABLE meetings ADD COLUMN party_group_id bigint REFERENCES orgs (id);
CREATE INDEX meetings_party_group_idx ON meetings (party_group_id, held_on) WHERE party_group_id IS NOT NULL;

-- 会议照片和附件: hangs off its meeting (reached through the meeting's scoped row); added and
-- removed while the meeting may still be entered (the county's back-dating window), then kept.
CREATE TABLE meeting_files (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings (id),
  county_id   bigint NOT NULL,
  file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  mime_type   text NOT NULL,
  size        int NOT NULL CHECK (size > 0),
  content     bytea NOT NULL,
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_files_meeting_idx ON meeting_files (meeting_id);
