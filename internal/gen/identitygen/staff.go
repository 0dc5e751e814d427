package identitygen

import "strings"

// StaffAccount is one staff member's user account as the directory of a
// Spec holds it: the same display name and e-mail address SharpHound's
// users.json carries, so the demo's HR records can be made from the very
// accounts the identity import reads (and match them by address).
type StaffAccount struct {
	Name       string // display name, "Amelia Patel"
	Mail       string
	Department string // "ICT", "CUSTOMER SERVICES"
	Enabled    bool   // not disabled in the directory
}

// StaffAccounts lists the staff accounts of the directory spec describes,
// in directory order, without writing it.
func StaffAccounts(spec Spec) ([]StaffAccount, error) {
	g, err := newADGen(spec)
	if err != nil {
		return nil, err
	}
	out := make([]StaffAccount, 0, int32(spec.Users)-g.uStaff)
	for u := g.uStaff; u < int32(spec.Users); u++ {
		f := g.userFacts(u)
		first, last := genFirstNames[f.first], genSurnames[f.last]
		out = append(out, StaffAccount{
			Name:       first + " " + last[:1] + strings.ToLower(last[1:]),
			Mail:       asciiLower(first) + "." + asciiLower(last) + itoa(1000+int64(u)) + "@" + g.mailDom,
			Department: g.deptOfUser(u).name,
			Enabled:    f.state != stDisabled,
		})
	}
	return out, nil
}

// asciiLower lowers A–Z only, as userContact writes the address.
func asciiLower(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = genLower(b[i])
	}
	return string(b)
}

func itoa(v int64) string {
	o := genOut{}
	o.int(v)
	return string(o.b)
}
