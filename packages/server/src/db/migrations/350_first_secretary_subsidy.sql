-- 第一书记生活补贴 (seed 003: 每个第一书记每天补助50元): the county's daily figure in fen. A county
-- without a row pays the seed's 5,000 fen; the amounts are computed from the posts, never stored.
CREATE TABLE first_secretary_subsidy_rates (
  county_id   bigint PRIMARY KEY REFERENCES orgs (id),
  daily_fen   int NOT NULL CHECK (daily_fen BETWEEN 0 AND 100000),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
