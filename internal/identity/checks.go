package identity

import (
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
)

// Ids of the identity checks in the control catalogue.
const (
	CheckPrivilegedNotProtected = "privileged-not-protected"
	CheckPrivilegedKerberoast   = "privileged-kerberoastable"
	CheckPrivilegedNeverExpires = "privileged-password-never-expires"
	CheckPrivilegedUnused       = "privileged-unused"
	CheckKrbtgtAge              = "krbtgt-password-age"
	CheckUnconstrained          = "unconstrained-delegation"
	CheckPasswordNotRequired    = "password-not-required"
	CheckPreauth                = "kerberos-preauth-required"
	CheckStale                  = "stale-account"
	CheckGlobalAdmins           = "global-admin-count"
	CheckRoleMFA                = "privileged-role-mfa"
	CheckLeaver                 = "leaver-account-enabled"
	CheckTierZeroPath           = "tier-zero-path"
	CheckChokePoint             = "tier-zero-choke-point"
)

// CheckInput is what the checks need besides the analysis.
type CheckInput struct {
	Settings posture.Settings
	Now      time.Time
	// Leavers maps a person's e-mail address, lower-cased, to the day they
	// left; their enabled accounts fail the leaver check.
	Leavers map[string]time.Time
}

// Check runs every enabled identity check over an analysed graph and
// returns the failures, one observation per failing check and subject.
// Passes are not listed: a held finding that is not failed again has been
// put right (the caller resolves it), which spares a million "pass"
// records on a large directory.
func Check(a *Analysis, in CheckInput) []finding.Observation {
	c := checker{a: a, in: in}
	c.privilegedRoles()
	var protectedGroups []int32
	for i := range a.Graph.Nodes {
		if isProtectedUsers(a.Graph.Nodes[i].ID) {
			protectedGroups = append(protectedGroups, int32(i))
		}
	}
	c.inProtectedUsers = a.Graph.membersOf(protectedGroups)
	g := a.Graph
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if !n.Is(Described) {
			continue
		}
		switch n.Kind {
		case User, Computer:
			c.account(int32(i), n)
		case Domain:
			c.krbtgt(n)
		case Tenant:
			c.globalAdmins(int32(i), n)
		}
	}
	c.paths()
	return c.out
}

type checker struct {
	a   *Analysis
	in  CheckInput
	out []finding.Observation
	// privileged marks cloud users who hold or may activate an
	// administrator role, with the role's name for the evidence.
	privileged map[int32]string
	// inProtectedUsers marks the members of any Protected Users group, at
	// any depth, worked out once rather than per privileged account.
	inProtectedUsers map[int32]bool
}

func (c *checker) on(control string) bool { return c.in.Settings.Enabled(control) }

func (c *checker) days(control, param string) time.Duration {
	n, _ := strconv.Atoi(c.in.Settings.Value(control, param))
	return time.Duration(n) * 24 * time.Hour
}

func (c *checker) fail(control string, subject finding.Subject, ev ...finding.Evidence) {
	sev := ""
	if ctl, ok := posture.ControlByID(control); ok {
		sev = string(ctl.Severity)
	}
	c.out = append(c.out, finding.Observation{Control: control, Subject: subject, Outcome: finding.Fail, Severity: sev, Evidence: ev})
}

// AccountSubject names a node as a finding's subject.
func AccountSubject(n *Node) finding.Subject {
	return finding.Subject{Kind: finding.Account, Key: n.ID, Name: n.Name}
}

func stamp(unix int64) string {
	if unix == 0 {
		return "never"
	}
	return time.Unix(unix, 0).UTC().Format(time.DateOnly)
}

