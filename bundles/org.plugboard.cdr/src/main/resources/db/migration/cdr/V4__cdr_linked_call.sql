-- cdr API 1.2 (transfer): the record a transfer links this one to (the transferor's part and the call that goes on
-- name each other; a consultation call replaced by an attended transfer names the call that replaced it).
ALTER TABLE cdr ADD COLUMN linked_call VARCHAR(64);
