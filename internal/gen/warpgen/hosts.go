package warpgen

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
)

// The benign side of generated logs: the sites a council's staff visit all
// day, a long tail of smaller ones, paths and users.

var genPopular = []string{
	"www.gov.uk", "www.bbc.co.uk", "login.microsoftonline.com", "outlook.office365.com",
	"www.google.com", "fonts.googleapis.com", "www.gstatic.com", "update.googleapis.com",
	"teams.microsoft.com", "graph.microsoft.com", "www.youtube.com", "i.ytimg.com",
	"www.linkedin.com", "static.licdn.com", "www.amazon.co.uk", "m.media-amazon.com",
	"www.facebook.com", "static.xx.fbcdn.net", "www.theguardian.com", "assets.guim.co.uk",
	"www.nhs.uk", "www.royalmail.com", "www.london.gov.uk", "www.metoffice.gov.uk",
	"cdn.jsdelivr.net", "ajax.googleapis.com", "code.jquery.com", "en.wikipedia.org",
	"upload.wikimedia.org", "github.com", "api.github.com", "raw.githubusercontent.com",
	"slack.com", "us02web.zoom.us", "www.dropbox.com", "ocsp.digicert.com",
	"crl.globalsign.com", "ctldl.windowsupdate.com", "settings-win.data.microsoft.com", "www.bing.com",
	"clients4.google.com", "safebrowsing.googleapis.com", "www.ebay.co.uk", "www.rightmove.co.uk",
	"www.tesco.com", "www.hmrc.gov.uk", "www.ncsc.gov.uk", "acrobat.adobe.com",
	"swscan.apple.com", "www.servicenow.com", "www.zendesk.com", "www.sky.com",
}

var genWords = []string{
	"city", "park", "green", "north", "west", "shop", "news", "tech", "cloud", "data",
	"web", "mail", "home", "garden", "motor", "travel", "sport", "music", "photo", "food",
	"river", "bridge", "market", "school", "health", "local", "council", "press", "media", "store",
}

var genBenignTLDs = []string{"com", "co.uk", "org.uk", "net", "org", "uk", "io"}

// isSyllableLabel reports whether a label has the shape of a generated
// indicator's (consonant-vowel syllables, maybe two joined by a hyphen);
// the registered labels of benign names never do, which a test checks.
func isSyllableLabel(l string) bool {
	for _, w := range strings.Split(l, "-") {
		if len(w) < 2 || len(w)%2 == 1 {
			return false
		}
		for i := 0; i < len(w); i += 2 {
			if strings.IndexByte(consonants, w[i]) < 0 || strings.IndexByte(vowels, w[i+1]) < 0 {
				return false
			}
		}
	}
	return true
}

// genLongTail makes n host names of smaller sites.
func genLongTail(rng *rand.Rand, n int) []string {
	out := make([]string, n)
	prefixes := []string{"www.", "", "static.", "img.", "api.", "www."}
	for i := range out {
		label := genWords[rng.IntN(len(genWords))] + genWords[rng.IntN(len(genWords))]
		if rng.IntN(3) == 0 || isSyllableLabel(label) {
			label += strconv.Itoa(rng.IntN(400))
		}
		out[i] = prefixes[rng.IntN(len(prefixes))] + label + "." + genBenignTLDs[rng.IntN(len(genBenignTLDs))]
	}
	return out
}

var (
	genExts  = []string{".html", ".js", ".css", ".png", ".jpg", "", ".json", ".php", ".svg", ".woff2"}
	genTypes = map[string]string{
		".html": "text/html", ".js": "application/javascript", ".css": "text/css", ".png": "image/png",
		".jpg": "image/jpeg", "": "text/html", ".json": "application/json", ".php": "text/html",
		".svg": "image/svg+xml", ".woff2": "font/woff2",
	}
	genUsers = []string{"jsmith", "a.patel", "k.okafor", "m.jones", "s.begum", "d.wright", "l.chen", "r.evans"}
)

// genPath is a path, sometimes with a query, about 30 to 80 bytes long,
// and its content type.
func genPath(rng *rand.Rand) (string, string) {
	var b strings.Builder
	for range 1 + rng.IntN(3) {
		b.WriteByte('/')
		b.WriteString(genWords[rng.IntN(len(genWords))])
		if rng.IntN(2) == 0 {
			b.WriteByte('-')
			b.WriteString(genWords[rng.IntN(len(genWords))])
		}
	}
	ext := genExts[rng.IntN(len(genExts))]
	b.WriteByte('/')
	b.WriteString(genWords[rng.IntN(len(genWords))])
	b.WriteString(strconv.Itoa(rng.IntN(100000)))
	b.WriteString(ext)
	switch rng.IntN(4) {
	case 0:
		b.WriteString("?id=")
		b.WriteString(strconv.Itoa(rng.IntN(1000000)))
		b.WriteString("&ref=home")
	case 1:
		b.WriteString("?v=1.")
		b.WriteString(strconv.Itoa(rng.IntN(40)))
		b.WriteString(".2")
	}
	return b.String(), genTypes[ext]
}

// benignServer is the address a benign host resolves to: stable per host,
// inside the first octets indicators never use.
func benignServer(host string) string {
	h := hostHash(host)
	o := benignOctets[h%uint32(len(benignOctets))]
	return strconv.Itoa(int(o)) + "." + strconv.Itoa(int(h>>8&0xff)) + "." + strconv.Itoa(int(h>>16&0xff)) + "." + strconv.Itoa(int(h>>24&0xff))
}

// hostHash is FNV-1a of the lower-cased name: any stable spread would do,
// and this one keeps the addresses the generator wrote when it lived in
// package warp and used the matcher's hash.
func hostHash(host string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(host)))
	return h.Sum32()
}
