package posture

// fieldLabels say in words what each evidence field records, for people
// reading a finding; the field's own name stays for analysts and exports.
var fieldLabels = map[string]string{
	"address":                  "mail address",
	"encrypted":                "storage encrypted",
	"end_of_support":           "supported until",
	"firewall":                 "firewall",
	"forward_as_attachment_to": "inbox rule forwards as an attachment to",
	"forward_to":               "inbox rule forwards to",
	"forwarding_address":       "forwards mail to contact",
	"forwarding_smtp_address":  "forwards mail to",
	"last_seen":                "last seen",
	"malware_protection":       "malware protection",
	"managed":                  "managed",
	"missing_update":           "missing update",
	"missing_updates":          "missing updates",
	"os":                       "operating system",
	"os_release":               "operating system release",
	"os_version":               "operating system version",
	"password_min_length":      "shortest password allowed",
	"primary_user":             "main user",
	"redirect_to":              "inbox rule redirects to",
	"remote_access":            "remote access",
	"remote_access_mfa":        "remote access needs a second factor",
	"reported":                 "reported",
	"rights":                   "rights",
	"screen_lock":              "screen lock",
	"screen_lock_minutes":      "screen locks after (minutes)",
	"signatures_updated":       "malware signatures updated",
	"sources":                  "seen by",
	"steps":                    "steps",
	"user_is_local_admin":      "user is a local administrator",
}

// FieldLabel says an evidence field in words: "forwards mail to" for
// forwarding_smtp_address. A field with no label is shown as it is named.
func FieldLabel(field string) string {
	if l, ok := fieldLabels[field]; ok {
		return l
	}
	return field
}
