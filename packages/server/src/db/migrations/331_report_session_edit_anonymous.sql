-- 述职评议 (issue 14): a session is editable (date, place, reporters, participants) until its first
-- ballot; a county may let sessions take anonymous ballots (counted, no rater recorded).
ALTER TABLE report_sessions ADD COLUMN participants text CHECK (participants IS NULL OR length(participants) <= 2000);
ALTER TABLE report_sessions ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
ALTER TABLE session_ballots ALTER COLUMN rater DROP NOT NULL;
ALTER TABLE orglife_settings ADD COLUMN anonymous_ballots boolean NOT NULL DEFAULT false;
