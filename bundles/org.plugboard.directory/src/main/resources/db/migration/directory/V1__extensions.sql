-- Extensions and their credentials. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE extension (
    number        VARCHAR(32)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(128) NOT NULL,
    max_devices   INTEGER      NOT NULL DEFAULT 1,
    created_at    TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- HA1 = H(number:realm:password) per digest algorithm; the password itself is never stored.
CREATE TABLE credential (
    number     VARCHAR(32)  NOT NULL REFERENCES extension (number) ON DELETE CASCADE,
    realm      VARCHAR(128) NOT NULL,
    algorithm  VARCHAR(16)  NOT NULL,
    ha1        VARCHAR(64)  NOT NULL,
    PRIMARY KEY (number, realm, algorithm)
);

-- One-time facts about this database, e.g. that the demo extensions were seeded.
CREATE TABLE directory_meta (
    meta_key    VARCHAR(64)  NOT NULL PRIMARY KEY,
    meta_value  VARCHAR(256) NOT NULL
);
