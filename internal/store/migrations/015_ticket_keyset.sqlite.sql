-- Each sort of the ticket list reads one of these indexes from the cursor
-- onwards, one org at a time, so no page sorts the org's tickets and no page
-- skips rows it has already read (the list pages by key, not OFFSET).
CREATE INDEX tickets_by_opened ON tickets (org_id, opened_at, id);
CREATE INDEX tickets_by_priority ON tickets (org_id, priority, id);
CREATE INDEX tickets_by_deadline ON tickets (org_id, deadline_at, id);
CREATE INDEX tickets_by_updated ON tickets (org_id, updated_at, id);
-- The reference order reads the UNIQUE (org_id, ref) index, which SQLite
-- ends with the row id.
-- The open tickets, a few in a hundred, for the list's "open" filter and its
-- count, newest first; the condition is spelled as store.openStates.
CREATE INDEX tickets_open_by_opened ON tickets (org_id, opened_at, id)
	WHERE state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change');
