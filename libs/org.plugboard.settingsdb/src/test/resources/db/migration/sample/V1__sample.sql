CREATE TABLE sample_setting (extension VARCHAR(64) PRIMARY KEY, target VARCHAR(64) NOT NULL);
