package policysvc

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/policy"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MaxBody caps a document's Markdown body.
const MaxBody = 512 << 10

// Publish is a new version of a document, and (for a new document, or to
// change them) the document's own settings.
type Publish struct {
	OrgID      int64
	Slug       string
	Title      string // needed for a new document; otherwise empty keeps it
	Owner      string
	ReviewOn   string // yyyy-mm-dd
	Kinds      string // comma separated kinds of people; empty binds every kind
	Teams      string
	AcceptDays int // 0 keeps the document's (14 for a new one)
	RemindDays int // -1 keeps
	RemindMax  int // -1 keeps
	Body       string
	Material   bool
	Note       string
}

// Published says what a publish did.
type Published struct {
	Document store.PolicyDocument `json:"document"`
	Version  store.PolicyVersion  `json:"version"`
	Asked    int                  `json:"asked"` // people mailed a link to accept
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

func (in *Publish) check(existing bool) error {
	var errs fault.Fields
	if !slugPattern.MatchString(in.Slug) {
		errs.Add("slug", "use lower-case letters, digits and hyphens, like acceptable-use")
	}
	if !existing && strings.TrimSpace(in.Title) == "" {
		errs.Add("title", "give the new document a title")
	}
	if strings.TrimSpace(in.Body) == "" {
		errs.Add("body", "the version has no text")
	} else if len(in.Body) > MaxBody || !utf8.ValidString(in.Body) {
		errs.Add("body", "the text must be UTF-8 and under %d KiB", MaxBody>>10)
	}
	if in.ReviewOn != "" {
		if _, err := time.Parse(time.DateOnly, in.ReviewOn); err != nil {
			errs.Add("review_on", "write the review day as yyyy-mm-dd")
		}
	}
	for _, k := range policy.ParseList(in.Kinds) {
		if _, err := people.ParseKind(k); err != nil {
			errs.Add("kinds", "%s", err)
		}
	}
	if in.AcceptDays < 0 || in.AcceptDays > 365 {
		errs.Add("accept_days", "give from 1 to 365 days to accept")
	}
	return errs.Err()
}

// Publish publishes a new version of a document, making the document when
// it is new. A material version (and every first version) asks everyone it
// binds to accept it: each of them with an e-mail address is mailed a link.
// A minor version keeps current acceptances and sends nothing.
func (s *Service) Publish(ctx context.Context, p tenancy.Principal, in Publish) (Published, error) {
	if !p.Can(tenancy.ManagePolicy) {
		return Published{}, fault.Forbidden("publishing policy documents")
	}
	var out Published
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		doc, err := s.Store.PolicyDocumentBySlug(ctx, p.Scope, in.OrgID, in.Slug)
		existing := err == nil
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err := in.check(existing); err != nil {
			return err
		}
		doc = in.apply(doc, existing)
		if existing {
			err = s.Store.UpdatePolicyDocument(ctx, p.Scope, doc)
		} else {
			doc, err = s.Store.CreatePolicyDocument(ctx, p.Scope, doc)
		}
		if err != nil {
			return err
		}
		st, err := s.load(ctx, p.Scope, in.OrgID)
		if err != nil {
			return err
		}
		d := st.doc(doc.ID)
		number := 1
		if last, ok := d.latest(); ok {
			number = last.Number + 1
		}
		material := in.Material || number == 1
		v, err := s.Store.AddPolicyVersion(ctx, p.Scope, store.PolicyVersion{DocumentID: doc.ID, OrgID: in.OrgID, Number: number,
			Body: in.Body, SHA256: policy.Hash(in.Body), Material: material, PublishedBy: p.Actor, Note: in.Note})
		if err != nil {
			return err
		}
		out.Document, out.Version = doc, v
		if material {
			if st, err = s.load(ctx, p.Scope, in.OrgID); err != nil {
				return err
			}
			if out.Asked, err = s.ask(ctx, p.Scope, st, st.doc(doc.ID)); err != nil {
				return err
			}
		}
		if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: in.OrgID, Action: audit.PolicyPublish, IP: p.IP,
			Target: doc.Slug + " v" + strconv.Itoa(number), Detail: map[string]string{"material": strconv.FormatBool(material),
				"sha256": v.SHA256, "asked": strconv.Itoa(out.Asked)}}); err != nil {
			return err
		}
		return s.reconcile(ctx, p.Scope, in.OrgID)
	})
	return out, err
}

