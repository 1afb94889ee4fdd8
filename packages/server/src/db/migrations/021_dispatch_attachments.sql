-- Attachments of 两下两上: files issued with a directive (the notice, a template) and files sent
-- up with a report (photos, sign-in sheets). One of directive_id / assignment_id is set.
CREATE TABLE dispatch_attachments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL,
  directive_id   bigint REFERENCES directives (id),
  assignment_id  bigint REFERENCES assignments (id),
  file_name      text NOT NULL,
  mime_type      text NOT NULL,
  size_bytes     int NOT NULL,
  sha256         text NOT NULL,
  content        bytea NOT NULL,
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((directive_id IS NULL) <> (assignment_id IS NULL))
);
CREATE INDEX dispatch_attachments_directive_idx ON dispatch_attachments (directive_id) WHERE directive_id IS NOT NULL;
CREATE INDEX dispatch_attachments_assignment_idx ON dispatch_attachments (assignment_id) WHERE assignment_id IS NOT NULL;
