-- One row per mailbox that has a PIN; boxes without a row exist for every extension (no PIN yet: no login).
CREATE TABLE vm_mailbox (
    extension   VARCHAR(64)  NOT NULL PRIMARY KEY,
    pin_hash    VARCHAR(200) NOT NULL,
    changed_at  TIMESTAMP    NOT NULL
);

-- One row per message; the WAV file is <storage>/<mailbox>/<file_name>, moved into place before the row commits.
CREATE TABLE vm_message (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    mailbox     VARCHAR(64)  NOT NULL,
    caller      VARCHAR(128) NOT NULL,
    received_at TIMESTAMP    NOT NULL,
    millis      BIGINT       NOT NULL,
    file_name   VARCHAR(200) NOT NULL,
    folder      VARCHAR(8)   NOT NULL
);
CREATE INDEX vm_message_mailbox ON vm_message (mailbox);
