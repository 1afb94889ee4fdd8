-- Issue 11 (bench/README.md "Eighth session"): the org tree's staffing statement (人员到位,
-- `stationStaffing`) finds the active stations under a path. With only the path index and
-- orgs_county_type_idx (county_id, type) to choose from, PostgreSQL ANDed the subtree's path range
-- with a scan of every station of the province (type alone, 3,000 entries of the index): 1.2–7 ms of
-- a 1.7–8 ms statement on the province. The active stations by path, alone: 30 entries for a county.
CREATE INDEX orgs_active_station_path_idx ON orgs (path text_pattern_ops) WHERE type = 'station' AND status = 'active';
