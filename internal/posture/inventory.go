package posture

import (
	"strings"
	"time"
)

// OSFamilies lists the operating systems in display order, for filters.
var OSFamilies = []OSFamily{Windows, MacOS, IOS, IPadOS, Android, Linux, ChromeOS, OtherOS}

// InventoryCSVHeader is the first row of a device inventory export.
var InventoryCSVHeader = []string{"id", "name", "serial", "kind", "ownership", "os", "os_version", "model",
	"primary_user", "last_seen", "managed", "sources", "failing"}

// InventoryRecord is one device as a row of the inventory export; failing
// names what is wrong with it now, one failure per open finding.
func InventoryRecord(id string, d *Device, failing []string) []string {
	seen := ""
	if !d.LastSeen.IsZero() {
		seen = d.LastSeen.UTC().Format(time.RFC3339)
	}
	managed := "no"
	if d.Managed {
		managed = "yes"
	}
	what := make([]string, len(failing))
	for i, c := range failing {
		what[i] = FailureOf(c)
	}
	return []string{id, d.Name, d.Serial, string(d.Type), string(d.Ownership), string(d.OS), d.OSVersion, d.Model,
		d.PrimaryUser, seen, managed, strings.Join(d.Sources, " "), strings.Join(what, "; ")}
}
