package identity

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/people"
)

// Person is what the account checks know of one of an org's people.
type Person struct {
	ID      int64
	Name    string
	Email   string
	UPN     string // the sign-in name HR records, when it is not the e-mail address
	StartOn string // yyyy-mm-dd, or empty
	LeftOn  string
	EndOn   string // contract end
}

// Gone is the day the person stopped being one of the org's people, and
// which record says so ("left on" or "contract ended on").
func (p *Person) Gone() (day string, why string, ok bool) {
	t, ok := people.GoneBy(p.LeftOn, p.EndOn)
	if !ok {
		return "", "", false
	}
	why = "left on"
	if p.LeftOn == "" || p.LeftOn != t.Format("2006-01-02") {
		why = "contract ended on"
	}
	return t.Format("2006-01-02"), why, true
}

// PersonKey is the subject key of a finding about a person: "person:" and
// the person's id, stable across renames and re-imports.
func PersonKey(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

// How a link was made: the account's address equals the person's e-mail
// address, or their sign-in name.
const (
	ByEmail = "email"
	ByUPN   = "upn"
)

// Link ties one directory account to one person.
type Link struct {
	Person  int   // index in Matching.People
	Node    int32 // index in the graph
	By      string
	Address string // the address, lower-cased, that matched
}

// Ambiguity is an account whose address names more than one person: ward
// does not guess which of them owns it.
type Ambiguity struct {
	Node    int32
	Address string
	People  []int // indexes in Matching.People
}

// Matching is who owns which user account.
type Matching struct {
	People    []Person
	Links     []Link // by node
	Ambiguous []Ambiguity
	byNode    map[int32]int // node -> index in Links
	byPerson  map[int][]int // person -> indexes in Links
	unclear   map[int32]bool
}

// LinkOf returns the link of an account, if it has exactly one owner.
func (m *Matching) LinkOf(node int32) (Link, bool) {
	if m == nil {
		return Link{}, false
	}
	i, ok := m.byNode[node]
	if !ok {
		return Link{}, false
	}
	return m.Links[i], true
}

// AccountsOf returns the links of one person, by node.
func (m *Matching) AccountsOf(person int) []Link {
	var out []Link
	for _, i := range m.byPerson[person] {
		out = append(out, m.Links[i])
	}
	return out
}

// IsAmbiguous says whether an account's address names several people.
func (m *Matching) IsAmbiguous(node int32) bool { return m != nil && m.unclear[node] }

// Addresses are the names an account answers to, lower-cased: its mail
// (the e-mail address, or the UPN when it has none) and, when it has the
// form of one, its name, which is the UPN for Entra users and
// sAMAccountName@DOMAIN for AD users (the UPN wherever the UPN suffix is
// the domain's own).
func Addresses(n *Node) []string {
	var out []string
	if n.Mail != "" {
		out = append(out, strings.ToLower(n.Mail))
	}
	if strings.Contains(n.Name, "@") {
		if name := strings.ToLower(n.Name); name != strings.ToLower(n.Mail) {
			out = append(out, name)
		}
	}
	return out
}

type hit struct {
	person int
	by     string
}

// Match links the graph's user accounts to people: an account belongs to
// a person when one of its addresses equals, in any case, the person's
// e-mail address or sign-in name. An account whose addresses name more
// than one person is linked to none of them and listed as ambiguous.
func Match(g *Graph, ps []Person) *Matching {
	m := &Matching{People: ps, byNode: make(map[int32]int, len(ps)), byPerson: make(map[int][]int, len(ps)), unclear: map[int32]bool{}}
	index := make(map[string][]hit, 2*len(ps))
	add := func(addr string, i int, by string) {
		addr = strings.ToLower(strings.TrimSpace(addr))
		if addr == "" {
			return
		}
		for _, h := range index[addr] {
			if h.person == i {
				return // the same person's e-mail and UPN
			}
		}
		index[addr] = append(index[addr], hit{i, by})
	}
	for i := range ps {
		add(ps[i].Email, i, ByEmail)
		add(ps[i].UPN, i, ByUPN)
	}
	for ni := range g.Nodes {
		n := &g.Nodes[ni]
		if n.Kind != User || !n.Is(Described) {
			continue
		}
		var owner, unclearAt = -1, ""
		var link Link
		for _, addr := range Addresses(n) {
			hits := index[addr]
			for _, h := range hits {
				switch {
				case len(hits) > 1 || (owner >= 0 && owner != h.person):
					unclearAt = addr
				case owner < 0:
					owner = h.person
					link = Link{Person: h.person, Node: int32(ni), By: h.by, Address: addr}
				}
			}
		}
		if unclearAt != "" {
			amb := Ambiguity{Node: int32(ni), Address: unclearAt}
			for _, addr := range Addresses(n) {
				for _, h := range index[addr] {
					if !containsInt(amb.People, h.person) {
						amb.People = append(amb.People, h.person)
					}
				}
			}
			sort.Ints(amb.People)
			m.Ambiguous = append(m.Ambiguous, amb)
			m.unclear[int32(ni)] = true
			continue
		}
		if owner >= 0 {
			m.byNode[int32(ni)] = len(m.Links)
			m.byPerson[owner] = append(m.byPerson[owner], len(m.Links))
			m.Links = append(m.Links, link)
		}
	}
	return m
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// BuiltIn says whether an account is one the directory makes itself
// (Administrator, Guest, krbtgt and the rest below relative id 1000),
// which belongs to no person by design.
func BuiltIn(n *Node) bool {
	r := RID(n.ID)
	if r == "" {
		return false
	}
	v, err := strconv.Atoi(r)
	return err == nil && v < 1000
}
