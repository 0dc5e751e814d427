-- Each sort of the ticket list reads one of these indexes from the cursor
-- onwards, one org at a time, so no page sorts the org's tickets and no page
-- skips rows it has already read (the list pages by key, not OFFSET).
-- References sort byte by byte (COLLATE "C") on both engines, so pages
-- merged from several orgs agree with the order each query reads.
CREATE INDEX tickets_by_opened ON tickets (org_id, opened_at, id);
CREATE INDEX tickets_by_priority ON tickets (org_id, priority, id);
CREATE INDEX tickets_by_deadline ON tickets (org_id, deadline_at, id);
CREATE INDEX tickets_by_updated ON tickets (org_id, updated_at, id);
CREATE INDEX tickets_by_ref ON tickets (org_id, ref COLLATE "C", id);
-- Tickets with no deadline come last in the "due" order, by id: PostgreSQL
-- cannot read that order from tickets_by_deadline, so they have their own.
CREATE INDEX tickets_without_deadline ON tickets (org_id, id) WHERE deadline_at IS NULL;
-- The open tickets, a few in a hundred, for the list's "open" filter and its
-- count, newest first; the condition is spelled as store.openStates.
CREATE INDEX tickets_open_by_opened ON tickets (org_id, opened_at, id)
	WHERE state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change');
