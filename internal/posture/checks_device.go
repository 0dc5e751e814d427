package posture

import (
	"strconv"
	"strings"
	"time"
)

// appStoreOnly says the OS installs software only from a signed store and
// gives users no admin rights or firewall to manage (Cyber Essentials
// accepts the store in place of anti-malware software).
func appStoreOnly(os OSFamily) bool {
	return os == IOS || os == IPadOS || os == Android || os == ChromeOS
}

func checkMalware(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if appStoreOnly(d.OS) {
		return NotApplicable, nil
	}
	if o, ev := wanted(d.MalwareProtection, Yes, e.ev.malwareOff, e.ev.malwareUnknown); o != Pass {
		return o, ev
	}
	if d.SignaturesUpdated.IsZero() {
		return Undetermined, e.ev.sigUnknown
	}
	if d.SignaturesUpdated.Before(e.sigCutoff) {
		return Fail, []Evidence{{Field: "signatures_updated", Value: date(d.SignaturesUpdated), Want: e.ev.wantSig}}
	}
	return Pass, nil
}

// wanted judges a yes/no fact the control wants to be want: the other
// answer fails with failing as evidence, no answer is undetermined.
func wanted(f, want Fact, failing, unknown []Evidence) (Outcome, []Evidence) {
	switch f {
	case want:
		return Pass, nil
	case Unknown:
		return Undetermined, unknown
	}
	return Fail, failing
}

func checkFirewall(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.OS == IOS || d.OS == IPadOS || d.OS == Android {
		return NotApplicable, nil
	}
	return wanted(d.Firewall, Yes, e.ev.firewallOff, e.ev.firewallUnknown)
}

func checkEncryption(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if !d.Type.Mobile() && !(d.Type == Desktop && e.encryptDesktops) {
		return NotApplicable, nil
	}
	return wanted(d.Encrypted, Yes, e.ev.encryptionOff, e.ev.encryptionUnknown)
}

func checkSupportedOS(e *Evaluator, d *Device) (Outcome, []Evidence) {
	r, err := parseOS(d.OS, d.OSVersion, d.Type == Server)
	if err == errNotTracked {
		if d.OS == "" {
			return Undetermined, e.ev.osFamilyUnknown
		}
		return Undetermined, []Evidence{{Field: "os", Value: string(d.OS), Want: "windows, macos, ios, ipados or android"}}
	}
	if err != nil {
		v := d.OSVersion
		if v == "" {
			v = unknownValue
		}
		return Undetermined, []Evidence{{Field: "os_version", Value: v, Want: e.ev.wantOSKnown}}
	}
	k := r.key()
	if vs := e.osVerdicts[k]; vs != nil {
		v := &vs[0]
		if r.HomePro {
			v = &vs[1]
		}
		return v.outcome, v.evidence
	}
	if f, ok := e.osFloors[osKey{family: k.family, channel: k.channel}]; ok && osLess(k, f.oldest) {
		return f.v.outcome, f.v.evidence
	}
	return Undetermined, []Evidence{{Field: "os_version", Value: d.OSVersion, Want: e.ev.wantOSKnown}}
}

// maxUpdateEvidence caps the evidence of one device: a page listing forty
// missing updates helps nobody more than one listing ten and a count.
const maxUpdateEvidence = 10

func checkUpdates(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.UpdatesChecked.IsZero() && len(d.MissingUpdates) == 0 {
		return Undetermined, e.ev.updatesUnreported
	}
	var ev []Evidence
	overdue, undated := 0, 0
	for i := range d.MissingUpdates {
		u := &d.MissingUpdates[i]
		if u.Severity.Rank() > e.updMinRank {
			continue
		}
		if u.Released.IsZero() {
			undated++
			continue
		}
		if !u.Released.Before(e.updCutoff) {
			continue
		}
		overdue++
		if overdue <= maxUpdateEvidence {
			ev = append(ev, Evidence{Field: "missing_update",
				Value: u.ID + " (" + string(u.Severity) + ", released " + date(u.Released) + ")", Want: e.ev.wantUpdate})
		}
	}
	if overdue > maxUpdateEvidence {
		ev = append(ev, Evidence{Field: "missing_update", Value: "and " + strconv.Itoa(overdue-maxUpdateEvidence) + " more", Want: e.ev.wantUpdate})
	}
	switch {
	case overdue > 0:
		return Fail, ev
	case undated > 0:
		return Undetermined, e.ev.updateDateUnknown
	}
	return Pass, nil
}

