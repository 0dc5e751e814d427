package identity

import (
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
)

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
	if n.Kind == User {
		c.owner(i, n, subject)
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
