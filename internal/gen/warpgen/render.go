package warpgen

import (
	"strconv"
	"strings"
)

// render appends the event as one line in the spec's style.
func (g *logGen) render(b []byte, ev event) []byte {
	switch g.spec.Style {
	case DNSLog:
		return g.renderDNS(b, ev)
	case FirewallLog:
		return g.renderFirewall(b, ev)
	case ProxyCSV:
		return renderCSV(b, ev)
	case ProxyJSON:
		return renderJSON(b, ev)
	}
	return renderSquid(b, ev)
}

func (ev event) fullURL() string {
	switch {
	case ev.url != "":
		return ev.url
	case ev.method == "CONNECT":
		return ev.host + ":443"
	}
	return ev.scheme + "://" + ev.host + ev.path
}

func (ev event) hierarchy() (string, string) {
	if ev.result == "TCP_HIT" {
		return "HIER_NONE", "-"
	}
	return "HIER_DIRECT", ev.server
}

// renderSquid writes squid's native access.log format: time, elapsed ms,
// client, result/status, bytes, method, URL, user, hierarchy/peer, type.
func renderSquid(b []byte, ev event) []byte {
	ms := ev.t.UnixMilli()
	b = strconv.AppendInt(b, ms/1000, 10)
	b = append(b, '.')
	b = append(b, byte('0'+ms/100%10), byte('0'+ms/10%10), byte('0'+ms%10))
	el := strconv.Itoa(ev.elapsed)
	b = append(b, "      "[:7-min(6, len(el))]...)
	b = append(b, el...)
	b = append(b, ' ')
	b = append(b, ev.client...)
	b = append(b, ' ')
	b = append(b, ev.result...)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(ev.status), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(ev.bytes), 10)
	b = append(b, ' ')
	b = append(b, ev.method...)
	b = append(b, ' ')
	b = append(b, ev.fullURL()...)
	b = append(b, ' ')
	b = append(b, ev.user...)
	h, peer := ev.hierarchy()
	b = append(b, ' ')
	b = append(b, h...)
	b = append(b, '/')
	b = append(b, peer...)
	b = append(b, ' ')
	b = append(b, ev.ctype...)
	return append(b, '\n')
}

// renderDNS writes a BIND query-log line for the event's host.
func (g *logGen) renderDNS(b []byte, ev event) []byte {
	b = ev.t.AppendFormat(b, "02-Jan-2006 15:04:05.000")
	b = append(b, " queries: info: client @0x7f3a2c"...)
	b = strconv.AppendUint(b, uint64(0x100000+g.rng.IntN(0xeffff)), 16)
	b = append(b, ' ')
	b = append(b, ev.client...)
	b = append(b, '#')
	b = strconv.AppendInt(b, int64(1024+g.rng.IntN(64000)), 10)
	b = append(b, " ("...)
	b = append(b, ev.host...)
	b = append(b, "): query: "...)
	b = append(b, ev.host...)
	b = append(b, []string{" IN A +E(0)K", " IN AAAA +E(0)K", " IN HTTPS +E(0)K"}[g.rng.IntN(3)]...)
	return append(b, " (10.0.0.53)\n"...)
}

// renderFirewall writes a UFW block line: the server as the source of an
// inbound packet to the client.
func (g *logGen) renderFirewall(b []byte, ev event) []byte {
	src, dst := ev.server, ev.client
	if !ev.v6 && g.rng.IntN(10) == 0 {
		src = "2a00:1450:4009:81" + strconv.FormatUint(uint64(g.rng.IntN(256)), 16) + "::200e"
		ev.v6 = true
	}
	if ev.v6 {
		dst = "fd00:10:20::" + strconv.FormatUint(uint64(1+g.rng.IntN(0xfffe)), 16)
	}
	b = ev.t.AppendFormat(b, "Jan _2 15:04:05")
	b = append(b, " fw01 kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:16:3e:12:34:56:00:16:3e:65:43:21:08:00 SRC="...)
	b = append(b, src...)
	b = append(b, " DST="...)
	b = append(b, dst...)
	b = append(b, " LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID="...)
	b = strconv.AppendInt(b, int64(g.rng.IntN(65536)), 10)
	b = append(b, " DF PROTO=TCP SPT=443 DPT="...)
	b = strconv.AppendInt(b, int64(1024+g.rng.IntN(64000)), 10)
	return append(b, " WINDOW=65535 RES=0x00 SYN URGP=0\n"...)
}

func renderCSV(b []byte, ev event) []byte {
	h, peer := ev.hierarchy()
	b = ev.t.AppendFormat(b, "2006-01-02T15:04:05.000Z")
	for _, f := range []string{strconv.Itoa(ev.elapsed), ev.client, ev.result, strconv.Itoa(ev.status),
		strconv.Itoa(ev.bytes), ev.method, ev.fullURL(), ev.user, h, peer, ev.ctype} {
		b = append(b, ',')
		if strings.ContainsAny(f, ",\"\n") {
			b = append(b, '"')
			b = append(b, strings.ReplaceAll(f, `"`, `""`)...)
			b = append(b, '"')
			continue
		}
		b = append(b, f...)
	}
	return append(b, '\n')
}

// renderJSON writes JSON the way PHP and Go encoders do: slashes escaped as
// \/ and &, <, > as \u escapes, so the matcher meets both.
func renderJSON(b []byte, ev event) []byte {
	h, peer := ev.hierarchy()
	b = append(b, `{"time":"`...)
	b = ev.t.AppendFormat(b, "2006-01-02T15:04:05.000Z")
	b = append(b, `","elapsed_ms":`...)
	b = strconv.AppendInt(b, int64(ev.elapsed), 10)
	b = append(b, `,"client":`...)
	b = jsonString(b, ev.client)
	b = append(b, `,"result":`...)
	b = jsonString(b, ev.result)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(ev.status), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, int64(ev.bytes), 10)
	for _, kv := range [][2]string{{"method", ev.method}, {"url", ev.fullURL()}, {"user", ev.user},
		{"hierarchy", h}, {"server", peer}, {"content_type", ev.ctype}} {
		b = append(b, `,"`...)
		b = append(b, kv[0]...)
		b = append(b, `":`...)
		b = jsonString(b, kv[1])
	}
	return append(b, "}\n"...)
}

func jsonString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '/', '"', '\\':
			b = append(b, '\\', c)
		case '&', '<', '>':
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
