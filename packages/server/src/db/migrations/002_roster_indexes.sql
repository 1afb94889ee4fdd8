-- Indexes for the roster and the org tree at province scale (2 million people, 100 counties),
-- found with EXPLAIN ANALYZE on the synthetic province of `npm run generate` (see bench/README.md).

-- A county's roster in id order (listPeople selects a county root by county_id): the first page
-- reads 20 index entries instead of walking the primary key through every county before this one
-- (672 ms → 0.4 ms on county 50 of 100). The included columns are those the roster filters on,
-- so the total of a filtered list is an index-only count of the county (60 ms → 3 ms).
CREATE INDEX persons_county_id_idx ON persons (county_id, id)
  INCLUDE (status, member_status, gender, birth_date, education, flow_status, join_date);

-- Member counts per org of a subtree (the org tree, memberCountsByOrg): an index-only scan of the
-- subtree's members instead of a bitmap heap scan of all its people.
CREATE INDEX persons_members_by_org_idx ON persons (org_path text_pattern_ops, org_id)
  WHERE member_status IS NOT NULL AND status = 'active';
