package entra

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/identity"
)

// What each Graph object becomes in the directory model; docs/entra-json.md
// says the same for admins.

func (r *entraReader) user(i int) error {
	u, err := decodeGraph[User](r)
	if err != nil {
		return err
	}
	at := func(field string) string { return fmt.Sprintf("$.users[%d].%s", i, field) }
	switch {
	case u.ID == "":
		return r.refuse(at("id"), "missing: every user needs its object id")
	case u.UserPrincipalName == "":
		return r.refuse(at("userPrincipalName"), "missing: every user needs its user principal name")
	case u.AccountEnabled == nil:
		// Graph leaves accountEnabled out unless asked for it, and guessing
		// either way is wrong: a disabled account shown enabled is a false
		// alarm, an enabled one shown disabled a hidden path.
		return r.refuse(at("accountEnabled"), "want true or false (it is missing: add accountEnabled to the users query's $select)")
	}
	n := identity.Node{
		ID:         u.ID,
		Name:       strings.ToUpper(u.UserPrincipalName), // as AD names are written
		Kind:       identity.User,
		Mail:       u.Mail,
		OnPremID:   strings.ToUpper(u.OnPremisesSecurityIdentifier),
		LastLogon:  lastSignIn(u.SignInActivity),
		PwdLastSet: int64(u.LastPasswordChangeDateTime),
		Created:    int64(u.CreatedDateTime),
	}
	if n.Mail == "" {
		n.Mail = u.UserPrincipalName
	}
	if *u.AccountEnabled {
		n.Flags |= identity.Enabled
	}
	if strings.EqualFold(u.UserType, "Guest") {
		n.Flags |= identity.Guest
		r.sum.Guests++
	}
	if hasPasswordPolicy(u.PasswordPolicies, "DisablePasswordExpiration") {
		n.Flags |= identity.PasswordNeverExpires
	}
	if reg := u.Registration; reg != nil && reg.IsMfaRegistered != nil {
		r.sum.Registration++
		if *reg.IsMfaRegistered {
			n.Flags |= identity.MFARegistered
		}
	}
	idx, err := r.describe(n, at("id"))
	if err != nil {
		return err
	}
	r.described = append(r.described, idx)
	r.sum.Users++
	return nil
}

// lastSignIn is when the user last signed in. Graph's successful sign-in
// time is the truth; the interactive and non-interactive times count
// failed attempts too (a password spray makes a dormant account look
// used), so they stand in only where the successful time is missing:
// Graph has kept it only since December 2023.
func lastSignIn(s *SignIn) int64 {
	if s == nil {
		return 0
	}
	if s.LastSuccessfulSignInDateTime != 0 {
		return int64(s.LastSuccessfulSignInDateTime)
	}
	return int64(max(s.LastSignInDateTime, s.LastNonInteractiveSignInDateTime))
}

// hasPasswordPolicy reads Graph's passwordPolicies, a comma-separated list
// such as "DisablePasswordExpiration, DisableStrongPassword".
func hasPasswordPolicy(policies, want string) bool {
	for p := range strings.SplitSeq(policies, ",") {
		if strings.EqualFold(strings.TrimSpace(p), want) {
			return true
		}
	}
	return false
}

func (r *entraReader) group(i int) error {
	g, err := decodeGraph[Group](r)
	if err != nil {
		return err
	}
	at := fmt.Sprintf("$.groups[%d]", i)
	if g.ID == "" {
		return r.refuse(at+".id", "missing: every group needs its object id")
	}
	gi, err := r.describe(identity.Node{
		ID:       g.ID,
		Name:     strings.ToUpper(cmp.Or(g.DisplayName, g.ID)),
		Kind:     identity.Group,
		Flags:    identity.Enabled, // a group has no off switch: if it exists, it grants
		OnPremID: strings.ToUpper(g.OnPremisesSecurityIdentifier),
		Created:  int64(g.CreatedDateTime),
	}, at+".id")
	if err != nil {
		return err
	}
	r.described = append(r.described, gi)
	r.sum.Groups++
	for j, m := range g.Members {
		mi, err := r.ref(m, fmt.Sprintf("%s.members[%d]", at, j))
		if err != nil {
			return err
		}
		r.b.Edge(mi, gi, identity.MemberOf)
	}
	// An owner manages the group's membership, so can put itself in it.
	for j, o := range g.Owners {
		oi, err := r.ref(o, fmt.Sprintf("%s.owners[%d]", at, j))
		if err != nil {
			return err
		}
		r.b.Edge(oi, gi, identity.Owns)
	}
	return nil
}

