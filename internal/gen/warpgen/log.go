package warpgen

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// LogStyle is the shape of a generated log.
type LogStyle string

const (
	ProxyLog    LogStyle = "proxy"    // squid native access.log, about 160 bytes a line
	DNSLog      LogStyle = "dns"      // BIND query log
	FirewallLog LogStyle = "firewall" // iptables (UFW) packet log through syslog
	ProxyCSV    LogStyle = "csv"      // the proxy's fields as CSV, with a header line
	ProxyJSON   LogStyle = "json"     // the proxy's fields as JSON lines, slashes escaped as \/
)

// LogStyles lists the styles Log writes.
var LogStyles = []LogStyle{ProxyLog, DNSLog, FirewallLog, ProxyCSV, ProxyJSON}

// LogSpec says what Log writes.
type LogSpec struct {
	Style LogStyle // ProxyLog when empty
	Lines int
	Seed  int64
	// Indicators are what hit lines name: domains (often as a subdomain),
	// addresses, an address inside each network, hashes in paths, URLs,
	// e-mail addresses as the proxy user. A style uses the types it can
	// carry: DNS logs only names, firewall logs only addresses.
	Indicators []warp.Indicator
	HitShare   float64 // share of lines that name an indicator, 0 to 1
	// NearMisses is the share of lines with look-alikes that must not hit:
	// a name glued to another label ("my" + domain), an address inside a
	// longer dotted number, a hash inside a longer hex run.
	NearMisses float64
	Start      time.Time // time of the first line; 2026-11-22 08:00 UTC when zero
}

