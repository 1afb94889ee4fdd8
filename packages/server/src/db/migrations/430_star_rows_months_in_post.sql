-- 星级化管理 (issue 15 leftover): the cadres in post during the year, villages' and communities'.
-- One row per post held on any day of the year; the row keeps the days of the year the post was
-- held (held_from..held_to), the months in post, and whether the unit part came from the unit's
-- published sheets of those months ('months') or from its whole year's result ('year': no sheet
-- fell in the months held, e.g. an annual-only scheme). Rows written before this migration keep
-- NULL here: they were the cadres in post on the day the rating was computed, and a published
-- rating is never edited in place (a correction is a new edition, computed the new way).
ALTER TABLE star_rating_rows
  ADD COLUMN held_from  date,
  ADD COLUMN held_to    date,
  ADD COLUMN months     int CHECK (months IS NULL OR months BETWEEN 1 AND 12),
  ADD COLUMN unit_basis text CHECK (unit_basis IS NULL OR unit_basis IN ('months', 'year'));
ALTER TABLE star_rating_rows ADD CONSTRAINT star_rating_rows_held CHECK ((held_from IS NULL) = (held_to IS NULL) AND (held_from IS NULL OR held_from <= held_to));
