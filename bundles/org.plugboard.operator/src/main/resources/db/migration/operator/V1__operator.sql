-- One row per extension allowed to use the operator codes (barge-in, listen, override).
CREATE TABLE op_permission (
    extension  VARCHAR(64) PRIMARY KEY,
    granted_at TIMESTAMP NOT NULL
);