func (in *Publish) apply(doc store.PolicyDocument, existing bool) store.PolicyDocument {
	if !existing {
		doc = store.PolicyDocument{OrgID: in.OrgID, Slug: in.Slug, AcceptDays: 14, RemindDays: 7, RemindMax: 3}
	}
	if t := strings.TrimSpace(in.Title); t != "" {
		doc.Title = t
	}
	if in.Owner != "" {
		doc.Owner = in.Owner
	}
	if in.ReviewOn != "" {
		doc.ReviewOn = in.ReviewOn
	}
	if in.Kinds != "" || !existing {
		doc.Kinds = strings.Join(policy.ParseList(strings.ToLower(in.Kinds)), ",")
	}
	if in.Teams != "" {
		doc.Teams = strings.Join(policy.ParseList(in.Teams), ",")
	}
	if in.AcceptDays > 0 {
		doc.AcceptDays = in.AcceptDays
	}
	if in.RemindDays >= 0 && (in.RemindDays > 0 || existing) {
		doc.RemindDays = in.RemindDays
	}
	if in.RemindMax >= 0 && (in.RemindMax > 0 || existing) {
		doc.RemindMax = in.RemindMax
	}
	return doc
}

func (st *orgState) doc(id int64) *docState {
	for _, d := range st.Docs {
		if d.Doc.ID == id {
			return d
		}
	}
	return nil
}

// ask mails a link to accept the binding version of a document to each
// person it binds who has no current acceptance and has an address, and
// starts their reminder state.
func (s *Service) ask(ctx context.Context, scope tenancy.Scope, st *orgState, d *docState) (int, error) {
	b, ok := d.binding()
	if !ok {
		return 0, nil
	}
	var links []store.PolicyLink
	var mails []store.Mail
	var chases []store.PolicyChase
	for _, p := range st.bound(d) {
		if p.Email == "" || st.current(d, p.ID, st.Now) {
			continue
		}
		l, m, err := s.linkMail(st, d, b, p, false)
		if err != nil {
			return 0, err
		}
		links, mails = append(links, l), append(mails, m)
		chases = append(chases, store.PolicyChase{PersonID: p.ID, VersionID: b.ID, LastSent: st.Now})
	}
	if err := s.Store.CreatePolicyLinks(ctx, scope, st.Org.ID, links); err != nil {
		return 0, err
	}
	if err := s.Store.EnqueueMail(ctx, mails); err != nil {
		return 0, err
	}
	return len(mails), s.Store.SavePolicyChases(ctx, scope, st.Org.ID, chases)
}

// linkMail makes a fresh link for a person and the mail that carries it.
// The token is 256 random bits; only its hash is kept.
func (s *Service) linkMail(st *orgState, d *docState, v store.PolicyVersion, p *store.Person, reminder bool) (store.PolicyLink, store.Mail, error) {
	token, err := auth.NewSessionToken()
	if err != nil {
		return store.PolicyLink{}, store.Mail{}, err
	}
	deadline := st.deadline(d, p)
	l := store.PolicyLink{PersonID: p.ID, VersionID: v.ID, TokenHash: auth.HashSecret(token), ExpiresAt: linkExpiry(deadline, st.Now)}
	subject := fmt.Sprintf("Please read and accept: %s (version %d)", d.Doc.Title, v.Number)
	if reminder {
		subject = "Reminder: " + subject
	}
	body := fmt.Sprintf("Dear %s,\n\n%s of %s has a new version that binds you. Please read it and accept it by %s:\n\n%s/accept/%s\n\n"+
		"The link is for you alone and works once, until %s.\n", p.Name, d.Doc.Title, st.Org.Name, deadline.Format("2 January 2006"),
		strings.TrimSuffix(s.BaseURL, "/"), token, l.ExpiresAt.Format("2 January 2006"))
	return l, store.Mail{To: p.Email, Subject: subject, Body: body, Reason: "policy"}, nil
}

// linkExpiry gives a link until 30 days after the deadline, and at least
// 14 days from now, so a late reminder still carries a working link.
func linkExpiry(deadline, now time.Time) time.Time {
	exp := deadline.AddDate(0, 0, 30)
	if min := now.AddDate(0, 0, 14); exp.Before(min) {
		return min
	}
	return exp
}
