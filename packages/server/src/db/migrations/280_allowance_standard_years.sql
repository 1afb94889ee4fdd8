-- 村干部报酬标准 by year (issue 17): a county sets its allowance standards for a year; a year without
-- its own rows uses the latest earlier year's (a standard stays in force until a later one replaces it),
-- and a county with none uses the seed-002 defaults. Rows written before this migration had no year:
-- they become the standards "in force since 2000", so every year that used them still does.
ALTER TABLE allowance_standards ADD COLUMN year int NOT NULL DEFAULT 2000 CHECK (year BETWEEN 2000 AND 2100);
ALTER TABLE allowance_standards DROP CONSTRAINT allowance_standards_pkey;
ALTER TABLE allowance_standards ADD PRIMARY KEY (county_id, year, unit_type, post);
ALTER TABLE allowance_standards ALTER COLUMN year DROP DEFAULT;
