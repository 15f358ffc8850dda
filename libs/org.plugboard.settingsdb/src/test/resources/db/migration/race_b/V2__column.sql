ALTER TABLE race_b_one ADD COLUMN note VARCHAR(255);
CREATE INDEX race_b_one_name ON race_b_one(name);
