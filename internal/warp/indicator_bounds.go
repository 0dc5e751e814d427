package warp

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxValueBytes bounds any indicator value as written. The longest kind is
// a URL, which may be at most 8 KiB (the matcher compares no longer URL);
// a domain is at most 253 characters, an e-mail address's local part 64,
// and a hash exactly its length. Anything longer is refused before it is
// parsed, stored or quoted, so one member cannot plant a value that every
// other member's listing and export must then carry.
const MaxValueBytes = maxURLBytes

// excerptBytes is how much of a refused value an error quotes.
const excerptBytes = 64

// excerpt quotes the start of a value for an error message: at most
// excerptBytes of it, cut on a character boundary, marked when cut.
func excerpt(s string) string {
	if len(s) <= excerptBytes {
		return strconv.Quote(s)
	}
	cut := excerptBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

func tooLong[T ~string](t T, value string) error {
	return fmt.Errorf("a %s value is at most %d bytes; %s is %d bytes", strings.TrimSpace(string(t)), MaxValueBytes, excerpt(value), len(value))
}
