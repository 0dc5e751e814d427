package demo

import (
	"context"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/gen/posturegen"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// postureProfile is how each council's estate looks in the demo: how many
// devices and mailboxes, and what share of its failures it fixes each week,
// so the three councils differ side by side and each trend moves.
var postureProfile = map[string]struct {
	prefix             string
	devices, mailboxes int
	fixedBefore        float64 // share of generated failures already fixed when the history starts
	fixPerWeek         float64
	seed               int64
}{
	"ashcombe":   {"ASH-", 420, 180, 0.5, 0.35, 11},
	"brentmere":  {"BRM-", 300, 140, 0, 0.2, 12},
	"calderwick": {"CDW-", 260, 120, 0.25, 0.25, 13},
}

// postureWeeks is how much history the demo replays.
const postureWeeks = 4

// seedPosture gives each council an inventory of devices and mailboxes and
// replays four weeks of weekly imports, fixing some failures each week, so
// findings have real ages, some are resolved, and the compliance trends
// have a shape. A few findings get tickets and one an accepted risk.
func seedPosture(ctx context.Context, st *store.Store, svc *posturesvc.Service, ids map[string]int64, actor string) error {
	clock := st.Clock()
	defer st.SetClock(clock)
	now := st.Now()
	p := tenancy.Operator(actor)
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		prof, orgID := postureProfile[slug], ids[slug]
		domain := slug + ".gov.uk"
		if err := st.SetOrgDomains(ctx, everyOrg, orgID, []string{domain}); err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(uint64(prof.seed), 7))
		start := now.AddDate(0, 0, -7*postureWeeks)
		// Each week's import is the same estate generated as of that week
		// (so update ages and check-ins stay current), less the failures
		// fixed so far, which only grow.
		fixed := make([]fixes, prof.devices)
		for i := range fixed {
			fixed[i].draw(rng, prof.fixedBefore)
		}
		held := make([]*store.StoredDevice, prof.devices)
		for i := range held {
			held[i] = &store.StoredDevice{}
		}
		mailboxes := posturegen.Mailboxes(prof.mailboxes, prof.seed, []string{domain})
		boxes := make([]*store.StoredMailbox, len(mailboxes))
		for i := range mailboxes {
			boxes[i] = &store.StoredMailbox{Mailbox: mailboxes[i]}
		}
		for week := 0; week <= postureWeeks; week++ {
			at := start.AddDate(0, 0, 7*week)
			st.SetClock(func() time.Time { return at })
			for i, d := range posturegen.DevicesOn(prof.devices, prof.seed, at, domain) {
				if week > 0 {
					fixed[i].draw(rng, prof.fixPerWeek)
				}
				d.Name = prof.prefix + strings.TrimPrefix(d.Name, "ASH-")
				fixed[i].apply(&d, at)
				held[i].Device = d
			}
			if week > 0 {
				for _, m := range boxes {
					if rng.Float64() < prof.fixPerWeek/2 {
						m.Mailbox.Rules, m.Mailbox.ForwardingSMTPAddress = nil, ""
					}
				}
			}
			if err := st.SaveDevices(ctx, everyOrg, orgID, held); err != nil {
				return err
			}
			if err := st.SaveMailboxes(ctx, everyOrg, orgID, boxes); err != nil {
				return err
			}
			if _, err := svc.Evaluate(ctx, p, orgID); err != nil {
				return err
			}
		}
		if err := demoFindingActions(ctx, st, svc, p, orgID, now); err != nil {
			return err
		}
	}
	return nil
}

// fixes is which kinds of failure a device has had fixed, one bit each.
type fixes uint16

const fixKinds = 9

// draw fixes each kind not yet fixed with probability p.
func (f *fixes) draw(rng *rand.Rand, p float64) {
	for k := range fixKinds {
		if rng.Float64() < p {
			*f |= 1 << k
		}
	}
}

// apply makes the fixed kinds pass on a device generated as of at.
func (f fixes) apply(d *posture.Device, at time.Time) {
	has := func(k int) bool { return f&(1<<k) != 0 }
	if has(0) && d.LastSeen.Before(at.AddDate(0, 0, -7)) {
		d.LastSeen = at.Add(-3 * time.Hour)
	}
	if has(1) && d.Encrypted == posture.No {
		d.Encrypted = posture.Yes
	}
	if has(2) && d.Firewall == posture.No {
		d.Firewall = posture.Yes
	}
	if has(3) {
		if d.MalwareProtection == posture.No {
			d.MalwareProtection = posture.Yes
		}
		if d.MalwareProtection == posture.Yes && !d.SignaturesUpdated.IsZero() {
			d.SignaturesUpdated = at.Add(-5 * time.Hour)
		}
	}
	if has(4) && d.ScreenLock == posture.No {
		d.ScreenLock = posture.Yes
	}
	if has(5) && d.UserIsLocalAdmin == posture.Yes {
		d.UserIsLocalAdmin = posture.No
	}
	if has(6) && d.RemoteAccessMFA == posture.No {
		d.RemoteAccessMFA = posture.Yes
	}
	if has(7) && len(d.MissingUpdates) > 0 {
		d.MissingUpdates, d.UpdatesChecked = nil, at
	}
	if has(8) && d.PasswordMinLength > 0 && d.PasswordMinLength < 12 {
		d.PasswordMinLength = 14
	}
}

// demoFindingActions raises tickets on the two worst open findings and
// accepts the risk of one, as an analyst would have.
func demoFindingActions(ctx context.Context, st *store.Store, svc *posturesvc.Service, p tenancy.Principal, orgID int64, now time.Time) error {
	st.SetClock(func() time.Time { return now.Add(-2 * 24 * time.Hour) })
	open, _, err := st.Findings(ctx, everyOrg.Narrow(orgID), store.FindingFilter{OrgID: orgID, State: finding.Open, Limit: 3})
	if err != nil {
		return err
	}
	for i, f := range open {
		if i == 2 {
			_, err = svc.Accept(ctx, p, f.ID, finding.Acceptance{Reason: "Replacement ordered; device isolated on the kiosk VLAN until it arrives",
				Owner: "Head of ICT", Expires: now.AddDate(0, 2, 0)})
		} else {
			_, _, err = svc.RaiseTicket(ctx, p, f.ID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
