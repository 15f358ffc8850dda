-- The address each mailbox's new messages are mailed to; no row: no mail for that mailbox.
CREATE TABLE vm_email_address (
    extension  VARCHAR(64) PRIMARY KEY,
    address    VARCHAR(320) NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
