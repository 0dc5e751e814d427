package store

import "strings"

// likeEscape is the ESCAPE clause every LIKE on a user's search term
// carries, written once so the engines agree: with it, SQLite and
// PostgreSQL both read \% and \_ as the characters themselves and \\ as one
// backslash. PostgreSQL's default escape is already \, SQLite has none.
const likeEscape = ` ESCAPE '\'`

// containing is the LIKE pattern that matches text containing term as it
// was typed: %, _ and \ in it match only themselves, so a search for "50%"
// or "a_b" is not a wildcard.
func containing(term string) string {
	return "%" + likeEscaper.Replace(term) + "%"
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
