package audit

// The phishing exercises' actions.
const (
	// PhishingImport is a campaign's results imported from Gophish (and the
	// enrolments made for those who clicked).
	PhishingImport = "phishing.import"
)
