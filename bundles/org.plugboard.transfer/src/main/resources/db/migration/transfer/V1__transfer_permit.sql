-- One row per extension with a transfer permission of its own; NULL in a column follows the configured default
-- (org.plugboard.transfer: default.transfer, default.outside). A row back to both defaults is deleted.
CREATE TABLE transfer_permit (
    extension    VARCHAR(64) PRIMARY KEY,
    may_transfer BOOLEAN,
    may_outside  BOOLEAN,
    changed_at   TIMESTAMP NOT NULL
);
