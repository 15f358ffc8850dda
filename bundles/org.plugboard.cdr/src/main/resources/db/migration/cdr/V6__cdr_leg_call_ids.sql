-- cdr API 1.5: the SIP Call-ID of every leg of the call (caller's first), joined by " " (a Call-ID has no spaces),
-- so the ladder of an ended call finds all its legs in the SIP trace. Records written before keep NULL there.
ALTER TABLE cdr ADD COLUMN leg_call_ids VARCHAR(4000);
