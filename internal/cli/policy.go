package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader/markdown"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
)

func runPolicy(e *env, args []string) error {
	return subcommand(e, "policy", args, []verb{
		{"list", "an org's policy documents, their current version and share accepted", policyList},
		{"show", "one document: its settings and versions, and the current text", policyShow},
		{"publish", "publish a new version of a document from a Markdown file", policyPublish},
		{"status", "for each document's current version: in scope, accepted, percent", policyStatus},
		{"trend", "the weekly share accepted over every document, oldest first", policyTrend},
		{"overdue", "people past their deadline, grouped by line manager", policyOverdue},
		{"remind", "send the reminders and escalations that are due (for cron)", policyRemind},
		{"accept-paper", "record a signed paper acceptance with its scanned copy", policyPaper},
		{"link", "make a fresh acceptance link for one person", policyLink},
	})
}

func policyList(e *env, args []string) error {
	c := e.command("policy list --org SLUG [--format table|json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		docs, err := c.svc.Policy.Documents(e.ctx, c.op, c.org.ID)
		for i := range docs {
			docs[i].Versions = nil
		}
		return listing(c, docs, err, []string{"DOCUMENT", "TITLE", "VERSION", "OWNER", "REVIEW", "IN SCOPE", "ACCEPTED", "PERCENT"},
			func(d policysvc.Document) []string {
				review := d.ReviewOn
				if d.ReviewOverdue {
					review += " (overdue)"
				}
				return []string{d.Slug, d.Title, strconv.Itoa(d.Version), d.Owner, review, strconv.Itoa(d.Total.InScope),
					strconv.Itoa(d.Total.Current), fmt.Sprintf("%.1f%%", d.Total.Percent())}
			})
	})
}

func policyShow(e *env, args []string) error {
	c := e.command("policy show --org SLUG --document SLUG [--format table|json]").withOrg("the org").withRequired("document").withFormat("table", "json")
	slug := c.fs.String("document", "", "the document's slug, as `ward policy list` shows it")
	return c.run(args, func() error {
		d, body, err := c.svc.Policy.Document(e.ctx, c.op, c.org.ID, *slug)
		return answer(c, d, err, func(d policysvc.Document) error {
			fmt.Fprintf(e.stdout, "%s (%s), owner %s, review %s, accept within %d days\n", d.Title, d.Slug, d.Owner, d.ReviewOn, d.AcceptDays)
			var rows [][]string
			for _, v := range d.Versions {
				kind := "minor"
				if v.Material {
					kind = "material"
				}
				rows = append(rows, []string{strconv.Itoa(v.Number), kind, v.PublishedAt.Format("2006-01-02 15:04"), v.SHA256[:12], v.Note})
			}
			if err := list(e.stdout, "table", nil, []string{"VERSION", "KIND", "PUBLISHED", "SHA256", "NOTE"}, rows); err != nil {
				return err
			}
			_, err := fmt.Fprintf(e.stdout, "\n%s", body)
			return err
		})
	})
}

func policyPublish(e *env, args []string) error {
	c := e.command("policy publish --org SLUG --document SLUG --file FILE.md [--material] [--title T] [--owner O] [--review-on YYYY-MM-DD] [--kinds K,K] [--teams T,T] [--accept-days N] [--note TEXT] [--format table|json]").
		withOrg("the org").withRequired("document", "file").withFormat("table", "json")
	in := policysvc.Publish{}
	c.fs.StringVar(&in.Slug, "document", "", "the document's slug (a new one makes the document)")
	file := c.fs.String("file", "", "the version's text, a Markdown file")
	c.fs.BoolVar(&in.Material, "material", false, "a material change: everyone bound must accept again")
	c.fs.StringVar(&in.Title, "title", "", "the document's title (needed for a new document)")
	c.fs.StringVar(&in.Owner, "owner", "", "who owns the document")
	c.fs.StringVar(&in.ReviewOn, "review-on", "", "the day the document is next to be reviewed")
	c.fs.StringVar(&in.Kinds, "kinds", "", "kinds of people bound (staff,councillor,contractor,consultant); empty is all")
	c.fs.StringVar(&in.Teams, "teams", "", "teams bound; empty is every team")
	c.fs.IntVar(&in.AcceptDays, "accept-days", 0, "days to accept a material version (new documents: 14)")
	c.fs.IntVar(&in.RemindDays, "remind-every", -1, "days between reminders (new documents: 7)")
	c.fs.IntVar(&in.RemindMax, "remind-max", -1, "most reminders before the escalation (new documents: 3)")
	c.fs.StringVar(&in.Note, "note", "", "what changed")
	return c.run(args, func() error {
		f, err := os.Open(*file)
		if err != nil {
			return err
		}
		defer f.Close()
		if in.Body, err = markdown.Read(filepath.Base(*file), f); err != nil {
			return err
		}
		in.OrgID = c.org.ID
		out, err := c.svc.Policy.Publish(e.ctx, c.op, in)
		return answer(c, out, err, func(p policysvc.Published) error {
			_, err := fmt.Fprintf(e.stdout, "published %s version %d (material: %t, sha256 %s); %d people asked to accept\n",
				p.Document.Slug, p.Version.Number, p.Version.Material, p.Version.SHA256, p.Asked)
			return err
		})
	})
}