// Log writes spec.Lines lines, the same for the same spec.
func Log(w io.Writer, spec LogSpec) error {
	if spec.Style == "" {
		spec.Style = ProxyLog
	}
	usable := func(warp.Type) bool { return true }
	switch spec.Style {
	case ProxyLog, ProxyCSV, ProxyJSON:
	case DNSLog:
		usable = func(t warp.Type) bool { return t == warp.Domain || t == warp.URL || t == warp.Email }
	case FirewallLog:
		usable = func(t warp.Type) bool { return t == warp.IPv4 || t == warp.IPv6 || t == warp.CIDR }
	default:
		return fmt.Errorf("generate log: unknown style %q (want proxy, dns, firewall, csv or json)", spec.Style)
	}
	if spec.HitShare < 0 || spec.NearMisses < 0 || spec.HitShare+spec.NearMisses > 1 {
		return fmt.Errorf("generate log: hit share %v and near misses %v must be shares between 0 and 1", spec.HitShare, spec.NearMisses)
	}
	g := &logGen{rng: rand.New(rand.NewPCG(uint64(spec.Seed), 0x5851f42d4c957f2d)), spec: spec}
	for _, in := range spec.Indicators {
		if usable(in.Type) {
			g.targets = append(g.targets, in)
		}
	}
	g.tail = genLongTail(g.rng, 20000)
	g.t = spec.Start
	if g.t.IsZero() {
		g.t = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if spec.Style == ProxyCSV {
		bw.WriteString("time,elapsed_ms,client,result,status,bytes,method,url,user,hierarchy,server,content_type\n")
	}
	var line []byte
	for range spec.Lines {
		ev := g.event()
		line = g.render(line[:0], ev)
		if _, err := bw.Write(line); err != nil {
			return fmt.Errorf("generate log: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("generate log: %w", err)
	}
	return nil
}

type logGen struct {
	rng     *rand.Rand
	spec    LogSpec
	targets []warp.Indicator
	tail    []string
	t       time.Time
}

// event is one request (or query, or packet) before it is written in a
// style.
type event struct {
	t              time.Time
	client, server string // server: an address, or "-"
	method, scheme string
	host, path     string // host: a name or an address ("[v6]" in URLs)
	url            string // when set, the whole URL, overriding the above
	user, ctype    string
	status, bytes  int
	elapsed        int
	result         string
	v6             bool
}

func (g *logGen) event() event {
	r := g.rng
	g.t = g.t.Add(time.Duration(r.IntN(2000)) * time.Microsecond)
	ev := event{
		t:       g.t,
		client:  fmt.Sprintf("10.%d.%d.%d", 20+r.IntN(8), r.IntN(256), 1+r.IntN(254)),
		method:  "GET",
		scheme:  "https",
		user:    "-",
		status:  200,
		bytes:   200 + r.IntN(80000),
		elapsed: 5 + r.IntN(900),
		result:  "TCP_MISS",
	}
	if r.IntN(10) < 6 {
		ev.host = genPopular[min(r.IntN(len(genPopular)), r.IntN(len(genPopular)))]
	} else {
		ev.host = g.tail[r.IntN(len(g.tail))]
	}
	ev.path, ev.ctype = genPath(r)
	switch k := r.IntN(20); {
	case k < 5:
		ev.method, ev.result, ev.path, ev.ctype = "CONNECT", "TCP_TUNNEL", "", "-"
	case k < 7:
		ev.result = "TCP_HIT"
	case k == 7:
		ev.status = 304
	case k == 8:
		ev.method = "POST"
	case k == 9:
		ev.scheme = "http"
	}
	if r.IntN(3) == 0 {
		ev.user = genUsers[r.IntN(len(genUsers))]
	}
	ev.server = benignServer(ev.host)
	switch x := r.Float64(); {
	case len(g.targets) == 0:
	case x < g.spec.HitShare:
		g.hit(&ev, g.targets[r.IntN(len(g.targets))])
	case x < g.spec.HitShare+g.spec.NearMisses:
		g.nearMiss(&ev, g.targets[r.IntN(len(g.targets))])
	}
	return ev
}

// hit makes the event name the indicator.
func (g *logGen) hit(ev *event, in warp.Indicator) {
	r := g.rng
	switch in.Type {
	case warp.Domain:
		ev.host = in.Value
		if r.IntN(2) == 0 {
			ev.host = genSubLabels[r.IntN(len(genSubLabels))] + "." + in.Value
		}
		if r.IntN(10) == 0 {
			ev.host = strings.ToUpper(ev.host)
		}
	case warp.URL:
		ev.url, ev.method = in.Value, "GET"
		ev.host = in.Host()
	case warp.Email:
		ev.user = in.Value
		_, ev.host, _ = strings.Cut(in.Value, "@")
	case warp.IPv4, warp.IPv6:
		g.atAddress(ev, netip.MustParseAddr(in.Value))
	case warp.CIDR:
		p := netip.MustParsePrefix(in.Value)
		g.atAddress(ev, randomIn(r, p))
	case warp.MD5, warp.SHA1, warp.SHA256:
		h := in.Value
		if r.IntN(4) == 0 {
			h = strings.ToUpper(h)
		}
		if ev.method == "CONNECT" {
			ev.method, ev.result, ev.ctype = "GET", "TCP_MISS", "application/octet-stream"
		}
		ev.path = "/download/" + h + ".exe"
	}
}

func (g *logGen) atAddress(ev *event, a netip.Addr) {
	ev.server, ev.v6 = a.String(), a.Is6()
	ev.host = ev.server
	if ev.v6 {
		ev.host = "[" + ev.server + "]"
	}
}

// randomIn is a random address inside p.
func randomIn(r *rand.Rand, p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	var x [16]byte
	binary.BigEndian.PutUint64(x[:8], r.Uint64())
	binary.BigEndian.PutUint64(x[8:], r.Uint64())
	for i := range b {
		keep := max(0, min(8, p.Bits()-8*i)) // leading bits of this byte the network fixes
		mask := byte(0xff << (8 - keep))
		b[i] = b[i]&mask | x[i]&^mask
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// nearMiss makes the event carry a look-alike of the indicator.
func (g *logGen) nearMiss(ev *event, in warp.Indicator) {
	switch in.Type {
	case warp.Domain:
		ev.host = "my" + in.Value
	case warp.IPv4:
		ev.path = "/v/" + in.Value + ".5/status"
	case warp.MD5, warp.SHA1, warp.SHA256:
		ev.path = "/blob/" + in.Value + "0"
	case warp.URL:
		ev.url = in.Value + "x"
	}
}
