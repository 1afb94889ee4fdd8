-- Every audited write pays for each index of audit_log, and the log only grows. Two of its five
-- indexes served no query: no list filters by account id (the auditor filters by user name,
-- within a county), and the date filter needs no B-tree over every record: records are appended
-- in time order, so a BRIN index of the time (a few pages for millions of rows, nearly free to
-- keep) finds a day's records as well. The county index (lists, counts and verification of a
-- county), the object index (a person's history) and the primary key stay.
DROP INDEX audit_log_account_idx;
DROP INDEX audit_log_at_idx;
CREATE INDEX audit_log_at_brin ON audit_log USING brin (at) WITH (autosummarize = on);
