package stix

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// NewID makes an identifier for a new object of the given STIX type, such
// as "indicator--0b9c2a9e-…", from a random (version 4) UUID as STIX 2.1
// asks for objects other than cyber observables. Ward keeps the identifier
// with the item so that every later export names the same object.
func NewID(typ string) string {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		// crypto/rand does not fail on the systems ward runs on; an
		// identifier that might repeat would be worse than stopping.
		panic("stix: no randomness for an identifier: " + err.Error())
	}
	return typ + "--" + formatUUID(u, 4)
}

// DeterministicID makes the same identifier for the same type and name every
// time, for things that must not multiply across exports, such as the
// identity of a member org: a version 5 UUID of "type:name" in ward's own
// namespace (itself the version 5 UUID of the URL
// https://github.com/ward-shared-service/ward in the RFC 4122 URL
// namespace). The derivation must never change: other WARPs keep the ids.
func DeterministicID(typ, name string) string {
	return typ + "--" + uuid5(wardNamespace, typ+":"+name)
}

// urlNamespace is the RFC 4122 namespace for URLs.
var urlNamespace = mustUUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")

var wardNamespace = mustUUID(uuid5(urlNamespace, "https://github.com/ward-shared-service/ward"))

func uuid5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	return formatUUID(u, 5)
}

func formatUUID(u [16]byte, version byte) string {
	u[6] = u[6]&0x0f | version<<4
	u[8] = u[8]&0x3f | 0x80 // the RFC 4122 variant
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func mustUUID(s string) [16]byte {
	var u [16]byte
	b, err := hex.DecodeString(strings.ReplaceAll(s, "-", ""))
	if err != nil || len(b) != 16 {
		panic("stix: bad namespace UUID " + s)
	}
	copy(u[:], b)
	return u
}

// splitID splits "indicator--uuid" into its type and UUID, reporting
// whether both are well formed. Upper-case hex is accepted, as the OASIS
// schema does and as some producers write it.
func splitID(id string) (typ string, ok bool) {
	i := strings.LastIndex(id, "--")
	if i < 0 {
		return "", false
	}
	typ, u := id[:i], id[i+2:]
	return typ, validType(typ) && validUUID(u)
}

// validType follows STIX 2.1 section 3.1: 3 to 250 characters, lower-case
// ASCII letters, digits and hyphens, starting with a letter.
func validType(t string) bool {
	if len(t) < 3 || len(t) > 250 || t[0] < 'a' || t[0] > 'z' {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func validUUID(u string) bool {
	if len(u) != 36 {
		return false
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
