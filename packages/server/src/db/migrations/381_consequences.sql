-- 奖惩 (issue 15): what an assessment result leads to — a reward, a penalty, a commendation (评优树先)
-- or an entry in the cadre's file — recorded per unit and, where it concerns someone, per person,
-- each linked to the record that justifies it: a score sheet (its case id), a unit's annual result
-- (the unit and the year) or a cadre's published star row. What the record said when the
-- consequence was decided is kept beside the link (basis_label). A recorded consequence is part of
-- the record: never edited or deleted in place.
CREATE TABLE recognition_consequences (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  county_id    bigint NOT NULL REFERENCES orgs (id),
  org_id       bigint NOT NULL REFERENCES orgs (id),
  org_path     text NOT NULL,
  person_id    bigint REFERENCES persons (id),
  kind         text NOT NULL CHECK (kind IN ('reward', 'penalty', 'commendation', 'cadre_file')),
  title        text NOT NULL CHECK (length(trim(title)) BETWEEN 2 AND 100),
  detail       text CHECK (detail IS NULL OR length(detail) <= 500),
  amount_fen   bigint CHECK (amount_fen IS NULL OR amount_fen > 0),
  basis_type   text NOT NULL CHECK (basis_type IN ('sheet', 'annual_result', 'star_row')),
  basis_id     bigint NOT NULL,
  basis_year   int NOT NULL CHECK (basis_year BETWEEN 2000 AND 2100),
  basis_label  text NOT NULL,
  decided_on   date NOT NULL,
  recorded_by  bigint,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (amount_fen IS NULL OR kind IN ('reward', 'penalty')),
  CHECK (kind <> 'cadre_file' OR person_id IS NOT NULL)
);
CREATE INDEX recognition_consequences_scope_idx ON recognition_consequences (org_path text_pattern_ops, decided_on DESC, id DESC);
CREATE INDEX recognition_consequences_person_idx ON recognition_consequences (person_id, decided_on DESC);

CREATE FUNCTION recognition_consequences_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a recorded consequence is never edited in place' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER recognition_consequences_frozen BEFORE UPDATE OR DELETE ON recognition_consequences
  FOR EACH ROW EXECUTE FUNCTION recognition_consequences_frozen();
