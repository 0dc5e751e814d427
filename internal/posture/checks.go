package posture

import (
	"strconv"
	"strings"
	"time"
)

// Control ids the evaluator implements; the catalogue test checks that each
// catalogue entry has its check and each check its entry.
const (
	ctlMalwareProtection  = "malware-protection"
	ctlFirewall           = "firewall"
	ctlDiskEncryption     = "disk-encryption"
	ctlSupportedOS        = "supported-os"
	ctlSecurityUpdates    = "security-updates"
	ctlScreenLock         = "screen-lock"
	ctlPasswordPolicy     = "password-policy"
	ctlLocalAdmin         = "local-admin"
	ctlStaleDevice        = "stale-device"
	ctlUnmanagedDevice    = "unmanaged-device"
	ctlRemoteAccessMFA    = "remote-access-mfa"
	ctlExternalForwarding = "external-forwarding"
	ctlUnofficialDomain   = "unofficial-domain"
)

var deviceChecks = map[string]func(*Evaluator, *Device) (Outcome, []Evidence){
	ctlMalwareProtection: checkMalware,
	ctlFirewall:          checkFirewall,
	ctlDiskEncryption:    checkEncryption,
	ctlSupportedOS:       checkSupportedOS,
	ctlSecurityUpdates:   checkUpdates,
	ctlScreenLock:        checkScreenLock,
	ctlPasswordPolicy:    checkPassword,
	ctlLocalAdmin:        checkLocalAdmin,
	ctlStaleDevice:       checkStale,
	ctlUnmanagedDevice:   checkManaged,
	ctlRemoteAccessMFA:   checkRemoteAccessMFA,
	ctlUnofficialDomain:  checkDeviceUserDomain,
}

var mailboxChecks = map[string]func(*Evaluator, *Mailbox) (Outcome, []Evidence){
	ctlExternalForwarding: checkForwarding,
	ctlUnofficialDomain:   checkMailboxDomain,
}

const unknownValue = "unknown"

// evidenceSet holds the evidence that does not depend on the device, made
// once per evaluator so that common failures and unknowns allocate nothing.
type evidenceSet struct {
	malwareOff, malwareUnknown, sigUnknown []Evidence
	firewallOff, firewallUnknown           []Evidence
	encryptionOff, encryptionUnknown       []Evidence
	osFamilyUnknown                        []Evidence
	updatesUnreported, updateDateUnknown   []Evidence
	lockOff, lockUnknown, lockMinsUnknown  []Evidence
	passwordUnknown                        []Evidence
	adminYes, adminUnknown                 []Evidence
	seenUnknown, unmanaged                 []Evidence
	remoteUnknown, mfaOff, mfaUnknown      []Evidence
	userUnknown, addressUnknown            []Evidence

	wantSig, wantUpdate, wantSeen, wantLock, wantPw, wantPwMobile string
	wantOSKnown, wantOfficial, wantForward                        string
}

func newEvidenceSet(e *Evaluator, sigDays, updDays, seenDays int, minSev Severity) evidenceSet {
	one := func(field, value, want string) []Evidence {
		return shared(Evidence{Field: field, Value: value, Want: want})
	}
	var s evidenceSet
	s.wantSig = "within " + strconv.Itoa(sigDays) + " days"
	s.wantUpdate = "installed within " + strconv.Itoa(updDays) + " days of release"
	s.wantSeen = "within " + strconv.Itoa(seenDays) + " days"
	s.wantLock = "at most " + strconv.Itoa(e.lockMaxMinutes) + " minutes"
	s.wantPw = "at least " + strconv.Itoa(e.pwMin)
	s.wantPwMobile = "at least " + strconv.Itoa(e.pwMobile)
	s.wantOSKnown = "a version ward's end-of-support table knows (as of " + osAsOf.Format(time.DateOnly) + ")"
	s.wantOfficial = "an address on an official domain (" + domainList(e.official) + ")"
	s.wantForward = "an address on an official domain (" + domainList(e.official) + ")"
	if len(e.forwardOK) > len(e.official) {
		s.wantForward = "an address on an official or allowed domain (" + domainList(e.forwardOK) + ")"
	}

	s.malwareOff = one("malware_protection", "off", "on")
	s.malwareUnknown = one("malware_protection", unknownValue, "on")
	s.sigUnknown = one("signatures_updated", unknownValue, s.wantSig)
	s.firewallOff = one("firewall", "off", "on")
	s.firewallUnknown = one("firewall", unknownValue, "on")
	s.encryptionOff = one("encrypted", "no", "yes")
	s.encryptionUnknown = one("encrypted", unknownValue, "yes")
	s.osFamilyUnknown = one("os", unknownValue, "windows, macos, ios, ipados or android")
	s.updatesUnreported = one("missing_updates", "not reported by any source", "a source that reports missing updates")
	s.updateDateUnknown = one("missing_update", "a "+string(minSev)+" or worse update whose release date is not known", s.wantUpdate)
	s.lockOff = one("screen_lock", "off", "on")
	s.lockUnknown = one("screen_lock", unknownValue, "on")
	s.lockMinsUnknown = one("screen_lock_minutes", unknownValue, s.wantLock)
	s.passwordUnknown = one("password_min_length", unknownValue, "reported")
	s.adminYes = one("user_is_local_admin", "yes", "no")
	s.adminUnknown = one("user_is_local_admin", unknownValue, "no")
	s.seenUnknown = one("last_seen", unknownValue, s.wantSeen)
	s.unmanaged = one("managed", "no", "known to a management tool")
	s.remoteUnknown = one("remote_access", unknownValue, "yes or no")
	s.mfaOff = one("remote_access_mfa", "no", "yes")
	s.mfaUnknown = one("remote_access_mfa", unknownValue, "yes")
	s.userUnknown = one("primary_user", unknownValue, s.wantOfficial)
	s.addressUnknown = one("address", unknownValue, s.wantOfficial)
	return s
}

func domainList(ds []string) string {
	if len(ds) > 4 {
		return strings.Join(ds[:4], ", ") + ", …"
	}
	return strings.Join(ds, ", ")
}
