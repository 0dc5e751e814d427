package identitygen

import (
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader/entra"
)

// The tenant's objects, each drawn from its own random stream.

func (g *entraGen) user(i int) entra.User {
	r := g.rng(egUser|egFacts, uint64(i))
	guest := i >= g.spec.Users
	admin := i < g.admins
	first, last := entraFirst[i%len(entraFirst)], entraLast[i/len(entraFirst)%len(entraLast)]
	local := first + "." + last
	if n := i / (len(entraFirst) * len(entraLast)); n > 0 {
		local += strconv.Itoa(n + 1)
	}
	u := entra.User{
		ID: g.userID(i), UserType: "Member",
		DisplayName:     strings.ToUpper(first[:1]) + first[1:] + " " + strings.ToUpper(last[:1]) + last[1:],
		CreatedDateTime: g.daysAgo(r, 30, 3000), LastPasswordChangeDateTime: g.daysAgo(r, 1, 400),
	}
	enabled := admin || r.Float64() >= 0.04
	u.AccountEnabled = &enabled
	switch {
	case guest:
		partner := entraPartners[i%len(entraPartners)]
		u.UserPrincipalName = local + "_" + partner + "#EXT#@" + g.spec.Domain
		u.Mail, u.UserType = local+"@"+partner, "Guest"
		u.LastPasswordChangeDateTime = 0
	case admin:
		u.UserPrincipalName = "adm." + local + "@" + g.spec.Domain
		u.DisplayName += " (admin)"
	default:
		u.UserPrincipalName = local + "@" + g.spec.Domain
		if r.Float64() < 0.8 {
			u.OnPremisesSecurityIdentifier = g.sid + strconv.Itoa(1100+i)
			u.OnPremisesSyncEnabled = new(true)
		}
		if r.Float64() < 0.05 {
			u.PasswordPolicies = "DisablePasswordExpiration"
			u.LastPasswordChangeDateTime = g.daysAgo(r, 400, 2500)
		}
	}
	if u.Mail == "" {
		u.Mail = u.UserPrincipalName
	}
	switch p := r.Float64(); {
	case !admin && p < 0.02: // never signed in
	case !enabled, !admin && p < 0.10: // stale: gone quiet over a year ago
		u.SignInActivity = g.signIn(g.daysAgo(r, 366, 900))
	default:
		u.SignInActivity = g.signIn(entra.Time(g.now - r.Int64N(30*86400)))
	}
	// Graph's registration report leaves out disabled users.
	if enabled {
		p := 0.9
		switch {
		case admin:
			p = 0.85
		case guest:
			p = 0.5
		}
		mfa := r.Float64() < p
		reg := &entra.Registration{IsMfaRegistered: &mfa, MethodsRegistered: []string{}}
		switch {
		case mfa && admin:
			reg.MethodsRegistered = []string{"fido2", "microsoftAuthenticatorPush"}
		case mfa:
			reg.MethodsRegistered = []string{"microsoftAuthenticatorPush", "softwareOneTimePasscode"}
		case r.Float64() < 0.5:
			reg.MethodsRegistered = []string{"email"}
		}
		u.Registration = reg
	}
	return u
}

func (g *entraGen) signIn(t entra.Time) *entra.SignIn {
	return &entra.SignIn{LastSignInDateTime: t, LastNonInteractiveSignInDateTime: t, LastSuccessfulSignInDateTime: t}
}

func (g *entraGen) ref(space uint64, i int, odataType string) entra.Ref {
	return entra.Ref{ID: g.id(space, i), Type: "#microsoft.graph." + odataType}
}

func (g *entraGen) group(i int) entra.Group {
	r := g.rng(egGroup|egFacts, uint64(i))
	gr := entra.Group{ID: g.id(egGroup, i), SecurityEnabled: new(true), IsAssignableToRole: new(false),
		CreatedDateTime: g.daysAgo(r, 30, 3000), Members: []entra.Ref{}, Owners: []entra.Ref{}}
	if i == 0 && g.praUser >= 0 {
		// The role-assignable group that holds Privileged Role
		// Administrator, owned by the first Global Administrator.
		gr.DisplayName, gr.IsAssignableToRole = "Entra Role Admins", new(true)
		gr.Members = append(gr.Members, g.ref(egUser, g.praUser, "user"))
		gr.Owners = append(gr.Owners, g.ref(egUser, 0, "user"))
		return gr
	}
	gr.DisplayName = entraDepartments[i%len(entraDepartments)] + " " + entraGroupKinds[i/len(entraDepartments)%len(entraGroupKinds)]
	if n := i / (len(entraDepartments) * len(entraGroupKinds)); n > 0 {
		gr.DisplayName += " " + strconv.Itoa(n+1)
	}
	if r.Float64() < 0.7 {
		gr.OnPremisesSecurityIdentifier = g.sid + strconv.Itoa(5000+i)
	}
	if g.spec.Users > 0 {
		seen := map[int]bool{}
		for range 3 + r.IntN(min(g.spec.Users, 40)) {
			if u := g.ordinary(r); !seen[u] {
				seen[u] = true
				gr.Members = append(gr.Members, g.ref(egUser, u, "user"))
			}
		}
		if r.Float64() < 0.4 {
			gr.Owners = append(gr.Owners, g.ref(egUser, g.ordinary(r), "user"))
		}
	}
	if i > 1 && r.Float64() < 0.1 {
		gr.Members = append(gr.Members, g.ref(egGroup, 1+r.IntN(i-1), "group"))
	}
	if g.spec.Guests > 0 && r.Float64() < 0.1 {
		gr.Members = append(gr.Members, g.ref(egUser, g.spec.Users+r.IntN(g.spec.Guests), "user"))
	}
	return gr
}

func (g *entraGen) servicePrincipal(i int) entra.ServicePrincipal {
	r := g.rng(egSP|egFacts, uint64(i))
	sp := entra.ServicePrincipal{ID: g.id(egSP, i), AppID: g.id(egApp, i), ServicePrincipalType: "Application",
		DisplayName: entraApps[i%len(entraApps)], AccountEnabled: new(r.Float64() >= 0.05), Owners: []entra.Ref{}}
	if n := i / len(entraApps); n > 0 {
		sp.DisplayName += " " + strconv.Itoa(n+1)
	}
	if i%7 == 6 {
		sp.ServicePrincipalType = "ManagedIdentity"
		return sp
	}
	// The first app (HR provisioning, holding User Administrator) is
	// always owned by an ordinary user: the path the demo shows.
	if g.spec.Users > 0 && (i == 0 || r.Float64() < 0.4) {
		sp.Owners = append(sp.Owners, g.ref(egUser, g.ordinary(r), "user"))
	}
	return sp
}

// application is the app registration of service principal i.
func (g *entraGen) application(i int) entra.Application {
	r := g.rng(egApp|egFacts, uint64(i))
	app := entra.Application{ID: g.id(egApp|egFacts, i), AppID: g.id(egApp, i), DisplayName: entraApps[i%len(entraApps)], Owners: []entra.Ref{}}
	if g.spec.Users > 0 && r.Float64() < 0.3 {
		app.Owners = append(app.Owners, g.ref(egUser, g.ordinary(r), "user"))
	}
	return app
}
