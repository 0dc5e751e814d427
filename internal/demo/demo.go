// Package demo fills an empty database with three fictional councils, the
// shared service that runs their IT, two partners from the regional WARP, and
// a user for every role — so a newcomer sees a working ward at once.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ErrNotEmpty means the database already has orgs; the demo never mixes its
// data into real data.
var ErrNotEmpty = errors.New("the database already holds organisations; the demo only fills an empty database")

// Credential is a demo sign-in, printed once when the demo is made.
type Credential struct {
	Role       tenancy.Role
	Org        string
	Email      string
	Password   string
	TOTPSecret string // set for roles that must use two factors
}

// Options shape the demo.
type Options struct {
	Scale          int         // 0 or 1: the standard demo; more adds people and sites for load tests
	PasswordParams auth.Params // hashing for the demo users (default auth.DefaultParams)
	Actor          string      // who made it, for the audit log
	// Services are the services the demo seeds through, the ones
	// app.New built over the same store.
	Services *service.Set
	// Progress, when set, is told each part of the demo as it starts
	// ("sign-ins", "organisations", "tickets", ...), so a caller can show
	// that the minute it takes is being spent.
	Progress func(part string)
}

// step tells opt.Progress that part has started.
func (opt Options) step(part string) {
	if opt.Progress != nil {
		opt.Progress(part)
	}
}

type orgSpec struct {
	slug, name string
	kind       tenancy.OrgKind
	sites      []string
	teams      []string
}

// refPrefixes start the councils' ticket references (BRM-INC-10003, as
// their device names start BRM-); the other orgs take theirs from the slug.
var refPrefixes = map[string]string{"ashcombe": "ASH", "brentmere": "BRM", "calderwick": "CAL"}

var orgs = []orgSpec{
	{"abc-shared", "Ashcombe, Brentmere and Calderwick Shared ICT", tenancy.KindSharedService,
		[]string{"Shared Service Centre, Unit 4 Riverside Park"}, []string{"Service Desk", "Security Operations", "Infrastructure"}},
	{"ashcombe", "London Borough of Ashcombe", tenancy.KindCouncil,
		[]string{"Ashcombe Town Hall", "Marsh Lane Depot", "Ashcombe Central Library"}, []string{"Revenues and Benefits", "Adult Social Care", "Housing Options"}},
	{"brentmere", "London Borough of Brentmere", tenancy.KindCouncil,
		[]string{"Brentmere Civic Centre", "Northfield Depot", "Brentmere Registry Office"}, []string{"Children's Services", "Planning", "Parking Services"}},
	{"calderwick", "Royal Borough of Calderwick", tenancy.KindCouncil,
		[]string{"Calderwick Guildhall", "Wharf Road Depot"}, []string{"Environmental Health", "Council Tax", "Libraries"}},
	{"nthames-nhs", "North Thames Community Health NHS Trust", tenancy.KindPartner,
		[]string{"St Anne's Clinic"}, []string{"Digital Services"}},
	{"calderwick-cva", "Calderwick Voluntary Action", tenancy.KindPartner,
		[]string{"Calderwick Community Hub"}, []string{"Operations"}},
}

type userSpec struct {
	org, email, name string
	role             tenancy.Role
	grants           []string
}

var users = []userSpec{
	{"abc-shared", "admin@abc-shared.example", "Priya Raman", tenancy.RoleAdmin, nil},
	{"abc-shared", "agent@abc-shared.example", "Tom Okafor", tenancy.RoleAgent, []string{"ashcombe", "brentmere", "calderwick"}},
	{"abc-shared", "analyst@abc-shared.example", "Grace Lindqvist", tenancy.RoleAnalyst, []string{"ashcombe", "brentmere", "calderwick"}},
	{"abc-shared", "committee@abc-shared.example", "Cllr Martin Hale", tenancy.RoleCommittee, []string{"ashcombe", "brentmere", "calderwick"}},
	{"ashcombe", "it.officer@ashcombe.example", "Sunita Patel", tenancy.RoleOfficer, nil},
	{"brentmere", "it.officer@brentmere.example", "Daniel Byrne", tenancy.RoleOfficer, nil},
	{"calderwick", "it.officer@calderwick.example", "Helen Mensah", tenancy.RoleOfficer, nil},
	{"ashcombe", "committee@ashcombe.example", "Cllr Joan Whitfield", tenancy.RoleCommittee, nil},
	{"ashcombe", "warp@ashcombe.example", "Owen Clarke", tenancy.RoleMember, nil},
	{"brentmere", "warp@brentmere.example", "Fatima Hussain", tenancy.RoleMember, nil},
	{"calderwick", "warp@calderwick.example", "Ian Dobbs", tenancy.RoleMember, nil},
	{"nthames-nhs", "warp@nthames-nhs.example", "Aled Rhys", tenancy.RoleMember, nil},
	{"calderwick-cva", "warp@calderwick-cva.example", "Maria Costa", tenancy.RoleMember, nil},
}

