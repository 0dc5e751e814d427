package posture

import (
	"errors"
	"fmt"
	"strings"
)

// OSRelease is an operating system version reduced to what vendor support is
// tracked by: a build for Windows, a major version elsewhere.
type OSRelease struct {
	Family  OSFamily
	Channel string // Windows only: "" for the general channel, "ltsc" or "server"
	Build   int    // Windows only: 19045 for Windows 10 22H2
	Major   int    // macOS, iOS, iPadOS, Android: 14 for macOS Sonoma, 10 for macOS 10.x
	Minor   int    // macOS 10.x only: 15 for Catalina
	HomePro bool   // Windows: the version names a Home or Pro edition, which Microsoft supports for less time
}

// Windows channels.
const (
	ChannelLTSC   = "ltsc"
	ChannelServer = "server"
)

// The parser's errors are fixed values so that evaluating a device with an
// unreadable version allocates nothing.
var (
	errNotTracked = errors.New("ward keeps no end-of-support dates for this operating system")
	errNoVersion  = errors.New("no version number found")
	errAmbiguous  = errors.New("the release is both a Windows 10 and a Windows 11 release: give the build number (10.0.x) or name the product")
	errNoRelease  = errors.New("not a Windows release ward knows: give the build number (10.0.x) or the release (22H2)")
)

// ParseOSVersion reads a version as sources write it: "10.0.19045.4046",
// "Microsoft Windows 11 Pro 10.0.22631", "Windows 10 22H2", "Windows Server
// 2019", "14.4.1", "macOS Sonoma 14.4", "Android 12L". Windows versions
// naming Home or Pro set HomePro; LTSC or LTSB set the LTSC channel.
func ParseOSVersion(family OSFamily, version string) (OSRelease, error) {
	r, err := parseOS(family, version, false)
	if err != nil {
		return r, fmt.Errorf("%s version %q: %w", family, version, err)
	}
	return r, nil
}

// parseOS is ParseOSVersion without the allocation of a wrapped error.
// serverHint says the device is a server, so a bare Windows build is a
// Windows Server build (Server 2019 and Windows 10 1809 share 17763).
func parseOS(family OSFamily, version string, serverHint bool) (OSRelease, error) {
	switch family {
	case Windows:
		return parseWindows(version, serverHint)
	case MacOS, IOS, IPadOS, Android:
		return parseMajor(family, version)
	}
	return OSRelease{Family: family}, errNotTracked
}

func parseWindows(s string, serverHint bool) (OSRelease, error) {
	r := OSRelease{Family: Windows}
	var server, ltsc, homePro, enterprise, r2 bool
	var build, product, feature, four int
	for i := 0; i < len(s); {
		var tok string
		tok, i = nextToken(s, i)
		if tok == "" {
			continue
		}
		if p, n, ok := parseDotted(tok); ok {
			switch {
			case n >= 3 && p[0] == 10 && p[1] == 0:
				build = p[2]
			case n >= 3 && p[0] == 6:
				build = p[2]
			case n == 2 && p[0] == 6:
				build = [4]int{6002, 7601, 9200, 9600}[min(p[1], 3)]
			case n == 2 && p[0] == 8 && p[1] == 1:
				product = 81
			case n <= 2 && p[0] >= 10000 && p[0] < 100000:
				build = p[0] // "19045" or "19045.4046"
			case n == 1 && (p[0] == 7 || p[0] == 8 || p[0] == 10 || p[0] == 11):
				product = p[0]
			case n == 1 && p[0] >= 1500 && p[0] <= 2099:
				four = p[0] // a release like 1909, or a Server or LTSC year
			}
			continue
		}
		if code, ok := halfYear(tok); ok {
			feature = code
			continue
		}
		switch {
		case strings.EqualFold(tok, "server"):
			server = true
		case strings.EqualFold(tok, "ltsc"), strings.EqualFold(tok, "ltsb"):
			ltsc = true
		case strings.EqualFold(tok, "home"), strings.EqualFold(tok, "pro"), strings.EqualFold(tok, "professional"), strings.EqualFold(tok, "workstations"):
			homePro = true
		case strings.EqualFold(tok, "enterprise"):
			enterprise = true
		case strings.EqualFold(tok, "r2"):
			r2 = true
		}
	}
	r.HomePro = homePro && !enterprise
	switch {
	case server:
		r.Channel = ChannelServer
	case ltsc:
		r.Channel = ChannelLTSC
		r.HomePro = false
	}
	if build > 0 {
		if r.Channel == "" && serverHint {
			r.Channel = ChannelServer
		}
		r.Build = build
		return r, nil
	}
	switch r.Channel {
	case ChannelServer:
		if four > 0 {
			code := four * 10
			if r2 {
				code++
			}
			r.Build = windowsBuilds[relKey{ChannelServer, 0, code}]
		}
	case ChannelLTSC:
		if four > 0 {
			r.Build = windowsBuilds[relKey{ChannelLTSC, 0, four * 10}]
		}
	default:
		code := feature
		if code == 0 {
			code = four
		}
		switch {
		case code > 0 && (product == 10 || product == 11):
			r.Build = windowsBuilds[relKey{"", product, code}]
		case code > 0:
			b10, b11 := windowsBuilds[relKey{"", 10, code}], windowsBuilds[relKey{"", 11, code}]
			if b10 > 0 && b11 > 0 {
				return r, errAmbiguous
			}
			r.Build = max(b10, b11)
		case product > 0:
			r.Build = windowsBuilds[relKey{"", product, 0}]
		}
	}
	if r.Build == 0 {
		return r, errNoRelease
	}
	return r, nil
}