// account runs the checks on one user or computer.
func (c *checker) account(i int32, n *Node) {
	if !n.Is(Enabled) {
		return
	}
	subject := AccountSubject(n)
	ad := !n.Is(Cloud)
	tierZero := c.a.TierZero[i]
	if tierZero && ad && n.Kind == User {
		c.privileged0(i, n, subject)
	}
	if c.on(CheckUnconstrained) && ad && n.Is(UnconstrainedDelegation) && !n.Is(DomainController) && !tierZeroDC(c.a, i) {
		c.fail(CheckUnconstrained, subject, finding.Evidence{Field: "trusted for unconstrained delegation", Value: "yes", Want: "no (domain controllers only)"})
	}
	if c.on(CheckPasswordNotRequired) && ad && n.Is(PasswordNotRequired) {
		c.fail(CheckPasswordNotRequired, subject, finding.Evidence{Field: "password not required", Value: "yes", Want: "no"})
	}
	if c.on(CheckPreauth) && ad && n.Kind == User && n.Is(NoPreauth) {
		c.fail(CheckPreauth, subject, finding.Evidence{Field: "Kerberos pre-authentication required", Value: "no", Want: "yes"})
	}
	if c.on(CheckStale) && !IsKrbtgt(n.ID) && !n.Is(Guest) {
		if ev, stale := c.unused(n, c.days(CheckStale, "max_days_unused")); stale {
			c.fail(CheckStale, subject, ev)
		}
	}
	if c.on(CheckRoleMFA) && n.Is(Cloud) && n.Kind == User && !n.Is(MFARegistered) {
		if role, ok := c.privileged[i]; ok {
			c.fail(CheckRoleMFA, subject, finding.Evidence{Item: role, Field: "multi-factor authentication registered", Value: "no", Want: "yes"})
		}
	}
	if c.on(CheckLeaver) && n.Mail != "" && n.Kind == User {
		if left, ok := c.in.Leavers[strings.ToLower(n.Mail)]; ok && c.in.Now.After(left.Add(c.days(CheckLeaver, "grace_days"))) {
			c.fail(CheckLeaver, subject, finding.Evidence{Field: "left on", Value: left.Format(time.DateOnly), Want: "account disabled"},
				finding.Evidence{Field: "account enabled", Value: "yes", Want: "no"})
		}
	}
}

// tierZeroDC says whether a computer is in Tier Zero as a domain
// controller (a member of Domain Controllers, where IsDC was not collected).
func tierZeroDC(a *Analysis, i int32) bool {
	return a.Graph.Nodes[i].Kind == Computer && a.TierZero[i] && a.Why[i] == ReasonMember
}

// privileged0 runs the checks that apply only to Tier Zero AD users.
func (c *checker) privileged0(i int32, n *Node, subject finding.Subject) {
	why := finding.Evidence{Field: "Tier Zero", Value: c.a.Why[i]}
	if c.on(CheckPrivilegedNotProtected) && !n.Is(Sensitive) && !c.protected(i) {
		c.fail(CheckPrivilegedNotProtected, subject, why,
			finding.Evidence{Field: "sensitive and cannot be delegated", Value: "no", Want: "yes, or a member of Protected Users"},
			finding.Evidence{Field: "member of Protected Users", Value: "no"})
	}
	if c.on(CheckPrivilegedKerberoast) && n.Is(HasSPN) && !IsKrbtgt(n.ID) {
		c.fail(CheckPrivilegedKerberoast, subject, why, finding.Evidence{Field: "has a service principal name", Value: "yes", Want: "no"})
	}
	if c.on(CheckPrivilegedNeverExpires) && n.Is(PasswordNeverExpires) {
		c.fail(CheckPrivilegedNeverExpires, subject, why, finding.Evidence{Field: "password never expires", Value: "yes", Want: "no"})
	}
	if c.on(CheckPrivilegedUnused) {
		if ev, stale := c.unused(n, c.days(CheckPrivilegedUnused, "max_days_unused")); stale {
			c.fail(CheckPrivilegedUnused, subject, why, ev)
		}
	}
}

// unused says whether an account has gone unused for longer than limit:
// its last sign-in is older, or it never signed in and was created before
// then. With neither date known the answer is no.
func (c *checker) unused(n *Node, limit time.Duration) (finding.Evidence, bool) {
	cutoff := c.in.Now.Add(-limit).Unix()
	want := "since " + time.Unix(cutoff, 0).UTC().Format(time.DateOnly)
	switch {
	case n.LastLogon != 0:
		return finding.Evidence{Field: "last signed in", Value: stamp(n.LastLogon), Want: want}, n.LastLogon < cutoff
	case n.Created != 0:
		return finding.Evidence{Field: "last signed in", Value: "never (created " + stamp(n.Created) + ")", Want: want}, n.Created < cutoff
	}
	return finding.Evidence{}, false
}

// protected says whether a node belongs to a Protected Users group, at any
// depth of nesting.
func (c *checker) protected(i int32) bool { return c.inProtectedUsers[i] }

// krbtgt checks the age of a domain's krbtgt password.
func (c *checker) krbtgt(domain *Node) {
	if !c.on(CheckKrbtgtAge) {
		return
	}
	g := c.a.Graph
	for i := range g.Nodes {
		k := &g.Nodes[i]
		if !IsKrbtgt(k.ID) || k.PwdLastSet == 0 || !strings.HasPrefix(k.ID, strings.ToUpper(domain.ID)+"-") {
			continue
		}
		limit := c.days(CheckKrbtgtAge, "max_days")
		if k.PwdLastSet < c.in.Now.Add(-limit).Unix() {
			c.fail(CheckKrbtgtAge, finding.Subject{Kind: finding.Directory, Key: domain.ID, Name: domain.Name},
				finding.Evidence{Item: k.Name, Field: "password last set", Value: stamp(k.PwdLastSet),
					Want: "within " + strconv.Itoa(int(limit.Hours()/24)) + " days"})
		}
	}
}

