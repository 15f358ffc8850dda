-- cdr API 1.2: the number the call was for at its end (the last forwarding target; the dialled number otherwise).
-- Records written before keep NULL there.
ALTER TABLE cdr ADD COLUMN final_callee VARCHAR(255);
