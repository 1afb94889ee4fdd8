-- The head of each audit chain (a county's, or 0 for records without a county): the last record's
-- hash, kept beside the append-only log so that appending is one statement — the head row is
-- locked, moved and the record written together (core/audit.ts), instead of an advisory lock, a
-- read of the last hash and an insert (three round trips on every audited write). The log stays
-- the record: verification recomputes every chain from audit_log alone.
CREATE TABLE audit_heads (
  chain      bigint PRIMARY KEY,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
INSERT INTO audit_heads (chain, prev_hash, hash)
SELECT DISTINCT ON (COALESCE(county_id, 0)) COALESCE(county_id, 0), prev_hash, hash
FROM audit_log ORDER BY COALESCE(county_id, 0), id DESC;
