package peoplesvc

import (
	"context"
	"net/mail"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/reader/hrcsv"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// check tidies a person's details and names every mistake at once; the
// manager is checked against the store by the caller.
func check(p *store.Person) fault.Fields {
	var bad fault.Fields
	for _, f := range []*string{&p.Name, &p.Email, &p.Phone, &p.Team, &p.HRID, &p.UPN, &p.StartOn, &p.EndOn, &p.LeftOn} {
		*f = strings.TrimSpace(*f)
	}
	if p.Name == "" {
		bad.Add("name", "enter the person's name")
	}
	for field, v := range map[string]string{"name": p.Name, "team": p.Team, "hr_id": p.HRID, "upn": p.UPN, "email": p.Email} {
		if len(v) > 200 {
			bad.Add(field, "must be 200 characters or fewer")
		}
	}
	if p.Email != "" {
		if a, err := mail.ParseAddress(p.Email); err != nil || a.Address != p.Email {
			bad.Add("email", "enter an e-mail address in the right form, like name@example.gov.uk")
		}
	}
	if p.Phone != "" {
		if key := store.PhoneKey(p.Phone); len(key) < 3 || len(key) > 15 {
			bad.Add("phone", "enter a phone number, like 01632 960001 or +44 1632 960001")
		}
	}
	if k, err := people.ParseKind(p.Kind); err != nil {
		bad.Add("kind", "choose staff, councillor, contractor or consultant")
	} else {
		p.Kind = string(k)
	}
	for field, d := range map[string]*string{"start_on": &p.StartOn, "end_on": &p.EndOn, "left_on": &p.LeftOn} {
		day, ok := hrcsv.ParseDate(*d)
		if !ok {
			bad.Add(field, "enter a date as yyyy-mm-dd, like 2026-04-01")
			continue
		}
		*d = day
	}
	if p.StartOn != "" && p.EndOn != "" && p.EndOn < p.StartOn {
		bad.Add("end_on", "the contract cannot end before the person starts")
	}
	if p.StartOn != "" && p.LeftOn != "" && p.LeftOn < p.StartOn {
		bad.Add("left_on", "the person cannot leave before they start")
	}
	return bad
}

// checkManager adds a mistake when the manager is not a person of the org,
// is the person themself, or reports (through others) to the person.
func (s *Service) checkManager(ctx context.Context, scope tenancy.Scope, p store.Person, bad *fault.Fields) error {
	if p.ManagerID == 0 {
		return nil
	}
	if p.ManagerID == p.ID {
		bad.Add("manager_id", "a person cannot be their own manager")
		return nil
	}
	at := p.ManagerID
	for steps := 0; at != 0 && steps < 10000; steps++ {
		m, err := s.Store.Person(ctx, scope, p.OrgID, at)
		if fault.Is(err, fault.KindNotFound) || err == store.ErrNotFound {
			bad.Add("manager_id", "choose a manager from the same organisation's people")
			return nil
		}
		if err != nil {
			return err
		}
		if p.ID != 0 && m.ManagerID == p.ID {
			bad.Add("manager_id", "%s reports to this person, so cannot be their manager", m.Name)
			return nil
		}
		at = m.ManagerID
	}
	return nil
}

// Add records a new person of an org.
func (s *Service) Add(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManagePeople, person.OrgID); err != nil {
		return store.Person{}, err
	}
	person.ID = 0
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		bad := check(&person)
		if err := s.checkManager(ctx, p.Scope, person, &bad); err != nil {
			return err
		}
		if err := bad.Err(); err != nil {
			return err
		}
		var err error
		if person, err = s.Store.CreatePerson(ctx, p.Scope, person); err != nil {
			return hrConflict(err)
		}
		if err := s.changed(ctx, p, person.OrgID); err != nil {
			return err
		}
		return s.audit(ctx, p, person.OrgID, audit.PersonAdd, personTarget(person.ID), map[string]string{"name": person.Name, "kind": person.Kind})
	})
	return person, err
}

// Edit saves everything about a person but their org, id and when they were
// first recorded.
func (s *Service) Edit(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManagePeople, person.OrgID); err != nil {
		return store.Person{}, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.Person(ctx, p.Scope, person.OrgID, person.ID)
		if err != nil {
			return err
		}
		person.CreatedAt, person.SiteID = held.CreatedAt, held.SiteID
		bad := check(&person)
		if err := s.checkManager(ctx, p.Scope, person, &bad); err != nil {
			return err
		}
		if err := bad.Err(); err != nil {
			return err
		}
		if err := s.Store.UpdatePerson(ctx, p.Scope, person); err != nil {
			return hrConflict(err)
		}
		if err := s.changed(ctx, p, person.OrgID); err != nil {
			return err
		}
		return s.audit(ctx, p, person.OrgID, audit.PersonEdit, personTarget(person.ID), map[string]string{"name": person.Name, "kind": person.Kind})
	})
	return person, err
}

// hrConflict names the field when an HR id is already another person's.
func hrConflict(err error) error {
	if fault.Is(err, fault.KindConflict) {
		return fault.Invalid("hr_id", "another person of the organisation already has this HR id")
	}
	return err
}

// Get is one person of an org, for anyone who may see people.
func (s *Service) Get(ctx context.Context, p tenancy.Principal, orgID, id int64) (store.Person, error) {
	if err := require(p, tenancy.ViewPeople, orgID); err != nil {
		return store.Person{}, err
	}
	return s.Store.Person(ctx, p.Scope, orgID, id)
}

// pick is the person a key names: an HR id first, then an e-mail address
// (in any case), then a ward id.
func pick(all []store.Person, key string) (store.Person, error) {
	for _, p := range all {
		if p.HRID != "" && p.HRID == key {
			return p, nil
		}
	}
	for _, p := range all {
		if p.Email != "" && strings.EqualFold(p.Email, key) {
			return p, nil
		}
	}
	for _, p := range all {
		if strconv.FormatInt(p.ID, 10) == key {
			return p, nil
		}
	}
	return store.Person{}, store.ErrNotFound
}
