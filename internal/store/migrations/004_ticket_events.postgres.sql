-- A ticket's history, appended to and never edited (see the triggers).
CREATE TABLE ticket_events (
	ticket_id BIGINT NOT NULL REFERENCES tickets(id),
	pos INTEGER NOT NULL,
	at TIMESTAMPTZ NOT NULL,
	kind TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT '',
	priority INTEGER NOT NULL DEFAULT 0,
	assignment_group TEXT NOT NULL DEFAULT '',
	assignee TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	source_seq INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (ticket_id, pos)
);

-- A ticket's history is evidence for its SLA figures: never edited, never removed.
CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'ticket history is append-only';
END;
$$;
CREATE TRIGGER ticket_events_no_change BEFORE UPDATE OR DELETE ON ticket_events
FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
