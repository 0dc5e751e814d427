package posture

import (
	"testing"
	"time"
)

func TestParseOSVersion(t *testing.T) {
	cases := []struct {
		family  OSFamily
		version string
		want    OSRelease
	}{
		{Windows, "10.0.19045.4046", OSRelease{Family: Windows, Build: 19045}},
		{Windows, "10.0.19045", OSRelease{Family: Windows, Build: 19045}},
		{Windows, "10.0.22621.3155", OSRelease{Family: Windows, Build: 22621}},
		{Windows, "10.0.22631.3296", OSRelease{Family: Windows, Build: 22631}},
		{Windows, "10.0.26100.1", OSRelease{Family: Windows, Build: 26100}},
		{Windows, "10.0.22000.2777", OSRelease{Family: Windows, Build: 22000}},
		{Windows, "19045.4046", OSRelease{Family: Windows, Build: 19045}},
		{Windows, "Microsoft Windows 11 Pro 10.0.22631", OSRelease{Family: Windows, Build: 22631, HomePro: true}},
		{Windows, "Microsoft Windows 11 Enterprise 10.0.22631", OSRelease{Family: Windows, Build: 22631}},
		{Windows, "Windows 11 Pro Education 23H2", OSRelease{Family: Windows, Build: 22631, HomePro: true}},
		{Windows, "Windows 10 22H2", OSRelease{Family: Windows, Build: 19045}},
		{Windows, "windows 11 22h2", OSRelease{Family: Windows, Build: 22621}},
		{Windows, "23H2", OSRelease{Family: Windows, Build: 22631}}, // only Windows 11 had a 23H2
		{Windows, "1909", OSRelease{Family: Windows, Build: 18363}},
		{Windows, "Windows 10 Enterprise 2004", OSRelease{Family: Windows, Build: 19041}},
		{Windows, "6.1.7601", OSRelease{Family: Windows, Build: 7601}},
		{Windows, "Windows 8.1", OSRelease{Family: Windows, Build: 9600}},
		{Windows, "Windows 7 Professional", OSRelease{Family: Windows, Build: 7601, HomePro: true}},
		{Windows, "Windows 10 Enterprise LTSC 2021", OSRelease{Family: Windows, Channel: ChannelLTSC, Build: 19044}},
		{Windows, "Windows 10 Enterprise LTSC 10.0.17763", OSRelease{Family: Windows, Channel: ChannelLTSC, Build: 17763}},
		{Windows, "Windows Server 2019 Datacenter", OSRelease{Family: Windows, Channel: ChannelServer, Build: 17763}},
		{Windows, "Windows Server 2012 R2 Standard", OSRelease{Family: Windows, Channel: ChannelServer, Build: 9600}},
		{Windows, "Windows Server 2022 Standard 10.0.20348", OSRelease{Family: Windows, Channel: ChannelServer, Build: 20348}},
		{MacOS, "14.4.1", OSRelease{Family: MacOS, Major: 14}},
		{MacOS, "macOS Sonoma 14.4 (23E214)", OSRelease{Family: MacOS, Major: 14}},
		{MacOS, "Mac OS X 10.15.7", OSRelease{Family: MacOS, Major: 10, Minor: 15}},
		{MacOS, "Monterey", OSRelease{Family: MacOS, Major: 12}},
		{MacOS, "26.1", OSRelease{Family: MacOS, Major: 26}},
		{IOS, "iOS 17.4.1", OSRelease{Family: IOS, Major: 17}},
		{IPadOS, "18.0", OSRelease{Family: IPadOS, Major: 18}},
		{Android, "14", OSRelease{Family: Android, Major: 14}},
		{Android, "Android 12L", OSRelease{Family: Android, Major: 12}},
		{Android, "13.0.0", OSRelease{Family: Android, Major: 13}},
	}
	for _, c := range cases {
		got, err := ParseOSVersion(c.family, c.version)
		if err != nil {
			t.Errorf("%s %q: %v", c.family, c.version, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s %q = %+v, want %+v", c.family, c.version, got, c.want)
		}
	}
}

func TestParseOSVersionRefuses(t *testing.T) {
	cases := []struct {
		family  OSFamily
		version string
	}{
		{Windows, ""},
		{Windows, "22H2"}, // Windows 10 or 11?
		{Windows, "Windows 10"},
		{Windows, "10.0"},
		{Windows, "Windows 12 30H1"},
		{MacOS, "10"},
		{MacOS, "latest"},
		{IOS, ""},
		{Linux, "Ubuntu 24.04"},
		{OtherOS, "1.0"},
		{"", "10.0.19045"},
	}
	for _, c := range cases {
		if r, err := ParseOSVersion(c.family, c.version); err == nil {
			t.Errorf("%s %q accepted as %+v", c.family, c.version, r)
		}
	}
}

// Build numbers that the server and client lines share go to the server
// line on a server.
func TestServerBuildsOnServers(t *testing.T) {
	r, err := parseOS(Windows, "10.0.17763.5458", true)
	if err != nil || r.Channel != ChannelServer || r.Build != 17763 {
		t.Fatalf("server 10.0.17763 = %+v, %v", r, err)
	}
	s, ok := LookupOS(r)
	if !ok || s.Name != "Windows Server 2019" {
		t.Errorf("looked up %+v, %v", s, ok)
	}
}

func TestOSTable(t *testing.T) {
	cases := []struct {
		r        OSRelease
		name     string
		end      string
		endHP    string
		expected string
	}{
		{OSRelease{Family: Windows, Build: 19045}, "Windows 10 22H2", "2025-10-14", "", ""},
		{OSRelease{Family: Windows, Build: 22000}, "Windows 11 21H2", "2024-10-08", "2023-10-10", ""},
		{OSRelease{Family: Windows, Build: 22621}, "Windows 11 22H2", "2025-10-14", "2024-10-08", ""},
		{OSRelease{Family: Windows, Build: 22631}, "Windows 11 23H2", "2026-11-10", "2025-11-11", ""},
		{OSRelease{Family: Windows, Build: 26100}, "Windows 11 24H2", "2027-10-12", "2026-10-13", ""},
		{OSRelease{Family: MacOS, Major: 12}, "macOS 12 Monterey", "2024-09-16", "", ""},
		{OSRelease{Family: MacOS, Major: 13}, "macOS 13 Ventura", "2025-09-15", "", ""},
		{OSRelease{Family: MacOS, Major: 14}, "macOS 14 Sonoma", "", "", "2026-09-30"},
		{OSRelease{Family: IOS, Major: 15}, "iOS 15", "2023-09-18", "", ""},
		{OSRelease{Family: IPadOS, Major: 17}, "iPadOS 17", "2025-09-15", "", ""},
		{OSRelease{Family: Android, Major: 12}, "Android 12 and 12L", "2025-04-01", "", ""},
	}
	show := func(tm time.Time) string {
		if tm.IsZero() {
			return ""
		}
		return tm.Format(time.DateOnly)
	}
	for _, c := range cases {
		s, ok := LookupOS(c.r)
		if !ok {
			t.Errorf("%+v not in the table", c.r)
			continue
		}
		if s.Name != c.name || show(s.End) != c.end || show(s.EndHomePro) != c.endHP || show(s.Expected) != c.expected {
			t.Errorf("%+v = %+v, want %s ending %s (home/pro %s, expected %s)", c.r, s, c.name, c.end, c.endHP, c.expected)
		}
	}
	if OSTableAsOf().IsZero() {
		t.Error("the table has no as_of date")
	}
}

func FuzzParseOSVersion(f *testing.F) {
	for _, s := range []string{"10.0.19045.4046", "Windows 11 Pro 23H2", "Windows Server 2012 R2", "14.4.1",
		"Mac OS X 10.15.7", "Android 12L", "6.1", "99999999999.1", "..", "1.2.3.4.5.6", "22h2 22H1 ltsc 2021", "\xff10.0"} {
		for _, fam := range []OSFamily{Windows, MacOS, IOS, Android} {
			f.Add(string(fam), s, false)
		}
	}
	f.Fuzz(func(t *testing.T, family, version string, server bool) {
		r, err := parseOS(OSFamily(family), version, server)
		if err != nil {
			return
		}
		if r.Build < 0 || r.Major < 0 || r.Minor < 0 {
			t.Fatalf("negative version from %q: %+v", version, r)
		}
		if r.Family == Windows && r.Build == 0 {
			t.Fatalf("windows release without a build from %q", version)
		}
		if r.Family != Windows && r.Major == 0 {
			t.Fatalf("release without a major version from %q", version)
		}
		LookupOS(r)
	})
}
