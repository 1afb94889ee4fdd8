-- Issue 17 (perf17): a project's 年交账 is judged once. Where the county scores the year's projects
-- through assessment (a published project scheme of that year), the appraisal step (close / carry
-- over) takes the published sheets' result; elsewhere the committee types score and grade on the
-- step, as before. year_source says which the stored score is; the projects appraised before this
-- migration were all typed.
ALTER TABLE projects ADD COLUMN year_source text CHECK (year_source IS NULL OR year_source IN ('committee', 'assessment'));
UPDATE projects SET year_source = 'committee' WHERE year_score IS NOT NULL;
ALTER TABLE projects ADD CONSTRAINT projects_year_source_ck CHECK ((year_source IS NULL) = (year_score IS NULL));
