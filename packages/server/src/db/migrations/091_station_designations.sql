-- 党建工作站的称号 (seed 000): the county's pilot stations, each township's demonstration stations
-- and the stations commended on 七一 (with an award in fen) are three designations with a year,
-- not one flag. orgs.is_pilot stays as the tree's quick mark of a county pilot, kept in step with
-- the designations by the service; the flags set so far become county_pilot designations.
CREATE TABLE station_designations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id      bigint NOT NULL REFERENCES orgs (id),
  org_id         bigint NOT NULL REFERENCES orgs (id),
  kind           text NOT NULL CHECK (kind IN ('county_pilot', 'township_demo', 'qiyi_commended')),
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  designated_on  date,
  award_fen      bigint CHECK (award_fen IS NULL OR award_fen >= 0),
  note           text,
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'qiyi_commended' OR award_fen IS NULL),
  UNIQUE (org_id, kind, year)
);
CREATE INDEX station_designations_county_idx ON station_designations (county_id, kind, year);

INSERT INTO station_designations (county_id, org_id, kind, year)
SELECT county_id, id, 'county_pilot', extract(year FROM created_at AT TIME ZONE 'Asia/Shanghai')::int
FROM orgs WHERE is_pilot AND type = 'station' AND county_id IS NOT NULL;
