// Package phishingsvc imports phishing exercises from Gophish's results
// export, enrols those who clicked or submitted in the org's follow-up
// course when asked, and shows the results: each campaign's funnel overall,
// by kind of person and by team, each person's results over time, each
// team's click rate over time, and councils side by side.
//
// Re-importing a campaign name the org already has is refused unless the
// caller asks to replace it; replacing keeps the campaign (its id and
// links) and swaps all of its results for the file's. Enrolments already
// made stay: a person enrolled because of the first import is not enrolled
// twice, and one who no longer clicked in the new file keeps the enrolment
// they may already have completed.
package phishingsvc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/reader/gophishcsv"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// DefaultDueDays is how long an enrolled person has to complete the
// course, counted from the campaign's launch.
const DefaultDueDays = 30

// Service is the phishing exercises over one store.
type Service struct {
	Store *store.Store
}

// New returns the phishing exercises over a store.
func New(st *store.Store) *Service { return &Service{Store: st} }

var require = accountsvc.Require

// Import is what an import of a campaign's results is asked to do.
type Import struct {
	Org      store.Org
	Campaign string // the campaign's name, unique in the org
	// Launched is the launch day (yyyy-mm-dd); empty takes the earliest
	// send_date in the file, in the org's time zone.
	Launched string
	// Enrol is the code of the course those who clicked or submitted are
	// enrolled in; empty enrols nobody.
	Enrol   string
	DueDays int  // days from launch to complete the course; 0 is DefaultDueDays
	Replace bool // replace the results of a campaign of the same name
	File    string
}

// ImportResult says what an import did.
type ImportResult struct {
	Campaign  store.PhishingCampaign `json:"campaign"`
	Replaced  bool                   `json:"replaced"`
	Results   int                    `json:"results"`   // rows stored
	NotSent   int                    `json:"not_sent"`  // rows whose e-mail never went (scheduled, error)
	Unmatched int                    `json:"unmatched"` // stored rows whose address matched nobody
	Enrolled  int                    `json:"enrolled"`  // new enrolments made
	Funnel    Funnel                 `json:"funnel"`
}

// ImportFile reads Gophish's results export and imports it; a mistake
// anywhere refuses the file whole, naming its line and column.
func (s *Service) ImportFile(ctx context.Context, p tenancy.Principal, in Import, r io.Reader) (ImportResult, error) {
	if err := require(p, tenancy.ManageTraining, in.Org.ID); err != nil {
		return ImportResult{}, err
	}
	rows, err := gophishcsv.Read(r, in.File)
	if err != nil {
		var bad *gophishcsv.Error
		if errors.As(err, &bad) {
			return ImportResult{}, fault.Invalid("file", "%s", bad.Error()).Because(err)
		}
		return ImportResult{}, err
	}
	return s.ImportResults(ctx, p, in, rows)
}

