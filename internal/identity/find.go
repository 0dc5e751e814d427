package identity

import "strings"

// Find finds the objects a person names: by id, or else by name ignoring
// case, whole ("BACKUP01.ASHCOMBE.LOCAL") or up to its domain
// ("backup01"). More than one answer means the name is ambiguous.
func (g *Graph) Find(nameOrID string) []int32 {
	q := strings.TrimSpace(nameOrID)
	if q == "" {
		return nil
	}
	if i, ok := g.Lookup(q); ok {
		return []int32{i}
	}
	var whole, short []int32
	for i := range g.Nodes {
		name := g.Nodes[i].Name
		switch {
		case strings.EqualFold(name, q):
			whole = append(whole, int32(i))
		case strings.EqualFold(shortName(name), q):
			short = append(short, int32(i))
		}
	}
	if len(whole) > 0 {
		return whole
	}
	return short
}

// shortName is a directory name without its domain: ADMIN@TESTLAB.LOCAL
// and WIN10.TESTLAB.LOCAL are ADMIN and WIN10.
func shortName(name string) string {
	if at := strings.IndexByte(name, '@'); at > 0 {
		return name[:at]
	}
	if dot := strings.IndexByte(name, '.'); dot > 0 {
		return name[:dot]
	}
	return name
}
