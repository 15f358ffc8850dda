CREATE TABLE race_a_one (id INT PRIMARY KEY, name VARCHAR(64));
CREATE TABLE race_a_two (id INT PRIMARY KEY, one_id INT REFERENCES race_a_one(id));
INSERT INTO race_a_one VALUES (1, 'x');
