-- Call forwarding per extension: one row per extension that has any forwarding or permission set.
-- A NULL target means that forwarding is off. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE forwarding_setting (
    extension       VARCHAR(32) NOT NULL PRIMARY KEY,
    cfu_target      VARCHAR(32),
    cfb_target      VARCHAR(32),
    cfnr_target     VARCHAR(32),
    -- seconds to ring before forwarding on no answer; NULL: the configured default
    cfnr_timeout    INTEGER,
    cfnrc_target    VARCHAR(32),
    -- may forward to numbers that are not extensions (outside lines, trunks)
    external_allowed BOOLEAN    NOT NULL DEFAULT FALSE,
    updated_at      TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP
);
