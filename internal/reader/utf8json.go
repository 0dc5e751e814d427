package reader

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// BadUTF8JSON finds the first byte of a JSON text that is not valid UTF-8:
// its offset in raw, the path of the value holding it (".name", "[2].mail",
// to follow the caller's own path) and why it is refused; off is -1 when
// the text is valid. encoding/json would quietly turn such bytes into
// U+FFFD, changing the names an admin sees; the readers refuse them
// instead, as the CSV readers do, naming where they are.
func BadUTF8JSON(raw []byte) (off int, path, reason string) {
	if utf8.Valid(raw) {
		return -1, "", ""
	}
	for off < len(raw) {
		r, n := utf8.DecodeRune(raw[off:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		off += n
	}
	return off, JSONPathAt(raw, off), fmt.Sprintf("is not valid UTF-8 text (byte 0x%02X); save the export as UTF-8", raw[off])
}

// JSONPathAt is the path within the JSON text raw of the innermost value
// (or key) holding the byte at off: ".users[3].displayName", or "" for the
// text as a whole. raw is taken to be well-formed; what follows a flaw is
// not read.
func JSONPathAt(raw []byte, off int) string {
	type frame struct {
		object bool
		key    string
		index  int
	}
	var stack []frame
	path := func() string {
		b := make([]byte, 0, 32)
		for _, f := range stack {
			if f.object {
				b = append(b, '.')
				b = append(b, f.key...)
			} else {
				b = append(b, '[')
				b = strconv.AppendInt(b, int64(f.index), 10)
				b = append(b, ']')
			}
		}
		return string(b)
	}
	wantKey := false
	for i := 0; i < len(raw) && i <= off; i++ {
		switch raw[i] {
		case '{':
			stack = append(stack, frame{object: true})
			wantKey = true
		case '[':
			stack = append(stack, frame{})
			wantKey = false
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					wantKey = true
				} else {
					stack[n-1].index++
				}
			}
		case ':':
			wantKey = false
		case '"':
			end := i + 1
			for end < len(raw) && raw[end] != '"' {
				if raw[end] == '\\' {
					end++
				}
				end++
			}
			if n := len(stack); wantKey && n > 0 {
				var key string
				if json.Unmarshal(raw[i:min(end+1, len(raw))], &key) != nil {
					key = string(raw[i+1 : min(end, len(raw))])
				}
				stack[n-1].key = key
			}
			if off <= end {
				return path()
			}
			i = end
		}
	}
	return path()
}
