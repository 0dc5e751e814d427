package store

import "strings"

// columnOfArg names the column a statement's i-th `?` fills, where the SQL
// says so plainly — a place in an INSERT's column list, or `column = ?`
// (or LIKE, <, >) — so the guard's refusal can name it as checkText does;
// "" where it cannot tell.
func columnOfArg(query string, i int) string {
	at := placeholderAt(query, i)
	if at < 0 {
		return ""
	}
	if cols, values := insertColumns(query); cols != nil && at > values {
		if pos, inside := tuplePosition(query[values:at]); inside {
			if pos < len(cols) {
				return cols[pos]
			}
			return ""
		}
	}
	before := strings.TrimRight(query[:at], " \t\r\n")
	upper := strings.ToUpper(before)
	for _, op := range []string{"<>", "!=", "<=", ">=", "=", "<", ">", " LIKE", " ILIKE"} {
		if strings.HasSuffix(upper, op) {
			return lastIdentifier(strings.TrimRight(before[:len(before)-len(op)], " \t\r\n"))
		}
	}
	return ""
}

// placeholderAt is the byte offset of the i-th (from 0) `?`, or -1.
func placeholderAt(query string, i int) int {
	for at := 0; at < len(query); at++ {
		if query[at] == '?' {
			if i == 0 {
				return at
			}
			i--
		}
	}
	return -1
}

// insertColumns reads `INSERT INTO t (a, b, …) VALUES`: the columns and the
// offset just past VALUES; nil when the statement is not of that form.
func insertColumns(query string) ([]string, int) {
	q := strings.TrimLeft(query, " \t\r\n")
	if !strings.HasPrefix(strings.ToUpper(q), "INSERT INTO") {
		return nil, 0
	}
	skipped := len(query) - len(q)
	open := strings.IndexByte(q, '(')
	end := strings.IndexByte(q, ')')
	if open < 0 || end < open {
		return nil, 0
	}
	rest := strings.TrimLeft(q[end+1:], " \t\r\n")
	if !strings.HasPrefix(strings.ToUpper(rest), "VALUES") {
		return nil, 0
	}
	var cols []string
	for _, c := range strings.Split(q[open+1:end], ",") {
		cols = append(cols, strings.TrimSpace(c))
	}
	return cols, skipped + len(q) - len(rest) + len("VALUES")
}

// tuplePosition counts the top-level commas of the VALUES tuple the text
// (from VALUES to a placeholder) ends inside; inside is false when it ends
// between tuples (an ON CONFLICT … WHERE clause).
func tuplePosition(s string) (pos int, inside bool) {
	depth, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
			if depth == 1 {
				pos = 0
			}
		case c == ')':
			depth--
		case c == ',' && depth == 1:
			pos++
		}
	}
	return pos, depth >= 1
}

// lastIdentifier is the column name ending s (`t.title` gives title).
func lastIdentifier(s string) string {
	end := len(s)
	start := end
	for start > 0 {
		c := s[start-1]
		if c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			start--
			continue
		}
		break
	}
	name := s[start:end]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	return strings.ToLower(name)
}
