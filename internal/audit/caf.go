package audit

// Cyber Assessment Framework actions.
const (
	CAFImport = "caf.import" // a CAF framework version imported (its file, hash and counts)
)
