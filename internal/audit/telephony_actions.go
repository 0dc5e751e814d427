package audit

// The desk's telephony: a phone system's call log imported for past
// figures, and a call put on a ticket by an agent.
const (
	CallImport = "call.import"
	CallLink   = "call.link"
)
