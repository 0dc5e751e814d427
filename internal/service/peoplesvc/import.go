package peoplesvc

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ImportResult counts what an HR import did.
type ImportResult struct {
	File      string `json:"file"`
	Rows      int    `json:"rows"`
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Ended     int    `json:"ended"`
	Partial   bool   `json:"partial"`
}

// Import loads an HR export into an org in one transaction: all of it or,
// on any mistake, none of it. A row is the person of its hr_id, else the
// person of its e-mail address (in any case), else a new person. Unless
// partial (the file is an extract, not everyone), a person with an HR id
// whom the file no longer lists is ended: left today, never deleted, so
// they stay on their tickets.
func (s *Service) Import(ctx context.Context, p tenancy.Principal, orgID int64, file string, r io.Reader, partial bool) (ImportResult, error) {
	if err := require(p, tenancy.ManagePeople, orgID); err != nil {
		return ImportResult{}, err
	}
	f, err := hrcsv.Read(r, file)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{File: f.Name, Rows: len(f.Rows), Partial: partial}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		today, err := s.today(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		held, err := s.Store.OrgPeople(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		plan, err := planImport(f, held, orgID)
		if err != nil {
			return err
		}
		if err := s.applyImport(ctx, p.Scope, f, plan, held, today, partial, &res); err != nil {
			return err
		}
		if err := s.changed(ctx, p, orgID); err != nil {
			return err
		}
		return s.audit(ctx, p, orgID, audit.PeopleImport, "people from "+f.Name, map[string]string{
			"rows": strconv.Itoa(res.Rows), "added": strconv.Itoa(res.Added), "updated": strconv.Itoa(res.Updated),
			"unchanged": strconv.Itoa(res.Unchanged), "ended": strconv.Itoa(res.Ended), "partial": strconv.FormatBool(partial)})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// planned is one row and the person it becomes: held (ID set) or new.
type planned struct {
	row    hrcsv.Row
	person store.Person
	before *store.Person // as held, or nil for a new person
}

// planImport matches every row to a held person or none and merges the
// row in, naming every row that cannot be placed; nothing is written.
func planImport(f *hrcsv.File, held []store.Person, orgID int64) ([]planned, error) {
	byHR, byMail := map[string]int{}, map[string]int{}
	for i, h := range held {
		if h.HRID != "" {
			byHR[h.HRID] = i
		}
		if h.Email != "" {
			byMail[strings.ToLower(h.Email)] = i
		}
	}
	inFile := map[string]bool{}
	for _, r := range f.Rows {
		inFile[r.HRID] = true
	}
	var errs hrcsv.Errors
	fail := func(line int, col, format string, args ...any) {
		errs = append(errs, &hrcsv.Error{File: f.Name, Line: line, Column: col, Reason: fmt.Sprintf(format, args...)})
	}
	taken := map[int]int{} // held index -> line that took it
	plan := make([]planned, 0, len(f.Rows))
	for _, r := range f.Rows {
		at, ok := byHR[r.HRID]
		if !ok && r.Email != "" {
			if i, found := byMail[strings.ToLower(r.Email)]; found {
				if other := held[i].HRID; other != "" && other != r.HRID {
					fail(r.Line, "email", "%q belongs to the person with hr_id %q; give that hr_id, or change the address", bounded.Excerpt(r.Email), other)
					continue
				}
				at, ok = i, true
			}
		}
		if r.Manager != "" && !inFile[r.Manager] {
			if _, known := byHR[r.Manager]; !known {
				fail(r.Line, "manager_hr_id", "%q is nobody in the file or in ward", bounded.Excerpt(r.Manager))
			}
		}
		pl := planned{row: r, person: store.Person{OrgID: orgID}}
		if ok {
			if line, dup := taken[at]; dup {
				fail(r.Line, "email", "is the same person as line %d", line)
				continue
			}
			taken[at] = r.Line
			before := held[at]
			pl.before, pl.person = &before, before
		}
		merge(&pl.person, r, f)
		plan = append(plan, pl)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return plan, nil
}

// merge puts a row's values on a person; a column the file leaves out is
// kept as held.
func merge(p *store.Person, r hrcsv.Row, f *hrcsv.File) {
	p.HRID, p.Name = r.HRID, r.Name
	set := func(col string, into *string, v string) {
		if f.Has(col) {
			*into = v
		}
	}
	set("email", &p.Email, r.Email)
	set("kind", &p.Kind, r.Kind)
	set("team", &p.Team, r.Team)
	set("phone", &p.Phone, r.Phone)
	set("start_on", &p.StartOn, r.StartOn)
	set("end_on", &p.EndOn, r.EndOn)
	set("left_on", &p.LeftOn, r.LeftOn)
	set("upn", &p.UPN, r.UPN)
	if p.Kind == "" {
		p.Kind = "staff"
	}
}

// applyImport writes the plan: new people take ids first, so every row's
// manager (new or held) is known before anything is written; then the new
// people go in a few hundred a statement, managers before their reports;
// then each changed person, then the leavers.
func (s *Service) applyImport(ctx context.Context, scope tenancy.Scope, f *hrcsv.File, plan []planned, held []store.Person,
	today string, partial bool, res *ImportResult) error {
	orgID := int64(0)
	ids := map[string]int64{}
	for _, h := range held {
		if h.HRID != "" {
			ids[h.HRID] = h.ID
		}
	}
	var fresh []int
	for i := range plan {
		orgID = plan[i].person.OrgID
		if plan[i].before == nil {
			fresh = append(fresh, i)
		}
	}
	newIDs, err := s.Store.NewPersonIDs(ctx, scope, orgID, len(fresh))
	if err != nil {
		return err
	}
	for k, i := range fresh {
		plan[i].person.ID, ids[plan[i].row.HRID] = newIDs[k], newIDs[k]
	}
	if f.Has("manager_hr_id") {
		for i := range plan {
			plan[i].person.ManagerID = ids[plan[i].row.Manager] // 0 when the row names none
		}
	}
	if err := checkManagerCycles(f, plan); err != nil {
		return err
	}
	if err := s.Store.InsertPeople(ctx, scope, orgID, managersFirst(plan, fresh)); err != nil {
		return fmt.Errorf("%s: %w", f.Name, err)
	}
	res.Added = len(fresh)
	listed := map[int64]bool{}
	for i := range plan {
		pl := &plan[i]
		listed[pl.person.ID] = true
		if pl.before == nil {
			continue
		}
		if pl.person == *pl.before {
			res.Unchanged++
			continue
		}
		if err := s.Store.UpdatePerson(ctx, scope, pl.person); err != nil {
			return fmt.Errorf("%s: line %d: %w", f.Name, pl.row.Line, err)
		}
		if pl.before.LeftOn == "" && pl.person.LeftOn != "" {
			res.Ended++
		} else {
			res.Updated++
		}
	}
	if partial {
		return nil
	}
	for _, h := range held {
		if h.HRID == "" || h.LeftOn != "" || listed[h.ID] {
			continue
		}
		h.LeftOn = today
		if err := s.Store.UpdatePerson(ctx, scope, h); err != nil {
			return err
		}
		res.Ended++
	}
	return nil
}

// managersFirst orders the new people so that each comes after a new
// manager of theirs: the database checks a manager exists as each
// statement runs. The file has no manager cycles by now.
func managersFirst(plan []planned, fresh []int) []store.Person {
	isNew := map[int64]int{}
	for _, i := range fresh {
		isNew[plan[i].person.ID] = i
	}
	depth := map[int64]int{}
	var depthOf func(id int64) int
	depthOf = func(id int64) int {
		if d, ok := depth[id]; ok {
			return d
		}
		d := 0
		if m := plan[isNew[id]].person.ManagerID; m != 0 {
			if _, ok := isNew[m]; ok {
				d = 1 + depthOf(m)
			}
		}
		depth[id] = d
		return d
	}
	out := make([]store.Person, 0, len(fresh))
	for _, i := range fresh {
		depthOf(plan[i].person.ID)
		out = append(out, plan[i].person)
	}
	sort.SliceStable(out, func(a, b int) bool { return depth[out[a].ID] < depth[out[b].ID] })
	return out
}

// checkManagerCycles refuses a file whose manager_hr_id chain comes back
// to where it started, naming the first line on the loop.
func checkManagerCycles(f *hrcsv.File, plan []planned) error {
	manager, line := map[int64]int64{}, map[int64]int{}
	for _, pl := range plan {
		manager[pl.person.ID], line[pl.person.ID] = pl.person.ManagerID, pl.row.Line
	}
	for _, pl := range plan {
		seen := map[int64]bool{}
		for at := pl.person.ID; at != 0; at = manager[at] {
			if seen[at] {
				return hrcsv.Errors{{File: f.Name, Line: pl.row.Line, Column: "manager_hr_id",
					Reason: "managers go round in a circle back to this person"}}
			}
			seen[at] = true
		}
	}
	return nil
}
