-- 党支部积星·党员积分 (seed 003; 002 争十星, 004 创星晋级): the county's points rules, versioned per
-- year (a save is a new version; the newest of a year is in force), and the manual point items a
-- branch proposes for a member with evidence and the township (or station, or county) approves or
-- returns with a reason. Computed points are never stored: they are derived from the records.

CREATE TABLE point_rules (
  county_id     bigint NOT NULL REFERENCES orgs (id),
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version       int NOT NULL CHECK (version >= 1),
  member_items  jsonb NOT NULL CHECK (jsonb_typeof(member_items) = 'array'),
  branch_items  jsonb NOT NULL CHECK (jsonb_typeof(branch_items) = 'array'),
  branch_levels jsonb NOT NULL CHECK (jsonb_typeof(branch_levels) = 'array'),
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_id, year, version)
);

CREATE TABLE point_awards (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL REFERENCES orgs (id),
  org_id        bigint NOT NULL REFERENCES orgs (id),     -- the member's branch (persons.org_id)
  org_path      text NOT NULL,
  person_id     bigint NOT NULL REFERENCES persons (id),
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  item_code     text NOT NULL CHECK (item_code ~ '^[a-z0-9_]{1,30}$'),
  item_name     text NOT NULL,
  points        numeric(5,1) NOT NULL CHECK (points > 0 AND points <= 100),
  done_on       date NOT NULL,
  description   text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  evidence      text NOT NULL CHECK (length(trim(evidence)) BETWEEN 1 AND 500),
  status        text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','approved','returned')),
  reason        text,
  proposed_by   bigint,
  proposed_at   timestamptz NOT NULL DEFAULT now(),
  decided_by    bigint,
  decided_at    timestamptz,
  version       int NOT NULL DEFAULT 1,
  CHECK (status <> 'returned' OR length(trim(reason)) > 0),
  CHECK ((status = 'proposed') = (decided_at IS NULL))
);
CREATE INDEX point_awards_scope_idx ON point_awards (org_path text_pattern_ops, year);
CREATE INDEX point_awards_person_idx ON point_awards (person_id, year);

-- An approved item is part of the record: never edited or deleted in place.
CREATE FUNCTION point_awards_approved_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'approved' THEN
    RAISE EXCEPTION 'an approved point item is never edited in place' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER point_awards_frozen BEFORE UPDATE OR DELETE ON point_awards
  FOR EACH ROW EXECUTE FUNCTION point_awards_approved_frozen();
