package sharphound

import "github.com/ward-shared-service/ward/internal/identity"

// The readers of an object's fields: each records the relations the field
// states as pending edges, with self standing for the object until its
// ObjectIdentifier is known.

func (r *sharpHoundReader) properties(it *item) {
	s := &r.s
	if !s.object() {
		return
	}
	for k, ok := s.key(); ok; k, ok = s.key() {
		switch string(k) {
		case "name":
			it.node.Name = keep(s.text())
		case "domain":
			it.node.Directory = r.interned(s.text())
		case "operatingsystem":
			it.node.OS = r.interned(s.text())
		case "email":
			it.email = keep(s.text())
		case "userprincipalname":
			it.upn = keep(s.text())
		case "enabled":
			r.flag(it, identity.Enabled)
		case "sensitive":
			r.flag(it, identity.Sensitive)
		case "admincount":
			r.flag(it, identity.AdminCount)
		case "hasspn":
			r.flag(it, identity.HasSPN)
		case "pwdneverexpires":
			r.flag(it, identity.PasswordNeverExpires)
		case "passwordnotreqd":
			r.flag(it, identity.PasswordNotRequired)
		case "dontreqpreauth":
			r.flag(it, identity.NoPreauth)
		case "unconstraineddelegation":
			r.flag(it, identity.UnconstrainedDelegation)
		case "trustedtoauth":
			r.flag(it, identity.TrustedToAuth)
		case "lastlogontimestamp":
			it.lastLogonTS = s.integer()
		case "lastlogon":
			it.lastLogon = s.integer()
		case "pwdlastset":
			it.node.PwdLastSet = max(s.integer(), 0)
		case "whencreated":
			it.node.Created = max(s.integer(), 0)
		case "serviceprincipalnames":
			if s.array() {
				for s.elem() {
					if len(s.str()) > 0 {
						it.node.Flags |= identity.HasSPN
					}
				}
			}
		default:
			s.skip()
		}
	}
}

// aces reads an ACL: each entry lets its principal act on the object.
func (r *sharpHoundReader) aces() {
	s := &r.s
	if !s.array() {
		return
	}
	for s.elem() {
		if !s.object() {
			continue
		}
		r.sid = r.sid[:0]
		kind, known := identity.EdgeKind(0), false
		for k, ok := s.key(); ok; k, ok = s.key() {
			switch string(k) {
			case "PrincipalSID":
				r.sid = append(r.sid[:0], s.str()...)
			case "RightName":
				kind, known = r.right(s.str())
			default:
				s.skip()
			}
		}
		// The principal is resolved only for a right that is kept, so
		// ignored rights leave no stray placeholders.
		if known && len(r.sid) > 0 {
			r.pend = append(r.pend, identity.Edge{From: r.ref(r.sid), To: self, Kind: kind})
		}
	}
}

func (r *sharpHoundReader) right(name []byte) (identity.EdgeKind, bool) {
	if k, ok := aceRights[string(name)]; ok {
		return k, true
	}
	r.stats.Ignored++
	if n := r.byName[string(name)]; n != nil {
		*n++
	} else if len(r.byName) < 256 { // a hostile file could name endless rights
		c := 1
		r.byName[keep(name)] = &c
	}
	return 0, false
}

// refList reads a list of {"ObjectIdentifier": …} (or bare ids) into
// r.refs, valid until the next call.
func (r *sharpHoundReader) refList() []int32 {
	s := &r.s
	refs := r.refs[:0]
	if s.array() {
		for s.elem() {
			if s.peek() == '"' {
				if id := s.stringValue(); len(id) > 0 {
					refs = append(refs, r.ref(id))
				}
				continue
			}
			if i := r.oneRef(); i >= 0 {
				refs = append(refs, i)
			}
		}
	}
	r.refs = refs
	return refs
}

// oneRef reads {"ObjectIdentifier": …}; -1 for null or an empty id.
func (r *sharpHoundReader) oneRef() int32 {
	s := &r.s
	if !s.object() {
		return -1
	}
	at, found := int32(-1), false
	for k, ok := s.key(); ok; k, ok = s.key() {
		if string(k) != "ObjectIdentifier" {
			s.skip()
			continue
		}
		found = true
		if id := s.str(); len(id) > 0 {
			at = r.ref(id)
		}
	}
	if !found {
		s.fail("no ObjectIdentifier")
	}
	return at
}

// links reads the GPOs linked to this OU, domain or container.
func (r *sharpHoundReader) links() {
	s := &r.s
	if !s.array() {
		return
	}
	for s.elem() {
		if !s.object() {
			continue
		}
		for k, ok := s.key(); ok; k, ok = s.key() {
			if string(k) != "GUID" {
				s.skip()
				continue
			}
			if id := s.str(); len(id) > 0 {
				r.pend = append(r.pend, identity.Edge{From: r.ref(id), To: self, Kind: identity.GPLink})
			}
		}
	}
}
