-- How far each CSV file has been compared with table cdr (recovery at start and after a database outage):
-- every record in the first checked_bytes bytes of the file is in the table.
CREATE TABLE cdr_csv_checked (
    file_name      VARCHAR(255) PRIMARY KEY,
    checked_bytes  BIGINT NOT NULL
);
