-- Ring groups and pickup groups (bundle org.plugboard.groups). Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE groups_ring (
    group_number    VARCHAR(32)  NOT NULL PRIMARY KEY,
    group_name      VARCHAR(64)  NOT NULL,
    strategy        VARCHAR(16)  NOT NULL,
    ring_seconds    INTEGER      NOT NULL,
    member_seconds  INTEGER      NOT NULL,
    no_answer       VARCHAR(32)
);

-- The members of a ring group in ring order (member_order 0, 1, ...).
CREATE TABLE groups_ring_member (
    group_number  VARCHAR(32)  NOT NULL REFERENCES groups_ring (group_number) ON DELETE CASCADE,
    member_order  INTEGER      NOT NULL,
    extension     VARCHAR(32)  NOT NULL,
    PRIMARY KEY (group_number, member_order)
);

-- Pickup groups: extensions that may pick up each other's ringing calls.
CREATE TABLE groups_pickup_member (
    pickup_name  VARCHAR(64)  NOT NULL,
    extension    VARCHAR(32)  NOT NULL,
    PRIMARY KEY (pickup_name, extension)
);
