-- Indexes for the case lists at province scale (1 M ledger problems, 2 M citizen requests, 100
-- counties), found with EXPLAIN ANALYZE on the synthetic province of `npm run generate` (see
-- bench/README.md).

-- A county's cases of a type, newest first: the ledger and the request queue of a county account
-- select by county_id (listProblems / listRequests with a county root), so the first page reads 20
-- index entries backwards and the total is an index-only count of the county's entries, instead
-- of walking the primary key through every other county's cases (county 50 of 100: 10 k problems,
-- 20 k requests; the page 32 ms → 0.5 ms, the counts 126 ms / 270 ms → 7 ms / 16 ms, index-only).
-- The included columns are those of the ledger's counts per status (open, overdue, supervision
-- due), so the list header's counts are index-only too.
CREATE INDEX cases_county_type_id_idx ON cases (county_id, case_type, id)
  INCLUDE (status, resolved_at, deadline, supervision_due);

-- The open cases of a subtree (overdue, supervision due, open): a few percent of all cases, so
-- the overdue list and its count read only those of the subtree instead of every county's overdue
-- cases filtered by path (the overdue count 86 ms → 0.25 ms).
CREATE INDEX cases_open_scope_idx ON cases (case_type, org_path text_pattern_ops, id)
  INCLUDE (deadline, supervision_due, status) WHERE resolved_at IS NULL;
