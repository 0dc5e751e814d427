package inventory

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// The rules here are shared by every device format, so that one laptop
// reported by Intune and by osquery comes out the same kind of device.

// osFamily reads an operating system as the tools name it: Intune's
// "Windows", "iPadOS", "AndroidEnterprise"; osquery's platform ("darwin",
// "ubuntu", "rhel"); an OS name ("Microsoft Windows 11 Enterprise", "Mac OS
// X"). It gives OtherOS for what it does not know.
func osFamily(s string) posture.OSFamily {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case l == "":
		return ""
	case strings.Contains(l, "windows"):
		return posture.Windows
	case strings.HasPrefix(l, "ipados") || strings.HasPrefix(l, "ipad"):
		return posture.IPadOS
	case strings.HasPrefix(l, "ios") || strings.HasPrefix(l, "iphone"):
		return posture.IOS
	case strings.Contains(l, "macos") || strings.Contains(l, "mac os") || l == "darwin" || l == "osx" || l == "os x" || l == "macmdm":
		return posture.MacOS
	case strings.HasPrefix(l, "android"):
		return posture.Android
	case strings.Contains(l, "chrome"):
		return posture.ChromeOS
	}
	for _, linux := range []string{"linux", "ubuntu", "debian", "rhel", "red hat", "centos", "fedora", "suse",
		"amzn", "amazon", "arch", "gentoo", "rocky", "alma", "oracle", "mint", "pop!_os", "kali", "manjaro", "nixos"} {
		if strings.HasPrefix(l, linux) {
			return posture.Linux
		}
	}
	return posture.OtherOS
}

// parseOSFamily is osFamily for ward's own CSV, where an unknown system is
// a mistake unless it says "other".
func parseOSFamily(s string) (posture.OSFamily, bool) {
	switch f := osFamily(s); f {
	case posture.OtherOS:
		return f, strings.EqualFold(strings.TrimSpace(s), "other")
	default:
		return f, true
	}
}

// deviceType decides what kind of device a model is. osName is the
// operating system's full name when known ("Windows Server 2022"), model
// the hardware model. Where the model does not say, the answer leans to the
// kind with the stricter controls: an unknown Mac is a laptop.
func deviceType(os posture.OSFamily, osName, model string) posture.DeviceType {
	m := strings.ToLower(model)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(m, w) {
				return true
			}
		}
		return false
	}
	if strings.Contains(strings.ToLower(osName), "server") {
		return posture.Server
	}
	switch os {
	case posture.IPadOS:
		return posture.Tablet
	case posture.IOS:
		if has("ipad") {
			return posture.Tablet
		}
		return posture.Smartphone
	case posture.Android:
		if androidTablet(m) {
			return posture.Tablet
		}
		return posture.Smartphone
	case posture.MacOS:
		if has("imac", "mac mini", "macmini", "mac pro", "macpro", "mac studio", "macstudio") {
			return posture.Desktop
		}
		return posture.Laptop
	case posture.ChromeOS:
		if has("chromebox", "chromebase") {
			return posture.Desktop
		}
		return posture.Laptop
	case posture.Windows, posture.Linux, "", posture.OtherOS:
		switch {
		case has("thin client", "thinclient", "wyse", "igel"):
			return posture.ThinClient
		case has("surface studio", "surface hub"):
			return posture.Desktop
		case has(laptopWords...):
			return posture.Laptop
		case os == posture.OtherOS:
			return posture.OtherType
		}
		return posture.Desktop
	}
	return posture.OtherType
}

// laptopWords are in the model names of laptops: "book" covers EliteBook,
// ProBook, ZBook, ThinkBook, VivoBook, Galaxy Book, Surface Book and
// MacBook.
var laptopWords = []string{"laptop", "notebook", "book", "thinkpad", "latitude", "surface", "ideapad", "yoga",
	"xps", "spectre", "x360", "travelmate", "toughbook"}

// androidTablet recognises tablets by name and by Samsung's and Lenovo's
// model numbers (SM-T, SM-X and SM-P are Galaxy Tabs; TB- is Lenovo Tab).
func androidTablet(m string) bool {
	for _, w := range []string{"tab", "pad", "tablet"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	for _, p := range []string{"sm-t", "sm-x", "sm-p", "tb-"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}

// chassisType reads Windows' chassis types (osquery's chassis_info), which
// settle what the model name only suggests.
func chassisType(types string) posture.DeviceType {
	t := strings.ToLower(types)
	switch {
	case strings.Contains(t, "tablet"):
		return posture.Tablet
	case strings.Contains(t, "notebook"), strings.Contains(t, "laptop"), strings.Contains(t, "portable"),
		strings.Contains(t, "convertible"), strings.Contains(t, "detachable"), strings.Contains(t, "hand held"):
		return posture.Laptop
	case strings.Contains(t, "server"), strings.Contains(t, "rack mount"), strings.Contains(t, "blade"):
		return posture.Server
	case strings.Contains(t, "desktop"), strings.Contains(t, "tower"), strings.Contains(t, "all in one"),
		strings.Contains(t, "space-saving"), strings.Contains(t, "mini pc"), strings.Contains(t, "stick pc"):
		return posture.Desktop
	}
	return ""
}

// cleanSerial drops the placeholders firmware reports when the maker left
// the serial number blank (posture.IsPlaceholderSerial): left in, they
// would make every such machine the same device.
func cleanSerial(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || posture.IsPlaceholderSerial(s) {
		return ""
	}
	return s
}

// versionOf takes the version out of an OS description such as Fleet's
// "Windows 11 Enterprise 23H2 10.0.22631.3296" or "macOS 14.4.1": the last
// word that starts with a digit and has a dot in it, or else the whole
// description.
func versionOf(desc string) string {
	fields := strings.Fields(desc)
	for i := len(fields) - 1; i >= 0; i-- {
		f := fields[i]
		if f[0] >= '0' && f[0] <= '9' && strings.Contains(f, ".") {
			return f
		}
	}
	return strings.TrimSpace(desc)
}
