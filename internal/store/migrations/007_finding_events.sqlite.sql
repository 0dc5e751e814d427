-- A finding's history: opened, resolved, reopened, accepted, ticket raised.
CREATE TABLE finding_events (
	id INTEGER PRIMARY KEY,
	finding_id BIGINT NOT NULL REFERENCES findings(id),
	at TIMESTAMP NOT NULL,
	kind TEXT NOT NULL,
	actor TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX finding_events_finding ON finding_events (finding_id, id);

CREATE TRIGGER finding_events_no_update BEFORE UPDATE ON finding_events
BEGIN SELECT RAISE(ABORT, 'finding history is append-only'); END;
CREATE TRIGGER finding_events_no_delete BEFORE DELETE ON finding_events
BEGIN SELECT RAISE(ABORT, 'finding history is append-only'); END;
