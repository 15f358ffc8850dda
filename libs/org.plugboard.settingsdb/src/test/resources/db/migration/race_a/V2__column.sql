ALTER TABLE race_a_one ADD COLUMN note VARCHAR(255);
CREATE INDEX race_a_one_name ON race_a_one(name);