func (r *entraReader) servicePrincipal(i int) error {
	sp, err := decodeGraph[ServicePrincipal](r)
	if err != nil {
		return err
	}
	at := fmt.Sprintf("$.servicePrincipals[%d]", i)
	switch {
	case sp.ID == "":
		return r.refuse(at+".id", "missing: every service principal needs its object id")
	case sp.AccountEnabled == nil:
		return r.refuse(at+".accountEnabled", "want true or false (it is missing: add accountEnabled to the service principals query's $select)")
	}
	n := identity.Node{ID: sp.ID, Name: strings.ToUpper(cmp.Or(sp.DisplayName, sp.AppID, sp.ID)), Kind: identity.ServicePrincipal}
	if *sp.AccountEnabled {
		n.Flags |= identity.Enabled
	}
	si, err := r.describe(n, at+".id")
	if err != nil {
		return err
	}
	r.described = append(r.described, si)
	r.sum.ServicePrincipals++
	if sp.AppID != "" {
		r.spByApp[strings.ToLower(sp.AppID)] = si
	}
	// An owner can add a secret or certificate to the service principal
	// and sign in as it, taking whatever roles it holds.
	for j, o := range sp.Owners {
		oi, err := r.ref(o, fmt.Sprintf("%s.owners[%d]", at, j))
		if err != nil {
			return err
		}
		r.b.Edge(oi, si, identity.Owns)
		r.b.Edge(oi, si, identity.AddSecret)
	}
	return nil
}

// application reads an app registration's owners: they can add a secret to
// the application and sign in as its service principal, so they are drawn
// as AddSecret edges to the service principal with the same appId (in
// finish, as it may come later in the file).
func (r *entraReader) application(i int) error {
	app, err := decodeGraph[Application](r)
	if err != nil {
		return err
	}
	at := fmt.Sprintf("$.applications[%d]", i)
	if app.AppID == "" {
		return r.refuse(at+".appId", "missing: every application needs its appId, to find its service principal")
	}
	owners := make([]int32, 0, len(app.Owners))
	for j, o := range app.Owners {
		oi, err := r.ref(o, fmt.Sprintf("%s.owners[%d]", at, j))
		if err != nil {
			return err
		}
		owners = append(owners, oi)
	}
	r.appOwners = append(r.appOwners, entraAppOwners{strings.ToLower(app.AppID), owners})
	r.sum.Applications++
	return nil
}

func (r *entraReader) roleDefinition(i int) error {
	d, err := decodeGraph[RoleDefinition](r)
	if err != nil {
		return err
	}
	if d.ID == "" {
		return r.refuse(fmt.Sprintf("$.roleDefinitions[%d].id", i), "missing: every role definition needs its id")
	}
	r.defs[strings.ToLower(d.ID)] = d
	return nil
}

// grant reads an active assignment or an eligibility; list names the array.
func (r *entraReader) grant(list string, i int, eligible bool) error {
	a, err := decodeGraph[RoleAssignment](r)
	if err != nil {
		return err
	}
	at := fmt.Sprintf("$.%s[%d]", list, i)
	switch {
	case a.PrincipalID == "":
		return r.refuse(at+".principalId", "missing: want the object id of the user, group or service principal holding the role")
	case a.RoleDefinitionID == "":
		return r.refuse(at+".roleDefinitionId", "missing: want the id of the role")
	}
	if a.DirectoryScopeID != nil && *a.DirectoryScopeID != "/" {
		r.sum.Scoped++
		return nil
	}
	r.grants = append(r.grants, entraGrant{r.b.Ref(a.PrincipalID), strings.ToLower(a.RoleDefinitionID), eligible})
	return nil
}

// finish does what had to wait for the whole file: the tenant's node and
// name, the domain in every name, the role nodes and application owners.
func (r *entraReader) finish() error {
	t := r.tenant
	switch {
	case t == nil:
		return r.refuse("$.tenant", "missing: want the tenant's id, displayName and defaultDomain")
	case t.ID == "":
		return r.refuse("$.tenant.id", "missing: want the tenant id")
	}
	for _, name := range []string{"users", "roleAssignments"} {
		if !r.seen[name] {
			return r.refuse("$."+name, "missing: an export without "+name+" cannot show who controls the tenant (write [] if there are none)")
		}
	}
	domain := strings.ToUpper(cmp.Or(t.DefaultDomain, t.ID))
	r.sum.TenantID, r.sum.Domain = t.ID, domain
	r.b.SetName(domain)
	if _, err := r.describe(identity.Node{ID: t.ID, Name: cmp.Or(t.DisplayName, domain), Kind: identity.Tenant, Flags: identity.Enabled, Directory: domain}, "$.tenant.id"); err != nil {
		return err
	}
	// Group and service principal names are written as BloodHound writes
	// Entra objects, NAME@DOMAIN, so two tenants' "IT Admins" differ.
	for _, i := range r.described {
		n := r.b.Node(i)
		n.Directory = domain
		if n.Kind != identity.User {
			n.Name += "@" + domain
		}
	}
	for _, g := range r.grants {
		k := identity.HasRole
		if g.eligible {
			k = identity.HasEligibleRole
			r.sum.Eligible++
		} else {
			r.sum.Active++
		}
		r.b.Edge(g.principal, r.role(g.role), k)
	}
	for _, a := range r.appOwners {
		if si, ok := r.spByApp[a.appID]; ok {
			for _, o := range a.owners {
				r.b.Edge(o, si, identity.AddSecret)
			}
		}
	}
	return nil
}
