package inventory

import "testing"

func TestKeyList(t *testing.T) {
	l := newKeyList()
	l.add(0, "5CG2301ABC", 2)
	l.add(2, "5CG2301ABC", 3) // a name like a serial is another key
	l.add(0, "OTHER", 4)
	l.add(0, "other", 12)
	l.add(0, "5cg2301abc", 9)
	dup, first, found := l.duplicate()
	if !found || dup.key != "5cg2301abc" || dup.line != 9 || first != 2 {
		t.Errorf("got %+v first %d found %v; want 5cg2301abc on line 9, first on 2", dup, first, found)
	}
	// Two different keys that share a hash are not duplicates.
	l = newKeyList()
	l.keys = append(l.keys, listedKey{hash: 7, line: 2, key: "A"}, listedKey{hash: 7, line: 3, key: "B"})
	if dup, _, found := l.duplicate(); found {
		t.Errorf("a hash collision is reported as duplicate %+v", dup)
	}
}
