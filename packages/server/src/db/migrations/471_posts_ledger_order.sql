-- Issue 16: "the cadre ledger for a province (≈ 120 k posts) filtered and paged". A county's ledger
-- is read by county id on posts_county_ledger_idx (470); the province's root (and any subtree read
-- by path whose posts are most of the table) had no index in the ledger's order: page 1 scanned
-- all 116,781 posts of the bench province and sorted them on disk to keep 20 (311 ms). This index
-- holds posts in the ledger's own order (org_path, role, id; the default collation, as ORDER BY
-- sorts), with the term's dates beside them for the current-post test, so page 1 is a walk that
-- stops after 20 current posts (4 ms). A township's or station's ledger keeps reading its path
-- range on posts_org_path_idx and sorting its few rows: the planner picks by the range's size.
CREATE INDEX posts_ledger_order_idx ON posts (org_path, role, id) INCLUDE (start_date, end_date);
