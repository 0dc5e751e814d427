package audit

// What the people service writes (an added or changed person reuses
// PersonAdd and PersonEdit, the same people the desk names).
const (
	// PeopleImport is an HR export loaded, with its counts.
	PeopleImport = "people.import"
)
