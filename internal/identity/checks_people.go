package identity

import (
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/people"
)

// owner runs the checks that tie an enabled user account to the people
// records: its owner has gone, or it has no owner at all.
func (c *checker) owner(i int32, n *Node, subject finding.Subject) {
	m := c.in.People
	if m == nil || len(m.People) == 0 {
		return // no people records: who owns an account is unknown, not failed
	}
	link, linked := m.LinkOf(i)
	if linked && c.on(CheckLeaver) {
		p := &m.People[link.Person]
		if day, why, gone := p.Gone(); gone {
			at, _ := time.Parse(time.DateOnly, day)
			if c.in.Now.After(at.Add(c.days(CheckLeaver, "grace_days"))) {
				c.fail(CheckLeaver, subject,
					finding.Evidence{Field: why, Value: day, Want: "account disabled by then"},
					finding.Evidence{Field: "person", Value: p.Name, Want: ""},
					finding.Evidence{Field: "matched by", Value: matchedBy(link)},
					finding.Evidence{Field: "account enabled", Value: "yes", Want: "no"})
			}
		}
	}
	if !linked && c.on(CheckAccountNoPerson) && n.Mail != "" && !n.Is(Guest) && !BuiltIn(n) && !m.IsAmbiguous(i) {
		c.fail(CheckAccountNoPerson, subject,
			finding.Evidence{Field: "mail or sign-in name", Value: n.Mail, Want: "the e-mail address or sign-in name of one of the org's people"})
	}
}

func matchedBy(l Link) string {
	if l.By == ByUPN {
		return "sign-in name " + l.Address
	}
	return "e-mail address " + l.Address
}

// PersonSubject names a person as a finding's subject.
func PersonSubject(p *Person) finding.Subject {
	return finding.Subject{Kind: finding.Person, Key: PersonKey(p.ID), Name: p.Name}
}

// peopleWithoutAccounts fails every current person with an e-mail address
// whom no account of the org's directories matches. An org with no
// directory at all says nothing: the people are not missing from it.
func (c *checker) peopleWithoutAccounts() {
	m := c.in.People
	if m == nil || !c.on(CheckPersonNoAccount) || !c.hasDirectory() {
		return
	}
	shared := map[int]string{}
	for _, a := range m.Ambiguous {
		for _, i := range a.People {
			shared[i] = a.Address
		}
	}
	for i := range m.People {
		p := &m.People[i]
		if p.Email == "" || len(m.byPerson[i]) > 0 || !people.Current(p.StartOn, p.LeftOn, p.EndOn, c.in.Today) {
			continue
		}
		ev := []finding.Evidence{{Field: "e-mail address", Value: p.Email, Want: "the mail or sign-in name of a directory account"}}
		if p.UPN != "" {
			ev = append(ev, finding.Evidence{Field: "sign-in name", Value: p.UPN})
		}
		if addr, ok := shared[i]; ok {
			ev = append(ev, finding.Evidence{Field: "address shared with another person", Value: addr, Want: "one person per address"})
		}
		c.fail(CheckPersonNoAccount, PersonSubject(p), ev...)
	}
}

func (c *checker) hasDirectory() bool {
	for i := range c.a.Graph.Nodes {
		if c.a.Graph.Nodes[i].Is(Described) {
			return true
		}
	}
	return false
}
