package posture

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// OSSupport is what ward's end-of-support table says of one release.
type OSSupport struct {
	Name       string    // "Windows 10 22H2", "macOS 14 Sonoma"
	End        time.Time // first day without security updates; zero when not announced
	EndHomePro time.Time // Windows Home and Pro editions, where they end sooner; else zero
	Expected   time.Time // an estimate of End when it was not announced; zero otherwise
	ESU        bool      // the org may extend it with Extended Security Updates
}

//go:embed oslifecycle.json
var osLifecycleJSON []byte

// osKey identifies a row of the table: a Windows build on a channel, or a
// major (and for macOS 10.x, minor) version. All fields are comparable
// without allocating, since every device looks one up.
type osKey struct {
	family       OSFamily
	channel      string
	build        int
	major, minor int
}

// relKey finds the build of a named Windows release: product 10 or 11 and a
// release code (2202 for 22H2, 1909), or a Server or LTSC year times ten
// (plus one for R2).
type relKey struct {
	channel string
	product int
	code    int
}

var (
	osAsOf        time.Time
	osTable       map[osKey]*OSSupport
	osFloor       map[osKey]osKey // line (family and channel) → its oldest row with an end
	windowsBuilds map[relKey]int
)

func init() {
	if err := loadOSTable(osLifecycleJSON); err != nil {
		panic("posture: oslifecycle.json: " + err.Error())
	}
}

func loadOSTable(data []byte) error {
	var raw struct {
		AsOf     string `json:"as_of"`
		Releases []struct {
			Family      string `json:"family"`
			Product     string `json:"product"`
			Release     string `json:"release"`
			Build       int    `json:"build"`
			Version     string `json:"version"`
			Name        string `json:"name"`
			End         string `json:"end"`
			EndHomePro  string `json:"end_home_pro"`
			ExpectedEnd string `json:"expected_end"`
			ESU         bool   `json:"esu"`
		} `json:"releases"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	asOf, err := time.Parse(time.DateOnly, raw.AsOf)
	if err != nil {
		return fmt.Errorf("as_of: %w", err)
	}
	table := map[osKey]*OSSupport{}
	floor := map[osKey]osKey{}
	builds := map[relKey]int{}
	date := func(s string) (time.Time, error) {
		if s == "" {
			return time.Time{}, nil
		}
		return time.Parse(time.DateOnly, s)
	}
	for i, r := range raw.Releases {
		e := &OSSupport{Name: r.Name, ESU: r.ESU}
		var errs [3]error
		e.End, errs[0] = date(r.End)
		e.EndHomePro, errs[1] = date(r.EndHomePro)
		e.Expected, errs[2] = date(r.ExpectedEnd)
		for _, err := range errs {
			if err != nil {
				return fmt.Errorf("release %d (%s): %w", i, r.Name, err)
			}
		}
		if r.Name == "" || (!e.End.IsZero() && !e.Expected.IsZero()) {
			return fmt.Errorf("release %d (%s): needs a name, and an end or an expected end but not both", i, r.Name)
		}
		var k osKey
		switch r.Family {
		case "windows", "windows-ltsc", "windows-server":
			k = osKey{family: Windows, channel: strings.TrimPrefix(strings.TrimPrefix(r.Family, "windows"), "-"), build: r.Build}
			if r.Build <= 0 {
				return fmt.Errorf("release %d (%s): no build", i, r.Name)
			}
			rk, err := releaseKey(k.channel, r.Product, r.Release)
			if err != nil {
				return fmt.Errorf("release %d (%s): %w", i, r.Name, err)
			}
			if builds[rk] != 0 {
				return fmt.Errorf("release %d (%s): release repeated", i, r.Name)
			}
			builds[rk] = r.Build
		case "macos", "ios", "ipados", "android":
			p, n, ok := parseDotted(r.Version)
			if !ok || n > 2 || p[0] == 0 {
				return fmt.Errorf("release %d (%s): version %q", i, r.Name, r.Version)
			}
			k = osKey{family: OSFamily(r.Family), major: p[0]}
			if k.family == MacOS && p[0] == 10 {
				k.minor = p[1]
			}
		default:
			return fmt.Errorf("release %d (%s): family %q", i, r.Name, r.Family)
		}
		if table[k] != nil {
			return fmt.Errorf("release %d (%s): repeated", i, r.Name)
		}
		table[k] = e
		// Only the general lines have floors: an LTSC or Server build older
		// than the table's oldest may be a release the table leaves out.
		line := osKey{family: k.family, channel: k.channel}
		if k.channel == "" && !e.End.IsZero() {
			if old, ok := floor[line]; !ok || osLess(k, old) {
				floor[line] = k
			}
		}
	}
	osAsOf, osTable, osFloor, windowsBuilds = asOf, table, floor, builds
	return nil
}

func releaseKey(channel, product, release string) (relKey, error) {
	k := relKey{channel: channel}
	switch channel {
	case "":
		switch product {
		case "7", "8", "10", "11":
			fmt.Sscan(product, &k.product)
		case "8.1":
			k.product = 81
		default:
			return k, fmt.Errorf("product %q", product)
		}
		if release == "" {
			return k, nil
		}
		if code, ok := halfYear(release); ok {
			k.code = code
			return k, nil
		}
		if p, n, ok := parseDotted(release); ok && n == 1 {
			k.code = p[0]
			return k, nil
		}
	default:
		year, r2, _ := strings.Cut(release, " ")
		if p, n, ok := parseDotted(year); ok && n == 1 && (r2 == "" || r2 == "R2") {
			k.code = p[0] * 10
			if r2 != "" {
				k.code++
			}
			return k, nil
		}
	}
	return k, fmt.Errorf("release %q", release)
}

func osLess(a, b osKey) bool {
	if a.build != b.build {
		return a.build < b.build
	}
	if a.major != b.major {
		return a.major < b.major
	}
	return a.minor < b.minor
}

func (r OSRelease) key() osKey {
	return osKey{family: r.Family, channel: r.Channel, build: r.Build, major: r.Major, minor: r.Minor}
}

// LookupOS returns what the end-of-support table says of a release.
func LookupOS(r OSRelease) (OSSupport, bool) {
	e := osTable[r.key()]
	if e == nil {
		return OSSupport{}, false
	}
	return *e, true
}

// OSTableAsOf is the date ward's end-of-support table was last brought up to date.
func OSTableAsOf() time.Time { return osAsOf }
