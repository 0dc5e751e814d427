package majorsvc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// How long a verification link lasts, and an unsubscribe link (which
// outlives any sensible subscription's silence).
const (
	VerifyFor      = 48 * time.Hour
	UnsubscribeFor = 2 * 365 * 24 * time.Hour
	// VerifyAgainAfter is how soon another confirmation may be mailed to
	// the same address for the same service.
	VerifyAgainAfter = 10 * time.Minute
)

const (
	purposeVerify      = "verify"
	purposeUnsubscribe = "unsubscribe"
)

var errLink = fault.NotFound("this link has expired or was already used")

// Subscribe asks for e-mail about one service of a council's status page.
// Whoever may read the page may subscribe; the address hears nothing until
// it follows the verification link mailed to it. The answer is the same
// whether or not the address was already subscribed.
func (s *Service) Subscribe(ctx context.Context, p *tenancy.Principal, slug, email, service string) error {
	var bad fault.Fields
	addr, err := mail.ParseAddress(strings.TrimSpace(email))
	if err != nil || addr.Name != "" || len(addr.Address) > 254 {
		bad.Add("email", "give an e-mail address, such as name@council.gov.uk")
	}
	if service = strings.TrimSpace(service); service == "" || len(service) > 100 {
		bad.Add("service", "choose the service to hear about")
	}
	view, err := s.Status(ctx, p, slug) // who may read the page may subscribe
	if err != nil {
		return err
	}
	if err := bad.Err(); err != nil {
		return err
	}
	scope := tenancy.ForSystem(tenancy.JobStatusPage)
	o, err := s.Store.OrgBySlug(ctx, scope, view.Org)
	if err != nil {
		return err
	}
	token, hash, err := newLinkToken()
	if err != nil {
		return err
	}
	sub := store.StatusSubscription{OrgID: o.ID, Email: strings.ToLower(addr.Address), Service: service}
	actor := "anonymous"
	if p != nil {
		actor = p.Actor
	}
	now := s.Store.Now()
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		// One confirmation mail per address and service per ten minutes:
		// the form needs no account, so it must not become a way to mail
		// someone over and over. The answer is the same either way.
		if recent, err := s.Store.StatusTokenIssuedSince(ctx, scope, o.ID, sub.Email, service, purposeVerify, now.Add(-VerifyAgainAfter), VerifyFor); err != nil || recent {
			return err
		}
		if err := s.Store.SubscribeStatus(ctx, scope, &sub, hash, purposeVerify, now.Add(VerifyFor)); err != nil {
			return err
		}
		if sub.Verified {
			return nil // already hearing of it; nothing new to confirm
		}
		link := s.link(o.Slug, "verify", token)
		body := fmt.Sprintf("Someone asked for e-mail about %s on the %s status page.\n\n"+
			"To start receiving it, confirm here (the link works for %d hours):\n%s\n\n"+
			"If it was not you, ignore this message: nothing will be sent.\n", service, o.Name, int(VerifyFor/time.Hour), link)
		if err := s.Store.EnqueueMail(ctx, []store.Mail{{To: sub.Email, Subject: "Confirm status e-mail: " + service,
			Body: body, Reason: "status subscription " + fmt.Sprint(sub.ID)}}); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: actor, OrgID: o.ID, Action: audit.StatusSubscribe,
			Target: "status of " + service})
		return err
	})
}

// LinkAnswer is what following a link did, for the page that says so.
type LinkAnswer struct {
	Org, OrgName, Service string
}

// Verify confirms a subscription from its link; the link works once.
func (s *Service) Verify(ctx context.Context, token string) (LinkAnswer, error) {
	return s.follow(ctx, token, purposeVerify, func(ctx context.Context, scope tenancy.Scope, sub store.StatusSubscription) error {
		return s.Store.VerifyStatusSubscription(ctx, scope, sub)
	})
}

