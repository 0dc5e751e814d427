package warpsvc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/warp"
)

// maxListLine bounds one line of a plain feed: an indicator is at most a
// URL of 8 KiB, so a longer line is not a feed.
const maxListLine = 1 << 20

// readList reads a plain feed: one indicator a line, its type worked out
// from the value (or given first, as in "domain,evil.example"), blank
// lines and # comments ignored, a header line allowed. A line that is not
// an indicator refuses the whole file, naming the line, unless skipBad;
// then it is reported instead.
func readList(r io.Reader, file string, skipBad bool) (values []NewIndicator, skipped []string, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxListLine)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if i := strings.Index(text, " #"); i >= 0 {
			text = strings.TrimSpace(text[:i])
		}
		if text == "" || text[0] == '#' || strings.HasPrefix(text, "//") {
			continue
		}
		fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\t' || r == ' ' })
		if len(fields) == 0 {
			continue
		}
		n := NewIndicator{Value: strings.Trim(fields[0], `"'`)}
		if len(fields) > 1 {
			if _, err := warp.ParseType(fields[0]); err == nil {
				n = NewIndicator{Type: fields[0], Value: strings.Trim(fields[1], `"'`)}
			}
		}
		_, err := checkOne(n)
		if bad := reader.BadUTF8(text); bad != "" {
			err = errors.New(bad) // which Detect would read as an address with U+FFFD in it
		}
		if err != nil {
			if line == 1 && looksLikeHeader(text) {
				continue
			}
			msg := fmt.Sprintf("%s: line %d: %v", file, line, err)
			if !skipBad {
				return nil, nil, invalid("file", "%s (give --skip-bad to leave such lines out)", msg)
			}
			skipped = append(skipped, msg)
			continue
		}
		values = append(values, n)
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return nil, nil, invalid("file", "%s: line %d is longer than %d KiB, the most a plain feed's line may be", file, line+1, maxListLine>>10)
	case err != nil:
		return nil, nil, invalid("file", "%s: line %d: %v", file, line+1, err)
	}
	return values, skipped, nil
}

func checkOne(n NewIndicator) (warp.Indicator, error) {
	if n.Type == "" {
		return warp.Detect(n.Value)
	}
	t, err := warp.ParseType(n.Type)
	if err != nil {
		return warp.Indicator{}, err
	}
	return warp.Parse(t, warp.Refang(n.Value))
}

func looksLikeHeader(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "indicator") || strings.Contains(s, "value") || strings.Contains(s, "type")
}
