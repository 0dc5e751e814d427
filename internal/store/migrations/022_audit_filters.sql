-- The audit log filters by person, action and date as well as by org
-- (audit_log_org), newest first. Each index ends in seq so a filtered page
-- walks it backwards from the cursor and stops after one page.
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_at ON audit_log (at, seq);
