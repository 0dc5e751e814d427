package identity

import (
	"strconv"
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
	CheckAccountNoPerson        = "account-no-person"
	CheckPersonNoAccount        = "person-no-account"
	CheckTierZeroPath           = "tier-zero-path"
	CheckChokePoint             = "tier-zero-choke-point"
)

// CheckInput is what the checks need besides the analysis.
type CheckInput struct {
	Settings posture.Settings
	Now      time.Time
	// People are the org's people matched to its accounts (Match); nil or
	// no people means the org keeps no people records, and the checks
	// that need them say nothing rather than fail every account.
	People *Matching
	// Today is the date (yyyy-mm-dd) in the org's zone, for who is current.
	Today string
}

// Controls lists every control the identity analysis raises, and so the
// only ones whose held findings it may resolve.
var Controls = []string{
	CheckPrivilegedNotProtected, CheckPrivilegedKerberoast, CheckPrivilegedNeverExpires, CheckPrivilegedUnused,
	CheckKrbtgtAge, CheckUnconstrained, CheckPasswordNotRequired, CheckPreauth, CheckStale, CheckGlobalAdmins,
	CheckRoleMFA, CheckLeaver, CheckTierZeroPath, CheckChokePoint, CheckAccountNoPerson, CheckPersonNoAccount,
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
	c.peopleWithoutAccounts()
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
