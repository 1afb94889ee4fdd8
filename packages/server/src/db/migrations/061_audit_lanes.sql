-- A county's audit chain in eight lanes. Every audited write moves its chain's head row and holds
-- that row lock until it commits, i.e. through the commit's fsync: with one chain per county, two
-- writes to one county (two citizens submitting to two villages of it) commit one after the
-- other, however many the database could flush together. A write now appends to the lane of its
-- database connection (pg_backend_pid() % 8): one transaction always uses one lane per county, so
-- two transactions never wait on each other's lanes crosswise, and writers on different
-- connections mostly proceed side by side. Each lane is a hash chain of its own, verified on its
-- own; the records written before this migration are lane 0 and verify as before.
ALTER TABLE audit_log ADD COLUMN lane smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_heads ADD COLUMN lane smallint NOT NULL DEFAULT 0;
ALTER TABLE audit_heads DROP CONSTRAINT audit_heads_pkey;
ALTER TABLE audit_heads ADD PRIMARY KEY (chain, lane);
