-- 问题来源 become county data (台账设置), like the categories: a county keeps its own list of
-- sources ({code, label, active}, in order); a problem keeps its source's code. The fixed CHECK
-- on problems.source gives way to a format check; existing rows keep their codes, which are all
-- among the defaults written into every county's settings below (nothing is lost or relabelled).
ALTER TABLE problems DROP CONSTRAINT IF EXISTS problems_source_check;
ALTER TABLE problems ADD CONSTRAINT problems_source_code CHECK (source ~ '^[a-z][a-z0-9_]{0,39}$');

ALTER TABLE ledger_settings ADD COLUMN sources jsonb;
UPDATE ledger_settings SET sources = '[
  {"code":"superior_feedback","label":"上级督查反馈","active":true},
  {"code":"provincial_bulletin","label":"省市督查通报","active":true},
  {"code":"station_inspection","label":"工作站督查发现","active":true},
  {"code":"citizen","label":"群众反映","active":true},
  {"code":"inspection_tour","label":"巡察","active":true},
  {"code":"heart_talk","label":"谈心谈话","active":true},
  {"code":"visit","label":"走访","active":true},
  {"code":"other","label":"其他","active":true}
]'::jsonb WHERE sources IS NULL;
