-- One row per meet-me room. pin: digits, NULL for a room without one. max_members: callers in the room at once.
CREATE TABLE conf_room (
    number      VARCHAR(32) PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    pin         VARCHAR(16),
    max_members INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