func checkScreenLock(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.Type == Server {
		return NotApplicable, nil
	}
	lock := d.ScreenLock
	if lock == Unknown && d.ScreenLockMinutes > 0 {
		lock = Yes // a source that reports a timeout has a lock to time out
	}
	switch {
	case lock == No:
		return Fail, e.ev.lockOff
	case lock == Unknown:
		return Undetermined, e.ev.lockUnknown
	case d.ScreenLockMinutes <= 0:
		return Undetermined, e.ev.lockMinsUnknown
	case d.ScreenLockMinutes > e.lockMaxMinutes:
		return Fail, []Evidence{{Field: "screen_lock_minutes", Value: strconv.Itoa(d.ScreenLockMinutes), Want: e.ev.wantLock}}
	}
	return Pass, nil
}

// checkPassword: the default minimum of 12 (min_length) follows Cyber
// Essentials' rule for passwords that no second factor or deny-list
// protects, which is what ward can see of a device; it also fits the NCSC's
// three-random-words advice. Councils that block common passwords or use
// Windows Hello may lower it to 8, Cyber Essentials' floor, and no lower.
// Phones and tablets unlock with a PIN and are held to mobile_min_length
// (6 by default, Cyber Essentials' device-unlocking rule).
func checkPassword(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.PasswordMinLength <= 0 {
		return Undetermined, e.ev.passwordUnknown
	}
	want, wantText := e.pwMin, e.ev.wantPw
	if d.Type == Smartphone || d.Type == Tablet {
		want, wantText = e.pwMobile, e.ev.wantPwMobile
	}
	if d.PasswordMinLength < want {
		return Fail, []Evidence{{Field: "password_min_length", Value: strconv.Itoa(d.PasswordMinLength), Want: wantText}}
	}
	return Pass, nil
}

func checkLocalAdmin(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.Type == Server || appStoreOnly(d.OS) {
		return NotApplicable, nil
	}
	return wanted(d.UserIsLocalAdmin, No, e.ev.adminYes, e.ev.adminUnknown)
}

func checkStale(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.LastSeen.IsZero() {
		return Undetermined, e.ev.seenUnknown
	}
	if d.LastSeen.Before(e.seenCutoff) {
		return Fail, []Evidence{{Field: "last_seen", Value: date(d.LastSeen), Want: e.ev.wantSeen}}
	}
	return Pass, nil
}

func checkManaged(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.Managed {
		return Pass, nil
	}
	if len(d.Sources) == 0 {
		return Fail, e.ev.unmanaged
	}
	return Fail, []Evidence{e.ev.unmanaged[0], {Field: "sources", Value: strings.Join(d.Sources, ", "), Want: "a management tool among them"}}
}

func checkRemoteAccessMFA(e *Evaluator, d *Device) (Outcome, []Evidence) {
	switch d.RemoteAccess {
	case No:
		return NotApplicable, nil
	case Unknown:
		return Undetermined, e.ev.remoteUnknown
	}
	return wanted(d.RemoteAccessMFA, Yes, e.ev.mfaOff, e.ev.mfaUnknown)
}

func checkDeviceUserDomain(e *Evaluator, d *Device) (Outcome, []Evidence) {
	if d.PrimaryUser == "" {
		return Undetermined, e.ev.userUnknown
	}
	dom := rawDomain(d.PrimaryUser)
	if dom == "" {
		// A down-level logon name (ASHCOMBE\jsmith) names no mail domain.
		return Undetermined, []Evidence{{Field: "primary_user", Value: d.PrimaryUser, Want: e.ev.wantOfficial}}
	}
	if !domainIn(dom, e.official) {
		return Fail, []Evidence{{Field: "primary_user", Value: d.PrimaryUser, Want: e.ev.wantOfficial}}
	}
	return Pass, nil
}

func date(t time.Time) string { return t.UTC().Format(time.DateOnly) }