// Unsubscribe ends a subscription from the link in any notice.
func (s *Service) Unsubscribe(ctx context.Context, token string) (LinkAnswer, error) {
	return s.follow(ctx, token, purposeUnsubscribe, func(ctx context.Context, scope tenancy.Scope, sub store.StatusSubscription) error {
		if err := s.Store.DeleteStatusSubscription(ctx, scope, sub); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: "anonymous", OrgID: sub.OrgID, Action: audit.StatusUnsubscribe,
			Target: "status of " + sub.Service})
		return err
	})
}

func (s *Service) follow(ctx context.Context, token, purpose string, do func(context.Context, tenancy.Scope, store.StatusSubscription) error) (LinkAnswer, error) {
	token = strings.TrimSpace(token)
	if len(token) != 64 {
		return LinkAnswer{}, errLink
	}
	scope := tenancy.ForSystem(tenancy.JobStatusPage)
	var a LinkAnswer
	return a, s.Store.InTx(ctx, func(ctx context.Context) error {
		sub, err := s.Store.StatusTokenSubscription(ctx, scope, auth.HashSecret(token), purpose, s.Store.Now())
		if err != nil {
			if fault.Is(err, fault.KindNotFound) {
				return errLink
			}
			return err
		}
		o, err := s.Store.OrgByID(ctx, scope, sub.OrgID)
		if err != nil {
			return err
		}
		a = LinkAnswer{Org: o.Slug, OrgName: o.Name, Service: sub.Service}
		return do(ctx, scope, sub)
	})
}

func (s *Service) link(slug, what, token string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + "/status/" + slug + "/" + what + "?token=" + token
}

// newLinkToken is 32 random bytes as hex, and the hash stored for it.
func newLinkToken() (token, hash string, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", err
	}
	token = hex.EncodeToString(raw)
	return token, auth.HashSecret(token), nil
}

// notify e-mails the verified subscribers of each service the incident
// affects, damped per subscriber by their council's notice gap (see
// major.NoticeDue): a notice that falls inside the gap is dropped, except
// the one saying the incident is resolved. Each notice carries its own
// unsubscribe link. text is the public update, if any.
func (s *Service) notify(ctx context.Context, scope tenancy.Scope, m Incident, text string) error {
	now := s.Store.Now()
	for _, im := range m.Impacts {
		st, err := s.Store.MajorSettings(ctx, scope, im.OrgID)
		if err != nil {
			return err
		}
		o, err := s.Store.OrgByID(ctx, scope, im.OrgID)
		if err != nil {
			return err
		}
		subs, err := s.Store.StatusSubscribers(ctx, scope, im.OrgID, im.Service)
		if err != nil {
			return err
		}
		for _, sub := range subs {
			if !major.NoticeDue(sub.LastNoticeAt, sub.LastNoticePhase, m.Phase, st.NoticeGap, now) {
				continue
			}
			token, hash, err := newLinkToken()
			if err != nil {
				return err
			}
			if err := s.Store.AddStatusToken(ctx, scope, sub, hash, purposeUnsubscribe, now.Add(UnsubscribeFor)); err != nil {
				return err
			}
			body := fmt.Sprintf("%s: %s\nService: %s\nStatus: %s\n", o.Name, m.Title, sub.Service, m.Phase.Label())
			if text != "" {
				body += "\n" + text + "\n"
			}
			body += fmt.Sprintf("\nThe status page: %s/status/%s\n\nTo stop these e-mails: %s\n",
				strings.TrimSuffix(s.BaseURL, "/"), o.Slug, s.link(o.Slug, "unsubscribe", token))
			if err := s.Store.EnqueueMail(ctx, []store.Mail{{To: sub.Email, Subject: fmt.Sprintf("[%s] %s: %s", m.Phase.Label(), sub.Service, m.Title),
				Body: body, Reason: "major incident " + Ref(m.ID)}}); err != nil {
				return err
			}
			if err := s.Store.StatusNoticeSent(ctx, scope, sub, now, m.Phase); err != nil {
				return err
			}
		}
	}
	return nil
}
