package posture

import (
	"slices"
	"time"
)

// Merge folds one source's report of a device into what ward already knows
// of it. The rules, so that importing sources in any order converges:
//
//   - a fact the incoming report knows replaces the existing one when the
//     report is at least as recent (LastSeen), and fills a gap when it is older;
//   - an unknown fact (Unknown, "", 0, a placeholder serial) never replaces a known one;
//   - SourceIDs and Sources accumulate; Managed is true once any source manages it;
//   - LastSeen and SignaturesUpdated take the latest time seen;
//   - missing updates come whole from the most recent source that reported updates,
//     since lists from different scanners do not add up.
//
// After Merge, Add the device to the Index again so it is found by any new identifier.
func Merge(existing *Device, incoming Device, source string) {
	newer := !incoming.LastSeen.Before(existing.LastSeen)

	if !IsPlaceholderSerial(incoming.Serial) && (newer || IsPlaceholderSerial(existing.Serial)) {
		existing.Serial = incoming.Serial
	}
	mergeString(&existing.Name, incoming.Name, newer)
	mergeString(&existing.Model, incoming.Model, newer)
	mergeString(&existing.PrimaryUser, incoming.PrimaryUser, newer)
	mergeString((*string)(&existing.Ownership), string(incoming.Ownership), newer)
	if incoming.Type != "" && incoming.Type != OtherType && (newer || existing.Type == "" || existing.Type == OtherType) {
		existing.Type = incoming.Type
	}
	mergeOS(existing, &incoming, newer)

	for _, f := range [...]struct{ to, from *Fact }{
		{&existing.MalwareProtection, &incoming.MalwareProtection},
		{&existing.Firewall, &incoming.Firewall},
		{&existing.Encrypted, &incoming.Encrypted},
		{&existing.ScreenLock, &incoming.ScreenLock},
		{&existing.UserIsLocalAdmin, &incoming.UserIsLocalAdmin},
		{&existing.RemoteAccess, &incoming.RemoteAccess},
		{&existing.RemoteAccessMFA, &incoming.RemoteAccessMFA},
	} {
		if f.from.Known() && (newer || !f.to.Known()) {
			*f.to = *f.from
		}
	}
	mergeInt(&existing.ScreenLockMinutes, incoming.ScreenLockMinutes, newer)
	mergeInt(&existing.PasswordMinLength, incoming.PasswordMinLength, newer)
	existing.SignaturesUpdated = later(existing.SignaturesUpdated, incoming.SignaturesUpdated)

	if reportsUpdates(&incoming) {
		when := updatesTime(&incoming)
		if !reportsUpdates(existing) || !when.Before(updatesTime(existing)) {
			existing.MissingUpdates = slices.Clone(incoming.MissingUpdates)
			existing.UpdatesChecked = when
		}
	}

	existing.Managed = existing.Managed || incoming.Managed
	existing.LastSeen = later(existing.LastSeen, incoming.LastSeen)
	for src, id := range incoming.SourceIDs {
		if id == "" {
			continue
		}
		if existing.SourceIDs == nil {
			existing.SourceIDs = map[string]string{}
		}
		existing.SourceIDs[src] = id
	}
	addSource(existing, source)
	for _, s := range incoming.Sources {
		addSource(existing, s)
	}
}

// mergeOS keeps the family and version together: both come from the same report.
func mergeOS(existing, incoming *Device, newer bool) {
	knownOS := func(f OSFamily) bool { return f != "" && f != OtherOS }
	switch {
	case incoming.OSVersion != "" && (newer || existing.OSVersion == ""):
		if knownOS(incoming.OS) || !knownOS(existing.OS) {
			existing.OS = incoming.OS
		}
		existing.OSVersion = incoming.OSVersion
	case knownOS(incoming.OS) && incoming.OS != existing.OS && (newer || !knownOS(existing.OS)):
		// A different family without a version: the old version belonged to the old family.
		existing.OS, existing.OSVersion = incoming.OS, ""
	}
}

func reportsUpdates(d *Device) bool { return !d.UpdatesChecked.IsZero() || len(d.MissingUpdates) > 0 }

// updatesTime is when a device's update list was taken: UpdatesChecked, or
// the report's LastSeen for sources that do not say.
func updatesTime(d *Device) time.Time {
	if !d.UpdatesChecked.IsZero() {
		return d.UpdatesChecked
	}
	return d.LastSeen
}

func mergeString(to *string, from string, newer bool) {
	if from != "" && (newer || *to == "") {
		*to = from
	}
}

func mergeInt(to *int, from int, newer bool) {
	if from > 0 && (newer || *to <= 0) {
		*to = from
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func addSource(d *Device, source string) {
	if source != "" && !slices.Contains(d.Sources, source) {
		d.Sources = append(d.Sources, source)
	}
}
