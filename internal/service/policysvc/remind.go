package policysvc

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Reminded says what one run of the reminders sent.
type Reminded struct {
	Reminders   int `json:"reminders"`
	Escalations int `json:"escalations"`
}

// Remind sends an org's due reminders, each with a fresh link, and after a
// deadline one escalation to the person's line manager; it then brings the
// org's findings up to date.
func (s *Service) Remind(ctx context.Context, p tenancy.Principal, orgID int64) (Reminded, error) {
	var out Reminded
	if !p.Can(tenancy.ManagePolicy) {
		return out, fmt.Errorf("sending policy reminders needs the right to manage policy")
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		st, err := s.load(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		chases, err := s.Store.PolicyChases(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		type key struct{ person, version int64 }
		known := map[key]store.PolicyChase{}
		for _, c := range chases {
			known[key{c.PersonID, c.VersionID}] = c
		}
		var links []store.PolicyLink
		var mails []store.Mail
		var changed []store.PolicyChase
		for _, d := range st.Docs {
			b, ok := d.binding()
			if !ok {
				continue
			}
			sched := policy.Schedule{EveryDays: d.Doc.RemindDays, Max: d.Doc.RemindMax}
			for _, person := range st.bound(d) {
				if person.Email == "" || st.current(d, person.ID, st.Now) {
					continue
				}
				c, seen := known[key{person.ID, b.ID}]
				if !seen {
					c = store.PolicyChase{PersonID: person.ID, VersionID: b.ID}
				}
				manager := st.byID[person.ManagerID]
				hasManager := manager != nil && manager.Email != ""
				deadline := st.deadline(d, person)
				switch sched.Next(policy.Chase{Sent: c.Sent, LastSent: c.LastSent, Escalated: c.Escalated}, deadline, st.Now, hasManager) {
				case policy.Remind:
					l, m, err := s.linkMail(st, d, b, person, seen)
					if err != nil {
						return err
					}
					links, mails = append(links, l), append(mails, m)
					if seen {
						c.Sent++
						out.Reminders++
					}
					c.LastSent = st.Now
				case policy.Escalate:
					mails = append(mails, store.Mail{To: manager.Email, Reason: "policy",
						Subject: fmt.Sprintf("%s has not accepted %s", person.Name, d.Doc.Title),
						Body: fmt.Sprintf("Dear %s,\n\n%s, who reports to you, was asked to accept version %d of %s of %s by %s and has not. "+
							"Please ask them to follow the link in their e-mail, or to sign a paper copy.\n",
							manager.Name, person.Name, b.Number, d.Doc.Title, st.Org.Name, deadline.Format("2 January 2006"))})
					c.Escalated = true
					out.Escalations++
				default:
					continue
				}
				changed = append(changed, c)
			}
		}
		if err := s.Store.CreatePolicyLinks(ctx, p.Scope, orgID, links); err != nil {
			return err
		}
		if err := s.Store.EnqueueMail(ctx, mails); err != nil {
			return err
		}
		if err := s.Store.SavePolicyChases(ctx, p.Scope, orgID, changed); err != nil {
			return err
		}
		if len(mails) > 0 {
			if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PolicyRemind, IP: p.IP,
				Target: strings.ToLower(st.Org.Slug), Detail: map[string]string{"reminders": strconv.Itoa(out.Reminders),
					"escalations": strconv.Itoa(out.Escalations)}}); err != nil {
				return err
			}
		}
		return s.reconcile(ctx, p.Scope, orgID)
	})
	return out, err
}

// RemindAll runs the reminders of every org, for ward serve's periodic job.
func (s *Service) RemindAll(ctx context.Context) (Reminded, error) {
	p := tenancy.System(tenancy.JobPolicyRemind, "system:policy-reminders")
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return Reminded{}, err
	}
	var total Reminded
	for _, o := range orgs {
		r, err := s.Remind(ctx, p, o.ID)
		if err != nil {
			return total, fmt.Errorf("%s: %w", o.Slug, err)
		}
		total.Reminders += r.Reminders
		total.Escalations += r.Escalations
	}
	return total, nil
}

// Run sends every org's due reminders now and then every interval until
// ctx ends, beside the outbox sender that delivers them.
func (s *Service) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if r, err := s.RemindAll(ctx); err != nil {
			log.Error("policy reminders", "err", err)
		} else if r.Reminders+r.Escalations > 0 {
			log.Info("policy reminders", "reminders", r.Reminders, "escalations", r.Escalations)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
