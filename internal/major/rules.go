package major

import (
	"fmt"
	"strings"
	"time"
)

// Settings are an org's choices for major incidents and its status page.
type Settings struct {
	// StatusPublic lets anyone read the org's status page without signing
	// in; what they see is the public view (see the status page).
	StatusPublic bool `json:"status_public"`
	// NoticeGap is the damping of e-mail notices: a subscriber hears of a
	// service at most once per gap, unless the incident is resolved.
	NoticeGap time.Duration `json:"notice_gap"`
	// BurstTickets P1 or P2 incidents on one service (the ticket's
	// category) opened within BurstWindow propose a candidate; 0 is off.
	BurstTickets int           `json:"burst_tickets"`
	BurstWindow  time.Duration `json:"burst_window"`
	// Critical services: any P1 incident on one proposes a candidate.
	Critical []string `json:"critical_services"`
	// RaiseDirectly makes the rules open a major incident at once instead
	// of proposing a candidate for a manager.
	RaiseDirectly bool `json:"raise_directly"`
}

// DefaultSettings are an org's before it sets its own: status page behind
// sign-in, notices at most every 30 minutes, no rules.
var DefaultSettings = Settings{NoticeGap: 30 * time.Minute, BurstWindow: 30 * time.Minute}

// Check names what is wrong with the settings, field by field.
func (s Settings) Check() map[string]string {
	bad := map[string]string{}
	if s.NoticeGap < 0 || s.NoticeGap > 24*time.Hour {
		bad["gap"] = "the gap between notices runs from 0 to 24 hours"
	}
	if s.BurstTickets < 0 || s.BurstTickets > 1000 {
		bad["burst"] = "the number of tickets runs from 0 (off) to 1000"
	}
	if s.BurstTickets > 0 && (s.BurstWindow < time.Minute || s.BurstWindow > 24*time.Hour) {
		bad["window"] = "the window runs from 1 minute to 24 hours"
	}
	for _, c := range s.Critical {
		if len(c) > 200 {
			bad["critical"] = "a service name runs to 200 characters"
		}
	}
	return bad
}

// IsCritical reports whether the service is on the org's critical list.
func (s Settings) IsCritical(service string) bool {
	k := ServiceKey(service)
	for _, c := range s.Critical {
		if k != "" && ServiceKey(c) == k {
			return true
		}
	}
	return false
}

// Recent is an incident ticket as the rules see it.
type Recent struct {
	TicketID int64
	Priority int // 1 to 4
	Service  string
	Opened   time.Time
}

// Proposal is what a rule asks for: a major incident on the newest ticket,
// with the others as its children, and why.
type Proposal struct {
	TicketID int64
	Children []int64
	Service  string
	Why      string
}

// Propose applies the org's rules to a newly opened incident ticket and the
// incidents opened on the same service within the window before it (the
// caller reads those; newest ticket included). It proposes nothing when no
// rule fires.
func (s Settings) Propose(opened Recent, recent []Recent) (Proposal, bool) {
	if opened.Priority == 1 && s.IsCritical(opened.Service) {
		return Proposal{TicketID: opened.TicketID, Service: opened.Service,
			Why: fmt.Sprintf("rule: a P1 incident on %s, a critical service", strings.TrimSpace(opened.Service))}, true
	}
	if s.BurstTickets <= 0 || opened.Priority > 2 || ServiceKey(opened.Service) == "" {
		return Proposal{}, false
	}
	from := opened.Opened.Add(-s.BurstWindow)
	var hits []int64
	for _, r := range recent {
		if r.Priority <= 2 && ServiceKey(r.Service) == ServiceKey(opened.Service) && !r.Opened.Before(from) && !r.Opened.After(opened.Opened) {
			hits = append(hits, r.TicketID)
		}
	}
	if len(hits) < s.BurstTickets {
		return Proposal{}, false
	}
	p := Proposal{TicketID: opened.TicketID, Service: opened.Service,
		Why: fmt.Sprintf("rule: %d P1/P2 incidents on %s within %s", len(hits), strings.TrimSpace(opened.Service), minutes(s.BurstWindow))}
	for _, id := range hits {
		if id != opened.TicketID {
			p.Children = append(p.Children, id)
		}
	}
	return p, true
}

func minutes(d time.Duration) string {
	return fmt.Sprintf("%d minutes", int(d/time.Minute))
}

// NoticeDue is the damping rule: a subscriber is e-mailed about a service
// when it has never been, when the gap has passed since the last notice, or
// when the incident is now resolved and the last notice said otherwise
// (people always hear that it is over). Otherwise the notice is dropped,
// not delayed: the status page has the latest word.
func NoticeDue(lastAt time.Time, lastPhase, phase Phase, gap time.Duration, now time.Time) bool {
	switch {
	case lastAt.IsZero():
		return true
	case phase == Fixed && lastPhase != Fixed:
		return true
	}
	return !now.Before(lastAt.Add(gap))
}
