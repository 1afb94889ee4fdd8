-- 考核对象 (issues 16 and 17): a scheme scores one kind of subject — an org unit (as before), a
-- first-secretary post (第一书记, one term of one person: a person sent twice has two), or a project
-- (项目化推进's 年交账). The subject is named by kind and id; the sheet's case keeps the org the
-- subject sits at (the village of the post, the project's unit), so scope, roll-up and the appeal
-- of the unit work as for unit sheets. Existing schemes and sheets are org schemes and sheets.

ALTER TABLE assessment_schemes ADD COLUMN subject_kind text NOT NULL DEFAULT 'org'
  CHECK (subject_kind IN ('org', 'first_secretary', 'project'));
-- a unit type only for org schemes (a first secretary or a project is not an org type)
ALTER TABLE assessment_schemes ALTER COLUMN unit_type DROP NOT NULL;
ALTER TABLE assessment_schemes ADD CONSTRAINT assessment_schemes_unit_type_kind
  CHECK ((subject_kind = 'org') = (unit_type IS NOT NULL));
-- editions are numbered per county, year and subject (kind, and the unit type of an org scheme)
ALTER TABLE assessment_schemes DROP CONSTRAINT assessment_schemes_county_id_year_unit_type_edition_key;
CREATE UNIQUE INDEX assessment_schemes_edition_uq ON assessment_schemes (county_id, year, subject_kind, coalesce(unit_type, ''), edition);

-- The sheet's subject: kind and id (org: the org id, first_secretary: the post id, project: the
-- project's case id) and its name when opened (a person's or project's name as it was then).
ALTER TABLE score_sheets ADD COLUMN subject_kind text NOT NULL DEFAULT 'org'
  CHECK (subject_kind IN ('org', 'first_secretary', 'project'));
ALTER TABLE score_sheets ADD COLUMN subject_id bigint;
ALTER TABLE score_sheets ADD COLUMN subject_name text CHECK (subject_name IS NULL OR length(subject_name) BETWEEN 1 AND 200);
UPDATE score_sheets SET subject_id = org_id WHERE subject_id IS NULL;
ALTER TABLE score_sheets ALTER COLUMN subject_id SET NOT NULL;
ALTER TABLE score_sheets ADD CONSTRAINT score_sheets_org_subject CHECK (subject_kind <> 'org' OR subject_id = org_id);
ALTER TABLE score_sheets DROP CONSTRAINT score_sheets_scheme_id_org_id_period_revision_key;
CREATE UNIQUE INDEX score_sheets_subject_uq ON score_sheets (scheme_id, subject_kind, subject_id, period, revision);
-- a subject's results (the first secretary's page, the project's page, the county's 评选)
CREATE INDEX score_sheets_subject_idx ON score_sheets (county_id, subject_kind, subject_id);
