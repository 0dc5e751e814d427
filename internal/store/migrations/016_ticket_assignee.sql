-- A ticket's assignee is one of the users who may work the org's tickets,
-- kept by id so "my queue" survives a change of name; the name stays in
-- tickets.assignee for display and for imported tickets, whose assignees
-- are names from another desk tool and have no id.
ALTER TABLE tickets ADD COLUMN assignee_id BIGINT REFERENCES users(id);
CREATE INDEX tickets_assignee ON tickets (assignee_id, opened_at);
