package sharphound

import "github.com/ward-shared-service/ward/internal/identity"

// The fields that tie accounts to computers: who was signed in on a
// computer, who is in its local groups, and the SQL Servers a service
// account's SPNs point at.

// spnTargets reads the services a user's SPNs point at; only SQL Server
// admin rights (the service account is sysadmin on the instance) matter.
func (r *sharpHoundReader) spnTargets() {
	s := &r.s
	if !s.array() {
		return
	}
	for s.elem() {
		if !s.object() {
			continue
		}
		target, sql := int32(-1), false
		for k, ok := s.key(); ok; k, ok = s.key() {
			switch string(k) {
			case "ComputerSID":
				if id := s.str(); len(id) > 0 {
					target = r.ref(id)
				}
			case "Service":
				sql = string(s.str()) == "SQLAdmin"
			default:
				s.skip()
			}
		}
		if sql && target >= 0 {
			r.pend = append(r.pend, identity.Edge{From: self, To: target, Kind: identity.SQLAdmin})
		}
	}
}

// sessions reads {"Results": [{"UserSID", "ComputerSID"}], …}: the user
// was signed in on the computer (this one unless the entry names another).
func (r *sharpHoundReader) sessions() {
	s := &r.s
	if !s.object() {
		return
	}
	for k, ok := s.key(); ok; k, ok = s.key() {
		if string(k) != "Results" {
			s.skip()
			continue
		}
		if !s.array() {
			continue
		}
		for s.elem() {
			if !s.object() {
				continue
			}
			user, comp := int32(-1), self
			for k, ok := s.key(); ok; k, ok = s.key() {
				switch string(k) {
				case "UserSID":
					if id := s.str(); len(id) > 0 {
						user = r.ref(id)
					}
				case "ComputerSID":
					if id := s.str(); len(id) > 0 {
						comp = r.ref(id)
					}
				default:
					s.skip()
				}
			}
			if user >= 0 {
				r.pend = append(r.pend, identity.Edge{From: comp, To: user, Kind: identity.HasSession})
			}
		}
	}
}

// localRight reads {"Results": [{"ObjectIdentifier"}], …}: members of a
// local group of this computer.
func (r *sharpHoundReader) localRight(kind identity.EdgeKind) {
	s := &r.s
	if !s.object() {
		return
	}
	for k, ok := s.key(); ok; k, ok = s.key() {
		if string(k) != "Results" {
			s.skip()
			continue
		}
		for _, m := range r.refList() {
			r.pend = append(r.pend, identity.Edge{From: m, To: self, Kind: kind})
		}
	}
}

// localGroups reads the computer's local groups, SharpHound's newer form
// of LocalAdmins and friends: the group's id ends in its well-known RID.
func (r *sharpHoundReader) localGroups() {
	s := &r.s
	if !s.array() {
		return
	}
	for s.elem() {
		if !s.object() {
			continue
		}
		r.members = r.members[:0]
		kind, useful := identity.EdgeKind(0), false
		for k, ok := s.key(); ok; k, ok = s.key() {
			switch string(k) {
			case "ObjectIdentifier":
				id := s.str()
				kind, useful = localGroupRights[string(id[lastDash(id)+1:])]
			case "Results":
				r.members = append(r.members, r.refList()...)
			default:
				s.skip()
			}
		}
		if useful {
			for _, m := range r.members {
				r.pend = append(r.pend, identity.Edge{From: m, To: self, Kind: kind})
			}
		}
	}
}

func lastDash(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == '-' {
			return i
		}
	}
	return -1
}