// ImportResults writes a campaign's results read from an export in one
// transaction, with one audit entry, enrolling clickers when asked.
func (s *Service) ImportResults(ctx context.Context, p tenancy.Principal, in Import, rows []gophishcsv.Result) (ImportResult, error) {
	var res ImportResult
	if err := require(p, tenancy.ManageTraining, in.Org.ID); err != nil {
		return res, err
	}
	var problems fault.Fields
	in.Campaign = strings.TrimSpace(in.Campaign)
	if in.Campaign == "" {
		problems.Add("campaign", "give the campaign's name, such as \"March 2026 invoice lure\"")
	} else if len(in.Campaign) > 200 {
		problems.Add("campaign", "the campaign's name is %d bytes; at most 200", len(in.Campaign))
	}
	if in.Launched != "" {
		if _, err := time.Parse(time.DateOnly, in.Launched); err != nil {
			problems.Add("launched", "%q is not a day (yyyy-mm-dd)", in.Launched)
		}
	}
	if in.DueDays < 0 || in.DueDays > 366 {
		problems.Add("due_days", "the days to complete the course must be between 1 and 366")
	}
	if in.DueDays == 0 {
		in.DueDays = DefaultDueDays
	}
	loc, err := time.LoadLocation(in.Org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	if in.Launched == "" {
		var first time.Time
		for _, r := range rows {
			if !r.SentAt.IsZero() && r.Step != gophishcsv.NotSent && (first.IsZero() || r.SentAt.Before(first)) {
				first = r.SentAt
			}
		}
		if first.IsZero() {
			problems.Add("launched", "the file gives no send_date of a sent e-mail: give the launch day (yyyy-mm-dd)")
		} else {
			in.Launched = first.In(loc).Format(time.DateOnly)
		}
	}
	if err := problems.Err(); err != nil {
		return res, err
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		c := store.PhishingCampaign{OrgID: in.Org.ID, Name: in.Campaign, LaunchedOn: in.Launched, File: in.File, ImportedBy: p.Actor}
		held, err := s.Store.PhishingCampaignByName(ctx, p.Scope, in.Org.ID, in.Campaign)
		switch {
		case err == nil && !in.Replace:
			return fault.Conflict("%s already has a campaign named %q (imported %s): import it again with replace to swap its results for this file's",
				in.Org.Name, in.Campaign, held.ImportedAt.In(loc).Format("2 Jan 2006 15:04")).On("campaign")
		case err == nil:
			c.ID, res.Replaced = held.ID, true
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		var course store.Course
		if in.Enrol != "" {
			course, err = s.Store.CourseByCode(ctx, p.Scope, in.Org.ID, in.Enrol)
			if errors.Is(err, store.ErrNotFound) {
				return fault.Invalid("enrol", "%s has no course with the code %q", in.Org.Name, in.Enrol)
			} else if err != nil {
				return err
			}
			c.EnrolCourseID = course.ID
		}
		staff, err := s.Store.PhishingPeople(ctx, p.Scope, in.Org.ID)
		if err != nil {
			return err
		}
		byEmail := make(map[string]store.Person, len(staff))
		for _, person := range staff {
			byEmail[strings.ToLower(strings.TrimSpace(person.Email))] = person
		}
		results := make([]store.PhishingResult, 0, len(rows))
		var enrol []int64
		for _, r := range rows {
			if r.Step == gophishcsv.NotSent {
				res.NotSent++
				continue
			}
			out := toResult(r)
			if person, ok := byEmail[r.Email]; ok {
				out.PersonID = person.ID
				if r.Step >= gophishcsv.Clicked && people.Current(person.StartOn, person.LeftOn, person.EndOn, in.Launched) {
					enrol = append(enrol, person.ID)
				}
			} else {
				res.Unmatched++
			}
			results = append(results, out)
		}
		res.Results = len(results)
		if c, err = s.Store.SavePhishingCampaign(ctx, p.Scope, c, results); err != nil {
			return err
		}
		res.Campaign = c
		if course.ID != 0 {
			launched, _ := time.Parse(time.DateOnly, in.Launched)
			due := launched.AddDate(0, 0, in.DueDays).Format(time.DateOnly)
			if res.Enrolled, err = s.Store.EnrolForPhishing(ctx, p.Scope, c, course.ID, enrol, due, p.Actor); err != nil {
				return err
			}
		}
		overall, err := s.Store.PhishingCampaignFunnel(ctx, p.Scope, c, store.PhishingByAll)
		if err != nil {
			return err
		}
		if len(overall) > 0 {
			res.Funnel = funnelOf(overall[0])
		}
		detail := map[string]string{"campaign": c.Name, "launched": c.LaunchedOn, "results": strconv.Itoa(res.Results),
			"not_sent": strconv.Itoa(res.NotSent), "unmatched": strconv.Itoa(res.Unmatched), "replaced": strconv.FormatBool(res.Replaced)}
		if course.ID != 0 {
			detail["enrol"], detail["enrolled"] = course.Code, strconv.Itoa(res.Enrolled)
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: in.Org.ID, Action: audit.PhishingImport,
			Target: fmt.Sprintf("phishing campaign %q from %s", c.Name, in.File), Detail: detail, IP: p.IP})
		return err
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// toResult is a row as the store keeps it. The export gives when the e-mail
// was sent and when the result last changed: that is the time of the
// furthest step, or of the report when the row was reported (Gophish does
// not say which came last, and the report is the later in practice).
func toResult(r gophishcsv.Result) store.PhishingResult {
	out := store.PhishingResult{Email: r.Email, Status: r.Step.String(), Reported: r.Reported, SentAt: r.SentAt, Line: r.Line}
	if r.Reported {
		out.ReportedAt = r.ChangedAt
		return out
	}
	switch r.Step {
	case gophishcsv.Opened:
		out.OpenedAt = r.ChangedAt
	case gophishcsv.Clicked:
		out.ClickedAt = r.ChangedAt
	case gophishcsv.Submitted:
		out.SubmittedAt = r.ChangedAt
	}
	return out
}
