package store

// StartsWith and PrefixBounds let the plan test ask the search's own
// "starts with" condition of each engine.
func (s *Store) StartsWith(expr string) string { return s.startsWith(expr) }

func PrefixBounds(p string) (string, string) { return prefixBounds(p) }
