-- 申诉期 (issue 15): a published score sheet stays open to the scored unit's appeal for a number of
-- days the county sets (default 7); an appeal is decided by the county (申诉成立 / 驳回); after the
-- window, or once the appeal is decided, the sheet is locked. A correction after locking is a new
-- revision, reviewed again, the locked one kept (score_sheets.supersedes_case_id, as before).

-- The county's assessment settings (absent → the defaults: 7 days).
CREATE TABLE assessment_settings (
  county_id    bigint PRIMARY KEY REFERENCES orgs (id),
  appeal_days  int NOT NULL CHECK (appeal_days BETWEEN 1 AND 60),
  version      int NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- The last day (China Standard Time) the unit may appeal, set when the sheet is published.
ALTER TABLE score_sheets ADD COLUMN appeal_until date;

-- The unit's appeal of a published sheet: one per sheet (a correction is a new sheet with its own window).
CREATE TABLE score_appeals (
  sheet_id        bigint PRIMARY KEY REFERENCES score_sheets (case_id),
  county_id       bigint NOT NULL,
  reason          text NOT NULL CHECK (length(trim(reason)) BETWEEN 2 AND 1000),
  evidence        text NOT NULL CHECK (length(trim(evidence)) BETWEEN 2 AND 1000),
  filed_by        bigint,
  filed_at        timestamptz NOT NULL DEFAULT now(),
  decision        text CHECK (decision IN ('upheld', 'rejected')),
  decision_reason text,
  decided_by      bigint,
  decided_at      timestamptz,
  correction_id   bigint REFERENCES cases (id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision IS NULL OR length(trim(decision_reason)) > 0)
);

-- Sheets published under the old rules were locked on publishing: they are locked now.
UPDATE cases SET status = 'locked' WHERE case_type = 'score_sheet' AND status = 'published';