// macOS names, for sources that give the name without the number.
var macNames = []struct {
	name         string
	major, minor int
}{
	{"tahoe", 26, 0}, {"sequoia", 15, 0}, {"sonoma", 14, 0}, {"ventura", 13, 0}, {"monterey", 12, 0},
	{"sur", 11, 0}, {"catalina", 10, 15}, {"mojave", 10, 14},
}

func parseMajor(family OSFamily, s string) (OSRelease, error) {
	r := OSRelease{Family: family}
	for i := 0; i < len(s) && r.Major == 0; {
		var tok string
		tok, i = nextToken(s, i)
		if tok == "" {
			continue
		}
		if p, n, ok := parseDotted(tok); ok {
			if p[0] > 0 && p[0] < 100 {
				r.Major = p[0]
				if family == MacOS && p[0] == 10 && n >= 2 {
					r.Minor = p[1]
				}
			}
			continue
		}
		// Android 12L is 12 for support.
		if family == Android && len(tok) >= 2 && (tok[len(tok)-1] == 'l' || tok[len(tok)-1] == 'L') {
			if p, n, ok := parseDotted(tok[:len(tok)-1]); ok && n == 1 && p[0] > 0 && p[0] < 100 {
				r.Major = p[0]
			}
			continue
		}
		if family == MacOS {
			for _, m := range macNames {
				if strings.EqualFold(tok, m.name) {
					r.Major, r.Minor = m.major, m.minor
				}
			}
		}
	}
	if r.Major == 0 {
		return r, errNoVersion
	}
	if family == MacOS && r.Major == 10 && r.Minor == 0 {
		return r, errNoVersion // "10" alone says nothing about which macOS 10.x
	}
	return r, nil
}

// nextToken returns the run of ASCII letters, digits and dots starting at or
// after i, and the index after it.
func nextToken(s string, i int) (string, int) {
	for i < len(s) && !tokenByte(s[i]) {
		i++
	}
	start := i
	for i < len(s) && tokenByte(s[i]) {
		i++
	}
	return s[start:i], i
}

func tokenByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.'
}

// parseDotted reads up to four dot-separated whole numbers ("10.0.19045.4046").
// Components past the fourth are ignored; a component over nine digits, an
// empty component or any other character makes it not a number.
func parseDotted(tok string) (parts [4]int, n int, ok bool) {
	if tok == "" || tok[0] == '.' {
		return parts, 0, false
	}
	digits := 0
	for i := 0; i <= len(tok); i++ {
		if i == len(tok) || tok[i] == '.' {
			if digits == 0 {
				return parts, 0, false
			}
			n++
			digits = 0
			continue
		}
		c := tok[i]
		if c < '0' || c > '9' {
			return parts, 0, false
		}
		digits++
		if digits > 9 {
			return parts, 0, false
		}
		if n < len(parts) {
			parts[n] = parts[n]*10 + int(c-'0')
		}
	}
	return parts, n, true
}

// halfYear reads a Windows release like "22H2" as the code 2202.
func halfYear(tok string) (int, bool) {
	if len(tok) != 4 || !isDigit(tok[0]) || !isDigit(tok[1]) || (tok[2] != 'h' && tok[2] != 'H') || (tok[3] != '1' && tok[3] != '2') {
		return 0, false
	}
	return int(tok[0]-'0')*1000 + int(tok[1]-'0')*100 + int(tok[3]-'0'), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
