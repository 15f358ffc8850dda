-- cdr API 1.3: what services noted about the call (recorded, recording failed, operator override), joined by " | ".
ALTER TABLE cdr ADD COLUMN notes VARCHAR(2000);
