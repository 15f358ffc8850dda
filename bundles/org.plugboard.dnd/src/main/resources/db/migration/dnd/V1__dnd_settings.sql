-- One row per extension whose settings differ from the defaults (DND off, call waiting on, no call limits).
-- A row that goes back to the defaults is deleted. 0 in a limit means unlimited.
CREATE TABLE dnd_setting (
    extension    VARCHAR(64) PRIMARY KEY,
    dnd          BOOLEAN NOT NULL,
    call_waiting BOOLEAN NOT NULL,
    max_in       INTEGER NOT NULL,
    max_out      INTEGER NOT NULL,
    changed_at   TIMESTAMP NOT NULL
);
