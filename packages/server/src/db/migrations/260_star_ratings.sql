-- 星级化管理 (seed 001): the county's star rules, the year's star rating of the cadres in the 8
-- village posts (a published rating is frozen; a correction is a new edition), one row per cadre.

-- The county's rules (county data; absent → the seed-001 defaults: 50 %, 5 levels).
CREATE TABLE star_rules (
  county_id              bigint PRIMARY KEY REFERENCES orgs (id),
  post_weight_percent    int NOT NULL CHECK (post_weight_percent BETWEEN 0 AND 100),
  levels                 jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array'),
  civil_service_min_stars int NOT NULL CHECK (civil_service_min_stars BETWEEN 1 AND 10),
  civil_service_years    int NOT NULL CHECK (civil_service_years BETWEEN 1 AND 5),
  version                int NOT NULL DEFAULT 1,
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- A rating of a county's year. org_path is the county's path (every account of the county reads
-- the rating; its rows are scoped by their own paths). The rules are copied in when it is computed.
CREATE TABLE star_ratings (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id               bigint NOT NULL REFERENCES orgs (id),
  org_path                text NOT NULL,
  year                    int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  edition                 int NOT NULL CHECK (edition >= 1),
  status                  text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
  supersedes_id           bigint REFERENCES star_ratings (id),
  post_weight_percent     int NOT NULL CHECK (post_weight_percent BETWEEN 0 AND 100),
  levels                  jsonb NOT NULL,
  civil_service_min_stars int NOT NULL,
  civil_service_years     int NOT NULL,
  created_by              bigint,
  created_at              timestamptz NOT NULL DEFAULT now(),
  published_at            timestamptz,
  version                 int NOT NULL DEFAULT 1,
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  UNIQUE (county_id, year, edition)
);
-- one rating being worked on per county and year
CREATE UNIQUE INDEX star_ratings_one_draft ON star_ratings (county_id, year) WHERE status = 'draft';

CREATE TABLE star_rating_rows (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rating_id              bigint NOT NULL REFERENCES star_ratings (id),
  county_id              bigint NOT NULL REFERENCES orgs (id),
  org_id                 bigint NOT NULL REFERENCES orgs (id),
  org_path               text NOT NULL,
  township_id            bigint REFERENCES orgs (id),
  post_id                bigint NOT NULL REFERENCES posts (id),
  person_id              bigint NOT NULL REFERENCES persons (id),
  role                   text NOT NULL CHECK (role IN ('secretary','deputy_secretary','village_director','militia_head',
                           'youth_league_secretary','women_chair','clerk','supervision_director')),
  post_score             numeric(4,1) CHECK (post_score IS NULL OR post_score BETWEEN 0 AND 100),
  post_score_note        text CHECK (post_score_note IS NULL OR length(post_score_note) <= 200),
  village_score          numeric(4,1) CHECK (village_score IS NULL OR village_score BETWEEN 0 AND 100),
  village_sheets         jsonb NOT NULL DEFAULT '[]',
  score                  numeric(5,2),
  stars                  int CHECK (stars IS NULL OR stars BETWEEN 0 AND 10),
  civil_service_eligible boolean NOT NULL DEFAULT false,
  version                int NOT NULL DEFAULT 1,
  UNIQUE (rating_id, post_id)
);
CREATE INDEX star_rating_rows_rating_idx ON star_rating_rows (rating_id, org_path text_pattern_ops);
CREATE INDEX star_rating_rows_person_idx ON star_rating_rows (person_id);

-- A published rating and its rows are never changed in place: a correction is a new edition.
CREATE FUNCTION star_ratings_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published star rating is never edited in place' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER star_ratings_frozen BEFORE UPDATE OR DELETE ON star_ratings
  FOR EACH ROW EXECUTE FUNCTION star_ratings_published_frozen();

CREATE FUNCTION star_rating_rows_published_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM star_ratings r WHERE r.id = OLD.rating_id AND r.status = 'published') THEN
    RAISE EXCEPTION 'the rows of a published star rating are never edited in place' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER star_rating_rows_frozen BEFORE UPDATE OR DELETE ON star_rating_rows
  FOR EACH ROW EXECUTE FUNCTION star_rating_rows_published_frozen();