// roleHolders is everyone who holds a role, through any depth of groups:
// active holders, and eligible ones too when eligible is set.
func roleHolders(g *Graph, role int32, eligible bool) map[int32]bool {
	set := map[int32]bool{}
	queue := []int32{role}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, ei := range g.In(n) {
			e := g.Edges[ei]
			ok := e.Kind == MemberOf || e.Kind == HasRole || (eligible && e.Kind == HasEligibleRole)
			if ok && !set[e.From] {
				set[e.From] = true
				queue = append(queue, e.From)
			}
		}
	}
	return set
}

// privilegedRoles finds the cloud users who hold or may activate an
// administrator role: any role Tier Zero or named "… Administrator".
func (c *checker) privilegedRoles() {
	c.privileged = map[int32]string{}
	if !c.on(CheckRoleMFA) {
		return
	}
	g := c.a.Graph
	for i := range g.Nodes {
		r := &g.Nodes[i]
		if r.Kind != Role || !(c.a.TierZero[i] || strings.Contains(strings.ToUpper(r.Name), "ADMINISTRATOR")) {
			continue
		}
		for h := range roleHolders(g, int32(i), true) {
			if _, held := c.privileged[h]; !held || c.a.TierZero[i] {
				c.privileged[h] = roleName(r)
			}
		}
	}
}

func roleName(r *Node) string {
	name, _, _ := strings.Cut(r.Name, "@")
	return name
}

// globalAdmins counts a tenant's standing Global Administrators.
func (c *checker) globalAdmins(tenant int32, t *Node) {
	if !c.on(CheckGlobalAdmins) {
		return
	}
	g := c.a.Graph
	role, ok := g.Lookup(t.ID + "-" + GlobalAdministratorRole)
	if !ok {
		return
	}
	count := 0
	for h := range roleHolders(g, role, false) {
		if n := &g.Nodes[h]; n.Kind == User && n.Is(Enabled) {
			count++
		}
	}
	limit, _ := strconv.Atoi(c.in.Settings.Value(CheckGlobalAdmins, "max_global_admins"))
	if count > limit {
		c.fail(CheckGlobalAdmins, finding.Subject{Kind: finding.Directory, Key: t.ID, Name: t.Name},
			finding.Evidence{Field: "active Global Administrators", Value: strconv.Itoa(count), Want: "at most " + strconv.Itoa(limit)})
	}
}

// PathText writes a path as one line: names joined by their edge kinds.
func PathText(steps []Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(s.Name)
		if s.Edge != "" {
			b.WriteString(" —" + s.Edge + "→")
		}
	}
	return b.String()
}

// paths raises the attack-path findings: one per account that reaches
// Tier Zero, and one per relation that cuts enough accounts off.
func (c *checker) paths() {
	g := c.a.Graph
	if c.on(CheckTierZeroPath) {
		for _, i := range c.a.Reaching {
			n := &g.Nodes[i]
			c.fail(CheckTierZeroPath, AccountSubject(n),
				finding.Evidence{Field: "shortest path to Tier Zero", Value: PathText(c.a.Path(i)), Want: "no path"},
				finding.Evidence{Field: "steps", Value: strconv.Itoa(int(c.a.Dist[i]))})
		}
	}
	if !c.on(CheckChokePoint) {
		return
	}
	least, _ := strconv.Atoi(c.in.Settings.Value(CheckChokePoint, "min_accounts"))
	for _, cp := range c.a.ChokePoints {
		if cp.Cut < least {
			break // sorted, most first
		}
		c.fail(CheckChokePoint, RelationSubject(g, cp),
			finding.Evidence{Field: "rights", Value: KindsText(cp.Kinds), Want: "removed"},
			finding.Evidence{Field: "accounts cut off from Tier Zero by removing it", Value: strconv.Itoa(cp.Cut)})
	}
}

// RelationSubject names a choke point as a finding's subject.
func RelationSubject(g *Graph, cp ChokePoint) finding.Subject {
	from, to := &g.Nodes[cp.From], &g.Nodes[cp.To]
	return finding.Subject{Kind: finding.Relation, Key: from.ID + ">" + to.ID, Name: from.Name + " → " + to.Name}
}

// KindsText joins edge kinds with "+".
func KindsText(kinds []EdgeKind) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = k.String()
	}
	return strings.Join(parts, "+")
}
