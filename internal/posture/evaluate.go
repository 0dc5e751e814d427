package posture

import (
	"github.com/ward-shared-service/ward/internal/finding"
	"strconv"
	"strings"
	"time"
)

// Outcome is what one control concluded about one subject.
type Outcome string

const (
	Pass Outcome = "pass"
	Fail Outcome = "fail"
	// Undetermined: the sources did not report what the control needs. It is
	// shown as "unknown" (the name Unknown belongs to Fact). It is never a
	// failure: a tool that does not collect a fact must not fail every device.
	Undetermined  Outcome = "unknown"
	NotApplicable Outcome = "not-applicable"
)

// Evidence is one value behind an outcome: what was found and what the
// control wants. Failures carry the values that failed; unknowns name the
// fact that was missing. It is the finding's evidence type, so a failure
// becomes a finding without translation.
type Evidence = finding.Evidence

// Result is one control's outcome for one subject. Evidence slices may be
// shared between results to keep evaluation allocation-free: read them, do
// not change their elements.
type Result struct {
	Control  string     `json:"control"`
	Outcome  Outcome    `json:"outcome"`
	Severity Severity   `json:"severity"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

type deviceCheck struct {
	id  string
	sev Severity
	fn  func(*Evaluator, *Device) (Outcome, []Evidence)
}

type mailboxCheck struct {
	id  string
	sev Severity
	fn  func(*Evaluator, *Mailbox) (Outcome, []Evidence)
}

// Evaluator applies one org's settings at one moment. Everything that
// depends only on the settings and the moment (cut-off times, wanted
// values, end-of-support verdicts) is worked out once here, so evaluating
// a passing device allocates nothing. It is safe for concurrent use.
type Evaluator struct {
	now       time.Time
	official  []string // lower-case official domains
	forwardOK []string // official plus allowed_domains
	devices   []deviceCheck
	mailboxes []mailboxCheck

	sigCutoff       time.Time
	encryptDesktops bool
	updCutoff       time.Time
	updMinRank      int
	lockMaxMinutes  int
	pwMin, pwMobile int
	seenCutoff      time.Time

	// End-of-support verdicts by table row, for Enterprise and Home/Pro
	// editions, and for releases older than each line's oldest row.
	osVerdicts map[osKey]*[2]verdict
	osFloors   map[osKey]floorVerdict

	ev evidenceSet
}

type verdict struct {
	outcome  Outcome
	evidence []Evidence
}

type floorVerdict struct {
	oldest osKey
	v      verdict
}

// NewEvaluator validates the settings and prepares an evaluator for the moment now.
func NewEvaluator(s Settings, now time.Time) (*Evaluator, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	e := &Evaluator{now: now}
	for _, d := range s.OfficialDomains {
		c, _ := cleanDomain(d)
		e.official = append(e.official, c)
	}
	e.forwardOK = append([]string(nil), e.official...)
	for _, d := range splitList(s.Value(ctlExternalForwarding, "allowed_domains")) {
		c, _ := cleanDomain(d)
		e.forwardOK = append(e.forwardOK, c)
	}
	num := func(control, param string) int {
		n, _ := strconv.Atoi(s.Value(control, param))
		return n
	}
	days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

	sigDays := num(ctlMalwareProtection, "max_signature_age_days")
	e.sigCutoff = now.Add(-days(sigDays))
	e.encryptDesktops, _ = parseBool(s.Value(ctlDiskEncryption, "require_on_desktops"))
	updDays := num(ctlSecurityUpdates, "max_age_days")
	e.updCutoff = now.Add(-days(updDays))
	minSev, _ := ParseSeverity(s.Value(ctlSecurityUpdates, "min_severity"))
	e.updMinRank = minSev.Rank()
	e.lockMaxMinutes = num(ctlScreenLock, "max_idle_minutes")
	e.pwMin = num(ctlPasswordPolicy, "min_length")
	e.pwMobile = num(ctlPasswordPolicy, "mobile_min_length")
	seenDays := num(ctlStaleDevice, "max_days_unseen")
	e.seenCutoff = now.Add(-days(seenDays))

	var esu time.Time
	if v := s.Value(ctlSupportedOS, "windows10_esu_until"); v != "" {
		esu, _ = time.Parse(time.DateOnly, v)
	}
	e.prepareOS(esu)
	e.ev = newEvidenceSet(e, sigDays, updDays, seenDays, minSev)

	for i := range catalogue {
		c := &catalogue[i]
		if !s.Enabled(c.ID) {
			continue
		}
		if fn := deviceChecks[c.ID]; fn != nil && c.AppliesTo(DeviceSubject) {
			e.devices = append(e.devices, deviceCheck{c.ID, c.Severity, fn})
		}
		if fn := mailboxChecks[c.ID]; fn != nil && c.AppliesTo(MailboxSubject) {
			e.mailboxes = append(e.mailboxes, mailboxCheck{c.ID, c.Severity, fn})
		}
	}
	return e, nil
}

// Now is the moment the evaluator judges against.
func (e *Evaluator) Now() time.Time { return e.now }

// Official reports whether an address (or a bare domain) is on one of the
// org's official domains or their subdomains.
func (e *Evaluator) Official(address string) bool {
	d := rawDomain(address)
	if d == "" && !strings.Contains(address, "@") {
		d = strings.TrimSpace(address)
	}
	return d != "" && domainIn(d, e.official)
}

// EvaluateDevice appends one Result per enabled device control, in
// catalogue order, and returns the extended slice. Pass out[:0] of the
// previous call's slice to evaluate many devices without allocating.
func (e *Evaluator) EvaluateDevice(d *Device, out []Result) []Result {
	for i := range e.devices {
		c := &e.devices[i]
		o, ev := c.fn(e, d)
		out = append(out, Result{Control: c.id, Outcome: o, Severity: c.sev, Evidence: ev})
	}
	return out
}

// EvaluateMailbox appends one Result per enabled mailbox control.
func (e *Evaluator) EvaluateMailbox(m *Mailbox, out []Result) []Result {
	for i := range e.mailboxes {
		c := &e.mailboxes[i]
		o, ev := c.fn(e, m)
		out = append(out, Result{Control: c.id, Outcome: o, Severity: c.sev, Evidence: ev})
	}
	return out
}

// prepareOS decides every table row once for this moment.
func (e *Evaluator) prepareOS(esu time.Time) {
	e.osVerdicts = make(map[osKey]*[2]verdict, len(osTable))
	for k, s := range osTable {
		end, endHP, note := s.End, s.EndHomePro, ""
		if endHP.IsZero() {
			endHP = end
		}
		if s.ESU && esu.After(end) {
			end, endHP, note = esu, esu, " (Extended Security Updates)"
		}
		e.osVerdicts[k] = &[2]verdict{e.osVerdict(s, end, note), e.osVerdict(s, endHP, note)}
	}
	e.osFloors = make(map[osKey]floorVerdict, len(osFloor))
	for line, k := range osFloor {
		s := osTable[k]
		v := verdict{outcome: Pass}
		if !e.now.Before(s.End) {
			v = verdict{Fail, shared(
				Evidence{Field: "os_release", Value: "older than " + s.Name, Want: "a release its vendor still supports"},
				Evidence{Field: "end_of_support", Value: "on or before " + s.End.Format(time.DateOnly), Want: e.stillSupported()},
			)}
		}
		e.osFloors[line] = floorVerdict{oldest: k, v: v}
	}
}

func (e *Evaluator) osVerdict(s *OSSupport, end time.Time, note string) verdict {
	release := Evidence{Field: "os_release", Value: s.Name, Want: "a release its vendor still supports"}
	switch {
	case !end.IsZero() && !e.now.Before(end):
		return verdict{Fail, shared(release,
			Evidence{Field: "end_of_support", Value: end.Format(time.DateOnly) + note, Want: e.stillSupported()})}
	case end.IsZero() && !s.Expected.IsZero() && !e.now.Before(s.Expected):
		return verdict{Undetermined, shared(release,
			Evidence{Field: "end_of_support",
				Value: "not announced when ward's table was last updated (" + osAsOf.Format(time.DateOnly) + "); expected around " + s.Expected.Format("2006-01"),
				Want:  "ward's end-of-support table brought up to date"})}
	}
	return verdict{outcome: Pass}
}

func (e *Evaluator) stillSupported() string {
	return "still supported on " + e.now.UTC().Format(time.DateOnly)
}

// shared makes an evidence slice that many results may hold; its capacity
// equals its length so that appending to it copies rather than overwrites.
func shared(ev ...Evidence) []Evidence { return ev[:len(ev):len(ev)] }

// rawDomain returns the domain of a recipient as written (not lower-cased),
// without allocating: `"Name" [SMTP:a@B.c]`, `smtp:a@b.c` and `a@b.c` all give
// the part after the last @. It returns "" when there is no @.
func rawDomain(recipient string) string {
	at := strings.LastIndexByte(recipient, '@')
	if at < 0 {
		return ""
	}
	d := recipient[at+1:]
	end := 0
	for end < len(d) && d[end] != ']' && d[end] != '>' && d[end] != '"' && d[end] != '\'' && d[end] != ' ' && d[end] != ';' && d[end] != ',' {
		end++
	}
	return strings.TrimSuffix(d[:end], ".")
}
