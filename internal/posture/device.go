package posture

import (
	"fmt"
	"strings"
	"time"
)

// DeviceType is the kind of device; some controls apply to some kinds only
// (disk encryption is mandatory on laptops, tablets and phones).
type DeviceType string

const (
	Desktop    DeviceType = "desktop"
	Laptop     DeviceType = "laptop"
	Tablet     DeviceType = "tablet"
	ThinClient DeviceType = "thin-client"
	Smartphone DeviceType = "smartphone"
	Server     DeviceType = "server"
	OtherType  DeviceType = "other"
)

// DeviceTypes lists the kinds in display order.
var DeviceTypes = []DeviceType{Desktop, Laptop, Tablet, ThinClient, Smartphone, Server, OtherType}

// Mobile reports whether the kind leaves the building and so must be encrypted.
func (t DeviceType) Mobile() bool { return t == Laptop || t == Tablet || t == Smartphone }

// ParseDeviceType accepts a kind by name, including the spellings exports use.
func ParseDeviceType(s string) (DeviceType, error) {
	switch normalise(s) {
	case "desktop", "pc", "workstation":
		return Desktop, nil
	case "laptop", "notebook":
		return Laptop, nil
	case "tablet", "ipad":
		return Tablet, nil
	case "thin-client", "thinclient", "thin client":
		return ThinClient, nil
	case "smartphone", "phone", "mobile", "iphone":
		return Smartphone, nil
	case "server":
		return Server, nil
	case "other", "":
		return OtherType, nil
	}
	return "", fmt.Errorf("%q is not a device type (%s)", s, joinTypes())
}

func joinTypes() string {
	names := make([]string, len(DeviceTypes))
	for i, t := range DeviceTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// Ownership says who owns a device; personal and partner devices that reach
// council systems are held to the same baseline.
type Ownership string

const (
	Council  Ownership = "council"
	Personal Ownership = "personal"
	Partner  Ownership = "partner"
)

// ParseOwnership accepts an owner by name; Intune's "Corporate" is the council's.
func ParseOwnership(s string) (Ownership, error) {
	switch normalise(s) {
	case "council", "corporate", "company", "organisation", "organization", "":
		return Council, nil
	case "personal", "byod", "employee":
		return Personal, nil
	case "partner", "third-party", "thirdparty", "supplier":
		return Partner, nil
	}
	return "", fmt.Errorf("%q is not an ownership (council, personal or partner)", s)
}

// OSFamily groups operating systems for the end-of-support table.
type OSFamily string

const (
	Windows  OSFamily = "windows"
	MacOS    OSFamily = "macos"
	IOS      OSFamily = "ios"
	IPadOS   OSFamily = "ipados"
	Android  OSFamily = "android"
	Linux    OSFamily = "linux"
	ChromeOS OSFamily = "chromeos"
	OtherOS  OSFamily = "other"
)

// Update is one missing security update reported for a device.
type Update struct {
	ID       string    // KB number, advisory id or package name
	Severity Severity  // critical, high, medium, low
	Released time.Time // when the vendor published it; zero when not known
}

// Device is what ward knows of one device, merged from every source that
// reported it. Source-specific identifiers are kept so that the next import
// from any source finds the same device: serial number first, then the
// source's device id, then the name.
type Device struct {
	Serial    string
	Name      string
	SourceIDs map[string]string // source name ("intune", "osquery", "fleet", "ward") → that source's device id
	Sources   []string          // sources that reported the device, in the order they were merged
	Managed   bool              // a management tool (Intune, Fleet, osquery, ward's own list) knows it

	Type        DeviceType
	Ownership   Ownership
	OS          OSFamily
	OSVersion   string // as the source gave it, e.g. "10.0.19045.4046", "14.4.1", "22H2"
	Model       string
	PrimaryUser string // user principal name or email address
	LastSeen    time.Time

	MalwareProtection Fact
	SignaturesUpdated time.Time // when antivirus signatures were last updated; zero when not known
	Firewall          Fact
	Encrypted         Fact
	ScreenLock        Fact
	ScreenLockMinutes int // idle minutes before the screen locks; 0 when not known
	PasswordMinLength int // the device's enforced minimum password length; 0 when not known
	UserIsLocalAdmin  Fact
	RemoteAccess      Fact // the device connects remotely (VPN, remote desktop, remote gateway)
	RemoteAccessMFA   Fact // and that remote access asks for a second factor
	MissingUpdates    []Update
	// UpdatesChecked is when a source last reported the device's missing
	// updates; zero when no source reports them. It tells "no updates
	// missing" (checked, empty list) from "nobody looked" (zero, empty list).
	UpdatesChecked time.Time
}

// Key is the device's identity for findings: the serial number where there is
// one, else the first source id, else the name, lower-cased.
func (d *Device) Key() string {
	if d.Serial != "" {
		return "serial:" + strings.ToLower(d.Serial)
	}
	for _, src := range d.Sources {
		if id := d.SourceIDs[src]; id != "" {
			return src + ":" + strings.ToLower(id)
		}
	}
	return "name:" + strings.ToLower(d.Name)
}

// Label is how pages name the device: its name, or its serial number.
func (d *Device) Label() string {
	if d.Name != "" {
		return d.Name
	}
	return d.Serial
}

// normalise lower-cases and trims an export's spelling.
func normalise(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
