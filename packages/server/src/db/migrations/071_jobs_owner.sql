-- Which server process runs a job (host:pid), so a restarted server fails the jobs it was running
-- at once, instead of their reading "running" until they look abandoned.
ALTER TABLE jobs ADD COLUMN owner text;
CREATE INDEX jobs_running_idx ON jobs (owner) WHERE status = 'running';
