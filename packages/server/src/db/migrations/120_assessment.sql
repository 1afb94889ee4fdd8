-- 考核 (assessment): indicator schemes per county, year and unit type; score sheets as cases of the
-- case engine (type 'score_sheet'), their entries one per indicator.

-- A scheme is the county's: its org_path is the county's path (scope: a county's scheme is read by
-- every account of the county). The tree (category → item → indicator) is one document: a published
-- edition is never edited in place (the trigger below), a change is a new draft and a new edition.
CREATE TABLE assessment_schemes (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id     bigint NOT NULL REFERENCES orgs (id),
  org_path      text NOT NULL,
  year          int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  unit_type     text NOT NULL CHECK (unit_type IN ('village','community','agency','station','township')),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
  edition       int CHECK (edition >= 1),
  total_points  numeric(7,1) NOT NULL CHECK (total_points > 0),
  tree          jsonb NOT NULL,
  based_on_id   bigint REFERENCES assessment_schemes (id),
  published_at  timestamptz,
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       int NOT NULL DEFAULT 1,
  CHECK ((status = 'published') = (edition IS NOT NULL AND published_at IS NOT NULL)),
  UNIQUE (county_id, year, unit_type, edition)
);
CREATE INDEX assessment_schemes_county_idx ON assessment_schemes (county_id, year, unit_type);

CREATE FUNCTION assessment_schemes_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published assessment scheme is never edited in place' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessment_schemes_frozen BEFORE UPDATE OR DELETE ON assessment_schemes
  FOR EACH ROW EXECUTE FUNCTION assessment_schemes_published_frozen();

-- 评分表: the score sheet's own row beside its case (org_id/org_path on the case are the scored unit).
CREATE TABLE score_sheets (
  case_id            bigint PRIMARY KEY REFERENCES cases (id),
  county_id          bigint NOT NULL,
  scheme_id          bigint NOT NULL REFERENCES assessment_schemes (id),
  org_id             bigint NOT NULL REFERENCES orgs (id),
  period             text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  revision           int NOT NULL DEFAULT 1 CHECK (revision >= 1),
  supersedes_case_id bigint REFERENCES cases (id),
  scorer_org_id      bigint NOT NULL REFERENCES orgs (id),
  scorer_path        text NOT NULL,
  total              numeric(8,1) NOT NULL DEFAULT 0,
  max_total          numeric(8,1) NOT NULL DEFAULT 0,
  veto               jsonb,
  UNIQUE (scheme_id, org_id, period, revision)
);
CREATE INDEX score_sheets_period_idx ON score_sheets (county_id, period);

-- One entry per indicator that applies in the sheet's month (by its cadence).
CREATE TABLE score_entries (
  sheet_id       bigint NOT NULL REFERENCES score_sheets (case_id),
  county_id      bigint NOT NULL,
  indicator_key  text NOT NULL CHECK (indicator_key ~ '^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$'),
  max_points     numeric(7,1) NOT NULL,
  points         numeric(7,1) CHECK (points IS NULL OR points BETWEEN 0 AND max_points),
  computed       boolean NOT NULL,
  evidence       text,
  basis          jsonb,
  PRIMARY KEY (sheet_id, indicator_key)
);
