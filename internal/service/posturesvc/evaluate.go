package posturesvc

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Evaluation says what a run of the baseline found.
type Evaluation struct {
	At        time.Time          `json:"at"`
	Devices   int                `json:"devices"`
	Mailboxes int                `json:"mailboxes"`
	Findings  finding.Counts     `json:"findings"`
	Controls  []store.ControlDay `json:"controls"`
	Skipped   []string           `json:"skipped,omitempty"` // controls not checked, and why
}

// Evaluate checks every device and mailbox of an org against the baseline
// and brings its findings up to date.
func (s *Service) Evaluate(ctx context.Context, p tenancy.Principal, orgID int64) (Evaluation, error) {
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return Evaluation{}, err
	}
	var ev Evaluation
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if ev, err = s.evaluate(ctx, p, orgID, nil); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PostureEvaluate,
			Target: "devices and mailboxes", IP: p.IP, Detail: countsDetail(ev)})
		return err
	})
	return ev, err
}

func countsDetail(ev Evaluation) map[string]string {
	return map[string]string{"devices": strconv.Itoa(ev.Devices), "mailboxes": strconv.Itoa(ev.Mailboxes),
		"opened": strconv.Itoa(ev.Findings.Opened), "resolved": strconv.Itoa(ev.Findings.Resolved),
		"reopened": strconv.Itoa(ev.Findings.Reopened), "kept": strconv.Itoa(ev.Findings.Kept)}
}

// evaluate runs inside the caller's transaction. An import passes the
// devices it has just saved, sparing a second read of them all; nil reads
// them from the store.
func (s *Service) evaluate(ctx context.Context, p tenancy.Principal, orgID int64, devices []store.StoredDevice) (Evaluation, error) {
	now := s.Store.Now()
	ev := Evaluation{At: now}
	settings, err := s.Settings(ctx, p, orgID)
	if err != nil {
		return ev, err
	}
	// Findings of controls the org switched off resolve; controls skipped
	// for want of domains leave theirs alone.
	orgDisabled := maps.Clone(settings.Disabled)
	if len(settings.OfficialDomains) == 0 {
		for _, id := range mailDomainControls {
			if settings.Enabled(id) {
				settings.Disabled[id] = true
				ev.Skipped = append(ev.Skipped, id+": the org has no official mail domains yet (ward posture domains --org SLUG set DOMAIN…)")
			}
		}
	}
	eval, err := posture.NewEvaluator(settings, now)
	if err != nil {
		return ev, invalid("settings", "%v", err)
	}
	if devices == nil {
		if devices, err = s.Store.OrgDevices(ctx, p.Scope, orgID); err != nil {
			return ev, err
		}
	}
	mailboxes, err := s.Store.OrgMailboxes(ctx, p.Scope, orgID)
	if err != nil {
		return ev, err
	}
	held, err := s.Store.OrgFindings(ctx, p.Scope, orgID, finding.Device, finding.Mailbox)
	if err != nil {
		return ev, err
	}
	run := newRun(held, orgDisabled)
	var results []posture.Result
	for i := range devices {
		d := &devices[i]
		results = eval.EvaluateDevice(&d.Device, results[:0])
		run.observe(DeviceSubject(d), results)
	}
	for i := range mailboxes {
		m := &mailboxes[i]
		results = eval.EvaluateMailbox(&m.Mailbox, results[:0])
		run.observe(MailboxSubject(m), results)
	}
	run.retireDisabled()
	plan := finding.Reconcile(orgID, held, run.observed, now)
	if err := s.Store.ApplyFindings(ctx, p.Scope, plan); err != nil {
		return ev, err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, orgID)
	if err != nil {
		return ev, err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	ev.Devices, ev.Mailboxes, ev.Findings = len(devices), len(mailboxes), plan.Counts()
	ev.Controls = run.days(now.In(loc).Format(time.DateOnly))
	return ev, s.Store.SavePostureDay(ctx, p.Scope, orgID, ev.Controls)
}

// DeviceSubject names a device in findings: by ward's id, which stays the
// same whichever source's identifiers the device gains.
func DeviceSubject(d *store.StoredDevice) finding.Subject {
	return finding.Subject{Kind: finding.Device, Key: "device:" + strconv.FormatInt(d.ID, 10), Name: d.Device.Label()}
}

// MailboxSubject names a mailbox in findings by its address.
func MailboxSubject(m *store.StoredMailbox) finding.Subject {
	return finding.Subject{Kind: finding.Mailbox, Key: "mailbox:" + m.Mailbox.Address, Name: m.Mailbox.Address}
}

// run gathers one evaluation's observations and counts. Passing checks
// are only passed on where a finding is held for them, so a clean estate of
// a hundred thousand devices does not make a million observations.
type run struct {
	held     map[finding.Key]finding.State
	disabled map[string]bool
	observed []finding.Observation
	counts   map[string]*store.ControlDay
	order    []string
}

func newRun(held []finding.Finding, disabled map[string]bool) *run {
	r := &run{held: make(map[finding.Key]finding.State, len(held)), disabled: disabled, counts: map[string]*store.ControlDay{}}
	for i := range held {
		r.held[held[i].KeyOf()] = held[i].State
	}
	return r
}

func (r *run) observe(subject finding.Subject, results []posture.Result) {
	for _, res := range results {
		c := r.counts[res.Control]
		if c == nil {
			c = &store.ControlDay{Control: res.Control}
			r.counts[res.Control] = c
			r.order = append(r.order, res.Control)
		}
		var outcome finding.Outcome
		switch res.Outcome {
		case posture.Pass:
			c.Pass++
			outcome = finding.Pass
		case posture.Fail:
			c.Fail++
			outcome = finding.Fail
		case posture.NotApplicable:
			c.NotApplicable++
			outcome = finding.NotApplicable
		default:
			c.Unknown++
			continue
		}
		if outcome != finding.Fail {
			if st, ok := r.held[finding.Key{Control: res.Control, Kind: subject.Kind, Subject: subject.Key}]; !ok || st == finding.Resolved {
				continue
			}
		}
		o := finding.Observation{Control: res.Control, Subject: subject, Outcome: outcome, Severity: string(res.Severity)}
		if outcome == finding.Fail {
			o.Evidence = slices.Clone(res.Evidence) // the evaluator shares its evidence slices
		}
		r.observed = append(r.observed, o)
	}
}

// retireDisabled resolves the held findings of controls the org has
// switched off: they are no longer part of its baseline.
func (r *run) retireDisabled() {
	for k, st := range r.held {
		if st != finding.Resolved && r.disabled[k.Control] {
			r.observed = append(r.observed, finding.Observation{Control: k.Control,
				Subject: finding.Subject{Kind: k.Kind, Key: k.Subject}, Outcome: finding.NotApplicable})
		}
	}
}

func (r *run) days(day string) []store.ControlDay {
	out := make([]store.ControlDay, 0, len(r.order))
	for _, id := range r.order {
		c := *r.counts[id]
		c.Day = day
		out = append(out, c)
	}
	return out
}
