package audit

// Actions of the settings an org's managers change from the pages or the
// command line.
const (
	PersonAdd   = "person.add"
	PersonEdit  = "person.edit"
	PersonLeave = "person.leave"
	PhoneSecret = "phone.secret"
)