// everyOrg is the demo's scope: it seeds every org's data, as a named
// system job rather than as any caller.
var everyOrg = tenancy.ForSystem(tenancy.JobDemo)

// demoPrincipal is who the demo's changes are recorded under.
var demoPrincipal = tenancy.System(tenancy.JobDemo, "system:demo")

// Seed fills an empty database in one transaction and returns the sign-ins.
func Seed(ctx context.Context, st *store.Store, opt Options) ([]Credential, error) {
	if opt.PasswordParams == (auth.Params{}) {
		opt.PasswordParams = auth.DefaultParams
	}
	if opt.Actor == "" {
		opt.Actor = "system:demo"
	}
	svc := opt.Services
	if svc == nil {
		return nil, errors.New("demo: seed through the services app.New builds over the same store")
	}
	if n, err := st.CountOrgs(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, ErrNotEmpty
	}
	opt.step("sign-ins")
	// Hash outside the transaction: argon2id is deliberately slow, and the
	// write lock should not wait on it.
	creds := make([]Credential, len(users))
	hashes := make([]string, len(users))
	for i, u := range users {
		pw, err := accountsvc.GeneratePassword()
		if err != nil {
			return nil, err
		}
		if hashes[i], err = auth.HashPassword(pw, opt.PasswordParams); err != nil {
			return nil, err
		}
		creds[i] = Credential{Role: u.role, Org: u.org, Email: u.email, Password: pw}
		if u.role.RequiresTOTP() {
			if creds[i].TOTPSecret, _, err = auth.NewTOTPSecret("ward", u.email); err != nil {
				return nil, err
			}
		}
	}
	err := st.InTx(ctx, func(ctx context.Context) error {
		opt.step("organisations and people")
		ids := map[string]int64{}
		for _, o := range orgs {
			org, err := st.CreateOrg(ctx, store.NewOrg{Slug: o.slug, Name: o.name, Kind: o.kind, RefPrefix: refPrefixes[o.slug]})
			if err != nil {
				return fmt.Errorf("demo org %s: %w", o.slug, err)
			}
			ids[o.slug] = org.ID
			for _, site := range o.sites {
				if _, err := st.CreateSite(ctx, everyOrg, org.ID, site, ""); err != nil {
					return err
				}
			}
			for _, team := range o.teams {
				if _, err := st.CreateTeam(ctx, everyOrg, org.ID, team); err != nil {
					return err
				}
			}
		}
		for i, u := range users {
			nu, err := st.CreateUser(ctx, everyOrg, store.NewUser{OrgID: ids[u.org], Email: u.email, Name: u.name, Role: u.role,
				PasswordHash: hashes[i], TOTPSecret: creds[i].TOTPSecret, TOTPEnabled: creds[i].TOTPSecret != ""})
			if err != nil {
				return fmt.Errorf("demo user %s: %w", u.email, err)
			}
			for _, g := range u.grants {
				if err := st.GrantOrg(ctx, everyOrg, nu.ID, ids[g]); err != nil {
					return err
				}
			}
		}
		if err := scaleUp(ctx, st, ids, opt.Scale); err != nil {
			return err
		}
		if err := seedPeople(ctx, st, svc.People, ids); err != nil {
			return fmt.Errorf("demo people: %w", err)
		}
		opt.step("tickets")
		if err := seedDesk(ctx, st, svc.Desk, ids, st.Now()); err != nil {
			return err
		}
		if err := seedSurveys(ctx, st, svc.Desk, ids, st.Now()); err != nil {
			return fmt.Errorf("demo surveys: %w", err)
		}
		if err := seedMajor(ctx, st, svc, ids); err != nil {
			return fmt.Errorf("demo major incident: %w", err)
		}
		opt.step("calls and walk-up visits")
		if err := seedTelephony(ctx, st, svc.Desk, ids, st.Now()); err != nil {
			return fmt.Errorf("demo calls: %w", err)
		}
		if err := seedWalkup(ctx, st, svc.Walkup, ids, st.Now()); err != nil {
			return fmt.Errorf("demo walk-up visits: %w", err)
		}
		opt.step("devices and findings")
		if err := seedPosture(ctx, st, svc.Posture, ids, opt.Actor); err != nil {
			return fmt.Errorf("demo posture: %w", err)
		}
		opt.step("identity")
		if err := seedIdentity(ctx, st, svc.Identity, ids, opt.Actor); err != nil {
			return fmt.Errorf("demo identity: %w", err)
		}
		opt.step("WARP")
		if err := seedWarp(ctx, st, svc.Warp, ids); err != nil {
			return fmt.Errorf("demo WARP: %w", err)
		}
		opt.step("policies, training and phishing")
		if err := seedAccounts(ctx, st, svc.Identity, ids, opt.Actor); err != nil {
			return fmt.Errorf("demo people's accounts: %w", err)
		}
		if err := seedPolicy(ctx, st, svc.Policy, opt.Actor); err != nil {
			return fmt.Errorf("demo policy: %w", err)
		}
		if err := seedTraining(ctx, st, svc.Training, ids, st.Now()); err != nil {
			return fmt.Errorf("demo training: %w", err)
		}
		if err := seedPhishing(ctx, st, svc.Phishing, ids, st.Now()); err != nil {
			return fmt.Errorf("demo phishing: %w", err)
		}
		// The exercises enrolled their clickers on the follow-up course:
		// bring the training findings up to date with those enrolments.
		if _, err := svc.Training.CheckAll(ctx, demoPrincipal); err != nil {
			return fmt.Errorf("demo training check: %w", err)
		}
		_, err := st.Audit(ctx, audit.Entry{Actor: opt.Actor, Action: audit.DemoCreate, Target: "database", Detail: map[string]string{"scale": fmt.Sprint(max(opt.Scale, 1))}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return creds, nil
}

// scaledCouncils grow with the scale, each by staffPerStep people a step.
var scaledCouncils = []string{"ashcombe", "brentmere", "calderwick"}

const staffPerStep = 50

// UserCount is how many users a whole demo of the scale holds: the named
// sign-ins and, past scale 1, the staff each step adds. A test that kills
// the demo mid-write knows from it what "all of it" is.
func UserCount(scale int) int {
	return len(users) + max(scale-1, 0)*len(scaledCouncils)*staffPerStep
}

// scaleUp adds, for scale N > 1, N-1 further sets of sites and teams and 50
// staff per council per step — people who cannot sign in (no password) but
// fill lists and scopes the way a large estate does.
func scaleUp(ctx context.Context, st *store.Store, ids map[string]int64, scale int) error {
	for step := 2; step <= scale; step++ {
		for _, slug := range scaledCouncils {
			org := ids[slug]
			if _, err := st.CreateSite(ctx, everyOrg, org, fmt.Sprintf("Outreach office %d", step), ""); err != nil {
				return err
			}
			if _, err := st.CreateTeam(ctx, everyOrg, org, fmt.Sprintf("Project team %d", step)); err != nil {
				return err
			}
			for i := 0; i < staffPerStep; i++ {
				email := fmt.Sprintf("staff%d.%d@%s.example", step, i, slug)
				if _, err := st.CreateUser(ctx, everyOrg, store.NewUser{OrgID: org, Email: email, Name: fmt.Sprintf("Staff member %d-%d", step, i), Role: tenancy.RoleOfficer}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
