package posture

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestMerge(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	t1 := t0.Add(24 * time.Hour)
	kb := func(id string) []Update {
		return []Update{{ID: id, Severity: Critical, Released: t0.Add(-30 * 24 * time.Hour)}}
	}

	intune := Device{
		Serial: "5CG1234XYZ", Name: "ASH-LT-0001", SourceIDs: map[string]string{"intune": "aaa"}, Managed: true,
		Type: Laptop, OS: Windows, OSVersion: "10.0.22631.4460", PrimaryUser: "j.smith@ashcombe.gov.uk", LastSeen: t0,
		Encrypted: Yes, Firewall: Yes, ScreenLockMinutes: 10, MalwareProtection: Yes,
		SignaturesUpdated: t0, MissingUpdates: kb("KB1"), UpdatesChecked: t0,
	}

	cases := []struct {
		name     string
		incoming Device
		source   string
		check    func(t *testing.T, d *Device)
	}{
		{"an unknown never overwrites a known fact, even when newer", Device{LastSeen: t1, Encrypted: Unknown, Firewall: Unknown}, "osquery",
			func(t *testing.T, d *Device) {
				if d.Encrypted != Yes || d.Firewall != Yes {
					t.Errorf("encrypted %s, firewall %s", d.Encrypted, d.Firewall)
				}
			}},
		{"a newer known fact replaces the old", Device{LastSeen: t1, Encrypted: No, ScreenLockMinutes: 30}, "osquery",
			func(t *testing.T, d *Device) {
				if d.Encrypted != No || d.ScreenLockMinutes != 30 {
					t.Errorf("encrypted %s, minutes %d", d.Encrypted, d.ScreenLockMinutes)
				}
			}},
		{"an equally recent known fact replaces the old", Device{LastSeen: t0, Encrypted: No}, "osquery",
			func(t *testing.T, d *Device) {
				if d.Encrypted != No {
					t.Errorf("encrypted %s", d.Encrypted)
				}
			}},
		{"an older report does not replace but fills gaps", Device{LastSeen: t0.Add(-time.Hour), Encrypted: No, UserIsLocalAdmin: Yes, Model: "HP EliteBook"}, "osquery",
			func(t *testing.T, d *Device) {
				if d.Encrypted != Yes || d.UserIsLocalAdmin != Yes || d.Model != "HP EliteBook" || !d.LastSeen.Equal(t0) {
					t.Errorf("encrypted %s, admin %s, model %q, last seen %v", d.Encrypted, d.UserIsLocalAdmin, d.Model, d.LastSeen)
				}
			}},
		{"sources and ids accumulate and managed sticks", Device{LastSeen: t1, SourceIDs: map[string]string{"entra": "bbb"}, Managed: false, Sources: []string{"entra", "intune"}}, "entra",
			func(t *testing.T, d *Device) {
				if !reflect.DeepEqual(d.Sources, []string{"intune", "entra"}) || d.SourceIDs["intune"] != "aaa" || d.SourceIDs["entra"] != "bbb" || !d.Managed {
					t.Errorf("sources %v, ids %v, managed %v", d.Sources, d.SourceIDs, d.Managed)
				}
			}},
		{"a placeholder serial does not replace a real one", Device{LastSeen: t1, Serial: "To be filled by O.E.M."}, "osquery",
			func(t *testing.T, d *Device) {
				if d.Serial != "5CG1234XYZ" {
					t.Errorf("serial %q", d.Serial)
				}
			}},
		{"missing updates come from the most recent source that reported them", Device{LastSeen: t1, MissingUpdates: kb("KB2"), UpdatesChecked: t1}, "defender",
			func(t *testing.T, d *Device) {
				if len(d.MissingUpdates) != 1 || d.MissingUpdates[0].ID != "KB2" || !d.UpdatesChecked.Equal(t1) {
					t.Errorf("updates %v checked %v", d.MissingUpdates, d.UpdatesChecked)
				}
			}},
		{"a newer source that reports no updates does not clear the list", Device{LastSeen: t1}, "entra",
			func(t *testing.T, d *Device) {
				if len(d.MissingUpdates) != 1 || d.MissingUpdates[0].ID != "KB1" {
					t.Errorf("updates %v", d.MissingUpdates)
				}
			}},
		{"a source that checked and found none clears the list", Device{LastSeen: t1, UpdatesChecked: t1}, "defender",
			func(t *testing.T, d *Device) {
				if len(d.MissingUpdates) != 0 || !d.UpdatesChecked.Equal(t1) {
					t.Errorf("updates %v", d.MissingUpdates)
				}
			}},
		{"an older update scan does not replace a newer one", Device{LastSeen: t1, MissingUpdates: kb("KB0"), UpdatesChecked: t0.Add(-time.Hour)}, "defender",
			func(t *testing.T, d *Device) {
				if d.MissingUpdates[0].ID != "KB1" {
					t.Errorf("updates %v", d.MissingUpdates)
				}
			}},
		{"the latest signature date wins", Device{LastSeen: t0.Add(-time.Hour), SignaturesUpdated: t1}, "defender",
			func(t *testing.T, d *Device) {
				if !d.SignaturesUpdated.Equal(t1) {
					t.Errorf("signatures %v", d.SignaturesUpdated)
				}
			}},
		{"OS family and version move together", Device{LastSeen: t1, OS: Windows, OSVersion: "10.0.26100.1"}, "defender",
			func(t *testing.T, d *Device) {
				if d.OS != Windows || d.OSVersion != "10.0.26100.1" {
					t.Errorf("os %s %s", d.OS, d.OSVersion)
				}
			}},
		{"a version without a family keeps the family", Device{LastSeen: t1, OSVersion: "10.0.26100.1"}, "scan",
			func(t *testing.T, d *Device) {
				if d.OS != Windows || d.OSVersion != "10.0.26100.1" {
					t.Errorf("os %q %q", d.OS, d.OSVersion)
				}
			}},
		{"'other' does not replace a known type", Device{LastSeen: t1, Type: OtherType}, "scan",
			func(t *testing.T, d *Device) {
				if d.Type != Laptop {
					t.Errorf("type %s", d.Type)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := intune
			d.SourceIDs = map[string]string{"intune": "aaa"}
			d.Sources = []string{"intune"}
			d.MissingUpdates = kb("KB1")
			Merge(&d, c.incoming, c.source)
			c.check(t, &d)
		})
	}
}

// Merging the same reports in either order gives the same facts.
func TestMergeOrderDoesNotMatterForFacts(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a := Device{Serial: "S123", LastSeen: t0, Encrypted: Yes, Firewall: No, SourceIDs: map[string]string{"intune": "1"}, Managed: true}
	b := Device{Serial: "S123", LastSeen: t0.Add(time.Hour), Encrypted: No, UserIsLocalAdmin: Yes, SourceIDs: map[string]string{"osquery": "2"}}
	var x, y Device
	Merge(&x, a, "intune")
	Merge(&x, b, "osquery")
	Merge(&y, b, "osquery")
	Merge(&y, a, "intune")
	if x.Encrypted != No || y.Encrypted != No || x.Firewall != No || y.Firewall != No || x.UserIsLocalAdmin != y.UserIsLocalAdmin ||
		!x.LastSeen.Equal(y.LastSeen) || x.Managed != y.Managed || !reflect.DeepEqual(x.SourceIDs, y.SourceIDs) {
		t.Errorf("order changed the result:\n%+v\n%+v", x, y)
	}
}

func TestIndexFind(t *testing.T) {
	laptop := &Device{Serial: "5CG1234XYZ", Name: "ASH-LT-0001", SourceIDs: map[string]string{"intune": "AAA-111"}}
	desktop := &Device{Serial: "To be filled by O.E.M.", Name: "ASH-PC-0002", SourceIDs: map[string]string{"intune": "BBB-222"}}
	phone := &Device{Name: "iPhone", SourceIDs: map[string]string{"intune": "CCC-333"}}
	twinA := &Device{Serial: "TWIN-A", Name: "RECEPTION"}
	twinB := &Device{Serial: "TWIN-B", Name: "reception"}
	idx := NewIndex([]*Device{laptop, desktop, phone, twinA, twinB})

	cases := []struct {
		name   string
		in     Device
		source string
		want   *Device
	}{
		{"by serial, ignoring case and spaces", Device{Serial: " 5cg1234xyz "}, "osquery", laptop},
		{"serial before id", Device{Serial: "5CG1234XYZ", SourceIDs: map[string]string{"intune": "BBB-222"}}, "intune", laptop},
		{"id before name", Device{Name: "ASH-LT-0001", SourceIDs: map[string]string{"intune": "bbb-222"}}, "intune", desktop},
		{"the id must be the reporting source's", Device{SourceIDs: map[string]string{"intune": "BBB-222"}}, "osquery", nil},
		{"by name, ignoring case", Device{Name: "ash-pc-0002"}, "osquery", desktop},
		{"placeholder serials are ignored", Device{Serial: "To be filled by O.E.M.", Name: "ASH-LT-0001"}, "osquery", laptop},
		{"'Default string' matches nothing", Device{Serial: "Default string"}, "osquery", nil},
		{"a different real serial is a different device, whatever the name", Device{Serial: "NEW-999", Name: "ASH-LT-0001"}, "osquery", nil},
		{"a different real serial is a different device, whatever the id", Device{Serial: "NEW-999", SourceIDs: map[string]string{"intune": "AAA-111"}}, "intune", nil},
		{"a new serial on a device that had none matches by name", Device{Serial: "REAL-777", Name: "ASH-PC-0002"}, "osquery", desktop},
		{"a generic name matches nothing", Device{Name: "iPhone"}, "osquery", nil},
		{"a name two devices share matches neither", Device{Name: "Reception"}, "osquery", nil},
		{"nothing known", Device{Serial: "ZZZ-000", Name: "ASH-LT-9999"}, "osquery", nil},
	}
	for _, c := range cases {
		if got := idx.Find(&c.in, c.source); got != c.want {
			t.Errorf("%s: found %+v, want %+v", c.name, got, c.want)
		}
	}

	// After a merge gives the desktop a serial, Add makes it findable by it.
	Merge(desktop, Device{Serial: "REAL-777", LastSeen: time.Now()}, "osquery")
	idx.Add(desktop)
	if got := idx.Find(&Device{Serial: "real-777"}, "fleet"); got != desktop {
		t.Errorf("after Add, found %+v", got)
	}
}

func TestIsPlaceholderSerial(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, " ": true, "0": true, "To be filled by O.E.M.": true, "Default string": true, "System Serial Number": true,
		"None": true, "NONE": true, "00000000": true, "0000-0000-0000-0000": true, "xxxxxxxx": true, "123456789": true,
		"5CG1234XYZ": false, "C02XK1ZZJGH5": false, "VMware-56 4d 1a 2b": false, "ABC": false, "1001": false,
	} {
		if got := IsPlaceholderSerial(s); got != want {
			t.Errorf("IsPlaceholderSerial(%q) = %v, want %v", s, got, want)
		}
	}
}

// Find builds its keys without allocating; they must equal the keys Add
// stored, or a device would not be found again.
func FuzzIndexKeys(f *testing.F) {
	for _, s := range []string{"5CG1234XYZ", " Ash-LT-0001 ", "ÄSH-ŁT", "\xff\xfeA", "İstanbul", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendLower(nil, s)), lowerKey(s); got != want {
			t.Fatalf("appendLower(%q) = %q, lowerKey = %q", s, got, want)
		}
		d := &Device{Serial: s, Name: s, SourceIDs: map[string]string{"src": s}}
		idx := NewIndex([]*Device{d})
		// A non-blank id alone is enough to be found again.
		if got := idx.Find(&Device{Serial: s, Name: s, SourceIDs: map[string]string{"src": s}}, "src"); got != d && strings.TrimSpace(s) != "" {
			t.Fatalf("device keyed %q not found again", s)
		}
	})
}
