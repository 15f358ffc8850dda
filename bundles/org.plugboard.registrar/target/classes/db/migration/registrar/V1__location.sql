-- Registered contacts (RFC 3261 10.3), written behind the in-memory location service so they survive restarts.
CREATE TABLE location_binding (
    extension       VARCHAR(32)   NOT NULL,
    contact         VARCHAR(1024) NOT NULL,
    expires_epoch   BIGINT        NOT NULL,
    call_id         VARCHAR(256)  NOT NULL,
    cseq            BIGINT        NOT NULL,
    source          VARCHAR(80)   NOT NULL,
    transport       VARCHAR(8)    NOT NULL,
    user_agent      VARCHAR(256)  NOT NULL,
    instance_id     VARCHAR(256)  NOT NULL,
    PRIMARY KEY (extension, contact)
);
