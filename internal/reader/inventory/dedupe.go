package inventory

import (
	"cmp"
	"hash/maphash"
	"slices"
	"strings"
)

// keyList finds a device named twice in one file, matching keys without
// regard to case. A set looked up row by row was a fifth of reading
// 100,000 rows of ward's CSV (every lookup a cache miss), so keys are
// listed with a hash as they come and sorted once at the end of the file:
// the import is refused whole either way, so finding the duplicate at the
// end changes nothing for the caller.
type keyList struct {
	seed maphash.Seed
	keys []listedKey
}

type listedKey struct {
	hash uint64
	line int32
	kind uint8 // 0 serial, 1 device id, 2 name
	key  string
}

func newKeyList() *keyList { return &keyList{seed: maphash.MakeSeed()} }

// add lists a key of a kind (0 serial, 1 id, 2 name) seen on line. Keys are
// hashed upper-cased, not lower-cased: serial numbers and device names are
// usually capitals already, and then strings.ToUpper does not copy.
func (l *keyList) add(kind int, key string, line int) {
	h := maphash.String(l.seed, strings.ToUpper(key))
	l.keys = append(l.keys, listedKey{hash: h ^ uint64(kind), line: int32(line), kind: uint8(kind), key: key})
}

// duplicate returns the first key (by the line of its second appearance)
// that appears twice, with the line it first appeared on.
func (l *keyList) duplicate() (dup listedKey, first int, found bool) {
	slices.SortFunc(l.keys, func(a, b listedKey) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.line, b.line))
	})
	for i := 1; i < len(l.keys); i++ {
		if l.keys[i].hash != l.keys[i-1].hash {
			continue
		}
		// Keys sharing a hash: compare each with those before it.
		for j := i - 1; j >= 0 && l.keys[j].hash == l.keys[i].hash; j-- {
			a, b := l.keys[j], l.keys[i]
			if a.kind == b.kind && strings.EqualFold(a.key, b.key) && (!found || b.line < dup.line) {
				dup, first, found = b, int(a.line), true
			}
		}
	}
	return dup, first, found
}
