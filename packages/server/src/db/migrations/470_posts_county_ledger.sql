-- Issue 16 (perf16): the cadre ledger of a whole county (干部台账, GET /api/cadres as a county
-- account) is read by county id, in the ledger's own order (org path, role, id), so its first page
-- walks this index and stops after a page of current posts instead of reading the county's posts by
-- path range and sorting them. The term's dates are carried in the index, so the count of current
-- posts is an index-only scan of the county's entries. (Current is relative to today, so no partial
-- index can say it; ended posts are skipped as the walk meets them.)
CREATE INDEX posts_county_ledger_idx ON posts (county_id, org_path, role, id) INCLUDE (start_date, end_date);
