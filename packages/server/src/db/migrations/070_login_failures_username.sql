-- Failed sign-ins remember the username tried, so an unknown username locks after the same
-- number of failures as a real account does: the lock no longer tells which usernames exist.
ALTER TABLE login_failures ADD COLUMN username text;
CREATE INDEX login_failures_username_idx ON login_failures (username, at) WHERE username IS NOT NULL;
