-- The list's filters by a state or by nobody assigned pick out a few tickets
-- among a million: 68 new and 23 assigned in the demo's million, most being
-- closed. Read through the opening-time index they scanned every ticket of
-- a council to find a page (15 s on SQLite) and again to count it. Each
-- now has an index that holds just its rows, newest first.
CREATE INDEX tickets_by_state ON tickets (org_id, state, opened_at, id);
CREATE INDEX tickets_unassigned ON tickets (org_id, opened_at, id) WHERE assignee = '';
-- The desk's own queue is the open tickets by priority (by deadline reads
-- migration 023's tickets_open_by_deadline; resolved today, its
-- tickets_by_resolved): the open few read from the whole priority index
-- meant passing every closed ticket of the same priority.
CREATE INDEX tickets_open_by_priority ON tickets (org_id, priority, id)
	WHERE state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change');
-- tickets_by_state begins with tickets_open's columns, so it serves all of
-- tickets_open's reads too.
DROP INDEX tickets_open;
