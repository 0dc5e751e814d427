-- A ticket's history, appended to and never edited (see the triggers).
CREATE TABLE ticket_events (
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	pos INTEGER NOT NULL,
	at TIMESTAMP NOT NULL,
	kind TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT '',
	priority INTEGER NOT NULL DEFAULT 0,
	assignment_group TEXT NOT NULL DEFAULT '',
	assignee TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	source_seq INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (ticket_id, pos)
) WITHOUT ROWID; -- one B-tree, not a table and an index: imports write a lot of these

-- A ticket's history is evidence for its SLA figures: never edited, never removed.
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket history is append-only'); END;
