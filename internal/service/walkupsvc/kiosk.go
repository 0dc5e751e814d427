package walkupsvc

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The two kinds of kiosk link a site has: the tablet people check in on,
// and the screen that shows who is called. Each has its own token, so the
// screen's link, seen on a wall, cannot be used to join the queue.
const (
	KioskCheckIn = "checkin"
	KioskScreen  = "screen"
)

// KioskPurposes is both kinds, in the order a settings page lists them.
var KioskPurposes = []string{KioskCheckIn, KioskScreen}

// errNoKiosk answers every token that opens nothing: unknown, replaced, or
// for the other purpose. It says nothing about which.
var errNoKiosk = fault.NotFound("this link does not open a walk-up queue: ask the desk for the current one")

// KioskSite is all a kiosk link reveals: the site's name.
type KioskSite struct {
	OrgID, SiteID int64
	SiteName      string
}

// KioskLink is one site's link of one purpose, as the settings page lists
// it: whether one has been made, and when. The token is shown only once.
type KioskLink = store.Kiosk

// NewKioskLink makes a new token for a site's tablet or screen link and
// returns it, to be opened on that device; the site's earlier link of the
// same purpose stops working at once. Only its hash is kept.
func (s *Service) NewKioskLink(ctx context.Context, p tenancy.Principal, orgID, siteID int64, purpose string) (string, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return "", err
	}
	if purpose != KioskCheckIn && purpose != KioskScreen {
		return "", fault.Invalid("purpose", "choose %s or %s", KioskCheckIn, KioskScreen)
	}
	token, err := auth.NewSessionToken() // 256 random bits, URL-safe
	if err != nil {
		return "", err
	}
	return token, s.Store.InTx(ctx, func(ctx context.Context) error {
		site, err := s.Store.SiteInOrg(ctx, p.Scope, orgID, siteID)
		if err != nil {
			return err
		}
		if err := s.Store.SetKioskToken(ctx, p.Scope, orgID, siteID, purpose, auth.HashSecret(token)); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.WalkupKiosk,
			Target: fmt.Sprintf("%s link for %s", purpose, site.Name), Detail: map[string]string{"purpose": purpose}, IP: p.IP})
		return err
	})
}

// KioskLinks lists the links an org's sites have.
func (s *Service) KioskLinks(ctx context.Context, p tenancy.Principal, orgID int64) ([]KioskLink, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return nil, err
	}
	return s.Store.Kiosks(ctx, p.Scope, orgID)
}

// Kiosk finds the site a kiosk link of a purpose opens. The token is looked
// up by its hash across every org, since the tablet has signed in as no
// one; what comes back is the site's name and nothing else.
func (s *Service) Kiosk(ctx context.Context, token, purpose string) (KioskSite, error) {
	if token == "" || len(token) > 128 || strings.ContainsAny(token, "/?#") {
		return KioskSite{}, errNoKiosk
	}
	scope := tenancy.ForSystem(tenancy.JobWalkupKiosk)
	k, err := s.Store.KioskByToken(ctx, scope, auth.HashSecret(token))
	if errors.Is(err, store.ErrNotFound) || (err == nil && k.Purpose != purpose) {
		return KioskSite{}, errNoKiosk
	}
	if err != nil {
		return KioskSite{}, err
	}
	site, err := s.Store.SiteInOrg(ctx, tenancy.ScopeOf(k.OrgID), k.OrgID, k.SiteID)
	if err != nil {
		return KioskSite{}, err
	}
	return KioskSite{OrgID: k.OrgID, SiteID: k.SiteID, SiteName: site.Name}, nil
}

// kioskPrincipal is a site's tablet once its link is checked: it acts for
// that org alone and its role grants nothing a person could use.
func kioskPrincipal(k KioskSite, ip string) tenancy.Principal {
	return tenancy.Principal{Actor: fmt.Sprintf("kiosk:site-%d", k.SiteID), OrgID: k.OrgID, Scope: tenancy.ScopeOf(k.OrgID), IP: ip}
}

// CheckIn puts a visitor in the queue of the site whose tablet link this
// is, and returns their visit with its queue number. showName lets the
// screen show their first name beside the number.
func (s *Service) CheckIn(ctx context.Context, token, name, reason string, showName bool, ip string) (Visit, error) {
	k, err := s.Kiosk(ctx, token, KioskCheckIn)
	if err != nil {
		return Visit{}, err
	}
	if err := checkVisitor(name, reason); err != nil {
		return Visit{}, err
	}
	// A tablet is on a public counter: a queue longer than a day could
	// serve is someone playing with it, not people waiting.
	queue, err := s.Store.SiteQueue(ctx, tenancy.ScopeOf(k.OrgID), k.OrgID, k.SiteID)
	if err != nil {
		return Visit{}, err
	}
	if len(queue) >= desk.MaxVisitsAtATime {
		return Visit{}, fault.Conflict("the queue here is full: please ask at the desk")
	}
	v := Visit{OrgID: k.OrgID, SiteID: k.SiteID, Name: strings.TrimSpace(name), ShowName: showName,
		Reason: strings.TrimSpace(reason), State: desk.VisitWaiting, CheckedIn: s.Store.Now()}
	return s.addVisit(ctx, kioskPrincipal(k, ip), v)
}

// ScreenLine is one visitor as a queue screen shows them: a number and
// perhaps a first name, and the desk calling them.
type ScreenLine struct {
	Label string `json:"label"`
	Desk  string `json:"desk,omitempty"`
}

// Screen is what a site's queue screen shows: who is called to which desk,
// most recent first, and the numbers still waiting.
type Screen struct {
	SiteName string       `json:"site"`
	Called   []ScreenLine `json:"called"`
	Waiting  []ScreenLine `json:"waiting"`
}

// QueueScreen reads a site's queue for its screen link.
func (s *Service) QueueScreen(ctx context.Context, token string) (Screen, error) {
	k, err := s.Kiosk(ctx, token, KioskScreen)
	if err != nil {
		return Screen{}, err
	}
	queue, err := s.Store.SiteQueue(ctx, tenancy.ScopeOf(k.OrgID), k.OrgID, k.SiteID)
	if err != nil {
		return Screen{}, err
	}
	sc := Screen{SiteName: k.SiteName, Called: []ScreenLine{}, Waiting: []ScreenLine{}}
	sort.SliceStable(queue, func(i, j int) bool { return queue[i].Called.After(queue[j].Called) }) // latest call first
	for _, v := range queue {
		line := ScreenLine{Label: desk.ScreenName(v.Name, v.Number, v.ShowName)}
		switch v.State {
		case desk.VisitCalled:
			line.Desk = v.Desk
			sc.Called = append(sc.Called, line)
		case desk.VisitWaiting: // uncalled visits sort last, still first come first
			line.Label = desk.ScreenName("", v.Number, false) // the waiting list shows numbers only
			sc.Waiting = append(sc.Waiting, line)
		}
	}
	return sc, nil
}
