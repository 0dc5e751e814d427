package taxii_test

import (
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/taxii"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// bombHead opens an envelope whose one indicator's pattern runs on for
// as long as the bomb's fill.
const bombHead = `{"objects":[{"type":"indicator","spec_version":"2.1","id":"` + postedIndicator + `",` +
	`"created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z","pattern_type":"stix",` +
	`"valid_from":"2026-03-01T10:00:00Z","pattern":"[domain-name:value = '`

// twoLetters is n bytes of a and b, gzipped: a random MiB of them
// repeated, which compresses about 7 times (gzip looks back only 32 KB),
// well within the ratio.
func twoLetters(head string, n int) string {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	zw.Write([]byte(head))
	rnd := rand.New(rand.NewPCG(1, 2))
	chunk := make([]byte, 1<<20)
	for i := 0; i < len(chunk); i += 64 {
		bits := rnd.Uint64()
		for j := range 64 {
			chunk[i+j] = 'a' + byte(bits>>j&1)
		}
	}
	for ; n > 0; n -= len(chunk) {
		zw.Write(chunk[:min(n, len(chunk))])
	}
	zw.Close()
	return b.String()
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

// Each bomb posted to the add-objects endpoint is refused before anything
// decodes it, with the TAXII status the specification gives and a message
// naming the limit; nothing is added and nothing is audited. A gzip-encoded
// envelope within the bounds is taken.
func TestAddObjectsRefusesBombs(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		col := w.collection(warp.Amber) + "objects/"
		token := w.tokens["ashcombe"]
		entries := func() int {
			e, err := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			return len(e)
		}
		indicators := func() int {
			ins, err := w.svc.Indicators(ctx, w.as("ashcombe"), warpsvc.IndicatorQuery{})
			if err != nil {
				t.Fatal(err)
			}
			return len(ins)
		}
		before, held := entries(), indicators()
		for _, c := range []struct {
			name, body, encoding string
			status               int
			want                 string
		}{
			{"300 MiB pattern in a gzip", string(boundedtest.GzipBomb(bombHead, 'a', 300<<20)), "gzip", http.StatusRequestEntityTooLarge, "the compression ratio limit is 100"},
			{"300 KB pattern", bombHead + strings.Repeat("a", 300<<10) + "']\"}]}", "", http.StatusUnprocessableEntity,
				"$.objects[0].pattern holds a string of 307"},
			{"300 KB pattern, limit", bombHead + strings.Repeat("a", 300<<10) + "']\"}]}", "", http.StatusUnprocessableEntity, "the string length limit is 256 KiB"},
			{"100,000 [", `{"objects":` + strings.Repeat("[", 100_000), "", http.StatusUnprocessableEntity, "the nesting depth limit is 32 levels"},
			{"expands past max_content_length", twoLetters(`{"objects":[{"x":"`, taxii.MaxContentLength), "gzip", http.StatusRequestEntityTooLarge, "gzipped or not"},
			{"brotli", gzipped(postedEnvelope), "br", http.StatusUnsupportedMediaType, "not br"},
		} {
			res := w.send(t, "POST", token, col, c.body, "Content-Encoding", c.encoding)
			var e struct {
				Title, Description string
				HTTPStatus         string `json:"http_status"`
			}
			res.json(t, &e)
			if res.status != c.status || e.HTTPStatus != strconv.Itoa(c.status) || !strings.Contains(e.Description, c.want) || len(res.body) > 600 {
				t.Errorf("%s: %d %.600s; want %d naming %q", c.name, res.status, res.body, c.status, c.want)
			}
		}
		if n := indicators(); n != held {
			t.Errorf("refused envelopes left %d indicators, want %d", n, held)
		}
		if n := entries(); n != before {
			t.Errorf("refused envelopes wrote %d audit entries", n-before)
		}
		if res := w.send(t, "POST", token, col, gzipped(postedEnvelope), "Content-Encoding", "gzip"); res.status != http.StatusAccepted {
			t.Errorf("a gzip-encoded envelope: %d %s", res.status, res.body)
		}
	})
}
