-- 工作会商 (seed 000): a station's work consultation chaired by its chief; a major matter goes to
-- the township for agreement before it is carried out — a case type on the case engine.
CREATE TABLE consultations (
  case_id       bigint PRIMARY KEY REFERENCES cases (id),
  county_id     bigint NOT NULL,
  held_on       date NOT NULL,
  topic         text NOT NULL,
  participants  text NOT NULL,
  decision      text NOT NULL
);
