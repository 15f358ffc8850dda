CREATE TABLE race_b_one (id INT PRIMARY KEY, name VARCHAR(64));
CREATE TABLE race_b_two (id INT PRIMARY KEY, one_id INT REFERENCES race_b_one(id));
INSERT INTO race_b_one VALUES (1, 'x');
