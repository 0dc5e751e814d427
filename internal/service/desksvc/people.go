package desksvc

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// People are who call the desk: the desk names them on tickets by phone
// number and name, and the identity checks read who has left.

// checkPerson tidies a person's details and reports every problem at once.
func checkPerson(person *store.Person) error {
	var bad fault.Fields
	person.Name = strings.TrimSpace(person.Name)
	person.Email = strings.TrimSpace(person.Email)
	person.Phone = strings.TrimSpace(person.Phone)
	if person.Name == "" {
		bad.Add("name", "enter the person's name")
	} else if len(person.Name) > 200 {
		bad.Add("name", "the name must be 200 characters or fewer")
	}
	if person.Email != "" {
		if a, err := mail.ParseAddress(person.Email); err != nil || a.Address != person.Email {
			bad.Add("email", "enter an e-mail address in the right form, like name@example.gov.uk")
		}
	}
	if person.Phone != "" {
		if key := store.PhoneKey(person.Phone); len(key) < 3 || len(key) > 15 {
			bad.Add("phone", "enter a phone number, like 01632 960001 or +44 1632 960001")
		}
	}
	return bad.Err()
}

// AddPerson records a person of an org in scope.
func (s *Service) AddPerson(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManageUsers, person.OrgID); err != nil {
		return store.Person{}, err
	}
	if err := checkPerson(&person); err != nil {
		return person, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if person, err = s.Store.CreatePerson(ctx, p.Scope, person); err != nil {
			return err
		}
		return s.auditPerson(ctx, p, audit.PersonAdd, person)
	})
	return person, err
}

// EditPerson changes a person's name, e-mail address and phone number.
func (s *Service) EditPerson(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManageUsers, person.OrgID); err != nil {
		return store.Person{}, err
	}
	if err := checkPerson(&person); err != nil {
		return person, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.Person(ctx, p.Scope, person.OrgID, person.ID)
		if err != nil {
			return err
		}
		held.Name, held.Email, held.Phone = person.Name, person.Email, person.Phone
		if err := s.Store.UpdatePerson(ctx, p.Scope, held); err != nil {
			return err
		}
		person = held
		return s.auditPerson(ctx, p, audit.PersonEdit, held)
	})
	return person, err
}

// PersonLeaves records that a person, by id, left the org today: they stay
// on the tickets they raised, the desk no longer offers them as a caller,
// and their enabled accounts become findings at the next identity analysis.
func (s *Service) PersonLeaves(ctx context.Context, p tenancy.Principal, orgID, id int64, timeZone string) (store.Person, error) {
	if err := require(p, tenancy.ManageUsers, orgID); err != nil {
		return store.Person{}, err
	}
	var person store.Person
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if person, err = s.Store.Person(ctx, p.Scope, orgID, id); err != nil {
			return err
		}
		loc, err := time.LoadLocation(timeZone)
		if err != nil {
			loc = time.UTC
		}
		person.LeftOn = s.Store.Now().In(loc).Format(time.DateOnly)
		if err := s.Store.UpdatePerson(ctx, p.Scope, person); err != nil {
			return err
		}
		return s.auditPerson(ctx, p, audit.PersonLeave, person)
	})
	return person, err
}

func (s *Service) auditPerson(ctx context.Context, p tenancy.Principal, action string, person store.Person) error {
	detail := map[string]string{"name": person.Name}
	if person.LeftOn != "" {
		detail["left_on"] = person.LeftOn
	}
	_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: person.OrgID, Action: action,
		Target: fmt.Sprintf("person %d", person.ID), Detail: detail, IP: p.IP})
	return err
}

// SetPersonLeft records the day (YYYY-MM-DD) a person, found by e-mail
// address, left an org; an empty day means they have not left after all.
// A person not in the org is store.ErrNotFound.
func (s *Service) SetPersonLeft(ctx context.Context, p tenancy.Principal, orgID int64, email, day string) error {
	if err := require(p, tenancy.ManageUsers, orgID); err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetPersonLeft(ctx, p.Scope, orgID, email, day); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PersonLeave,
			Target: "person " + email, Detail: map[string]string{"left_on": day}, IP: p.IP})
		return err
	})
}