func policyStatus(e *env, args []string) error {
	c := e.command("policy status (--org SLUG | --all) [--format table|json]").withOrgOrAll("the org").withFormat("table", "json")
	return c.run(args, func() error {
		head := []string{"DOCUMENT", "VERSION", "MATERIAL", "IN SCOPE", "ACCEPTED", "PERCENT"}
		row := func(s policysvc.DocumentStatus) []string {
			return []string{s.Document, strconv.Itoa(s.Version), strconv.FormatBool(s.Material), strconv.Itoa(s.InScope),
				strconv.Itoa(s.Accepted), fmt.Sprintf("%.1f%%", s.Percent)}
		}
		if !*c.allFlag {
			st, err := c.svc.Policy.Status(e.ctx, c.op, c.org.ID)
			return listing(c, st, err, head, row)
		}
		councils, err := c.svc.Policy.Councils(e.ctx, c.op)
		if err != nil || c.format == "json" {
			return listing(c, councils, err, nil, nil)
		}
		var rows [][]string
		for _, k := range councils {
			for _, s := range k.Status {
				rows = append(rows, append([]string{k.Org.Slug}, row(s)...))
			}
		}
		return list(e.stdout, "table", nil, append([]string{"ORG"}, head...), rows)
	})
}

func policyOverdue(e *env, args []string) error {
	c := e.command("policy overdue --org SLUG [--format table|json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		groups, err := c.svc.Policy.Overdue(e.ctx, c.op, c.org.ID)
		if err != nil || c.format == "json" {
			return listing(c, groups, err, nil, nil)
		}
		var rows [][]string
		for _, g := range groups {
			manager := g.Manager
			if manager == "" {
				manager = "(no manager recorded)"
			}
			for _, l := range g.People {
				var docs []string
				for _, d := range l.Documents {
					docs = append(docs, fmt.Sprintf("%s v%d (due %s)", d.Slug, d.Version, d.Deadline.Format("2006-01-02")))
				}
				rows = append(rows, []string{manager, l.Person.Name, l.Person.Kind, strings.Join(docs, "; ")})
			}
		}
		return list(e.stdout, "table", nil, []string{"MANAGER", "PERSON", "KIND", "NOT ACCEPTED"}, rows)
	})
}

func policyRemind(e *env, args []string) error {
	c := e.command("policy remind (--org SLUG | --all) [--format table|json]").withOrgOrAll("the org").withFormat("table", "json")
	return c.run(args, func() error {
		var total policysvc.Reminded
		for _, o := range c.chosenOrgs() {
			r, err := c.svc.Policy.Remind(e.ctx, c.op, o.ID)
			if err != nil {
				return fmt.Errorf("%s: %w", o.Slug, err)
			}
			total.Reminders += r.Reminders
			total.Escalations += r.Escalations
		}
		return answer(c, total, nil, func(r policysvc.Reminded) error {
			_, err := fmt.Fprintf(e.stdout, "%d reminders and %d escalations queued in the outbox\n", r.Reminders, r.Escalations)
			return err
		})
	})
}

func policyPaper(e *env, args []string) error {
	c := e.command("policy accept-paper --org SLUG --document SLUG --person EMAIL|ID --scan FILE [--version N]").
		withOrg("the org").withRequired("document", "person", "scan")
	in := policysvc.Paper{}
	c.fs.StringVar(&in.Slug, "document", "", "the document's slug")
	who := c.fs.String("person", "", "the person who signed, by e-mail address or id")
	scan := c.fs.String("scan", "", "the scanned signed copy: PDF, PNG or JPEG")
	c.fs.IntVar(&in.Version, "version", 0, "the version signed (default the latest)")
	return c.run(args, func() error {
		f, err := os.Open(*scan)
		if err != nil {
			return err
		}
		defer f.Close()
		if in.Scan, err = io.ReadAll(io.LimitReader(f, policysvc.MaxEvidence+1)); err != nil {
			return err
		}
		in.OrgID, in.FileName = c.org.ID, filepath.Base(*scan)
		if in.PersonID, err = c.svc.Policy.PersonID(e.ctx, c.op, c.org.ID, *who); err != nil {
			return err
		}
		a, err := c.svc.Policy.AcceptPaper(e.ctx, c.op, in)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "recorded paper acceptance %d (scan %s, sha256 %s)\n", a.ID, a.EvidenceType, a.EvidenceSHA256)
		return err
	})
}

func policyLink(e *env, args []string) error {
	c := e.command("policy link --org SLUG --document SLUG --person EMAIL|ID").withOrg("the org").withRequired("document", "person")
	slug := c.fs.String("document", "", "the document's slug")
	who := c.fs.String("person", "", "the person, by e-mail address or id")
	return c.run(args, func() error {
		token, err := c.svc.Policy.NewLink(e.ctx, c.op, c.org.ID, *slug, *who)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "acceptance link (shown once; it works once), after ward's address:\n/accept/%s\n", token)
		return err
	})
}

func policyTrend(e *env, args []string) error {
	c := e.command("policy trend --org SLUG [--weeks N] [--format table|json]").withOrg("the org").withFormat("table", "json")
	weeks := c.fs.Int("weeks", 26, "how many weeks back, up to 104")
	return c.run(args, func() error {
		points, err := c.svc.Policy.Trend(e.ctx, c.op, c.org.ID, *weeks)
		return listing(c, points, err, []string{"WEEK ENDING", "ACCEPTED", "BOUND", "PERCENT"}, func(p policysvc.Point) []string {
			return []string{p.Day, strconv.Itoa(p.Accepted), strconv.Itoa(p.InScope), fmt.Sprintf("%.1f%%", p.Percent)}
		})
	})
}
