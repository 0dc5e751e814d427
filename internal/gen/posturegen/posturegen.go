// Package posturegen makes synthetic device and mailbox estates for the
// demo and the benchmarks, in which every baseline control fails now and
// then. The same seed always gives the same estate.
package posturegen

import (
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/posture"
)

// Domain is the official domain of the people on generated devices
// and, unless told otherwise, of generated mailboxes.
const Domain = "ashcombe.gov.uk"

// Devices makes n realistic devices for demos and benchmarks: a mix
// of kinds, owners and operating systems in which each control fails for
// roughly 3–10% of the devices it applies to and some facts are unknown.
// The same seed and now give the same devices. Their users are on
// Domain.
func Devices(n int, seed int64, now time.Time) []posture.Device {
	return DevicesOn(n, seed, now, Domain)
}

// DevicesOn is Devices with the users on another domain, for
// demo data spread over several councils.
func DevicesOn(n int, seed int64, now time.Time, domain string) []posture.Device {
	g := newGen(seed)
	out := make([]posture.Device, n)
	for i := range out {
		g.device(&out[i], i, now, domain)
	}
	return out
}

var (
	givenNames = []string{"amira", "ben", "chloe", "david", "eleanor", "farid", "grace", "harry", "isla", "james",
		"kavita", "liam", "megan", "nathan", "olivia", "priya", "rhys", "sophie", "tom", "yusuf", "zara", "owen", "ruth", "sean"}
	familyNames = []string{"ahmed", "brown", "clarke", "davies", "evans", "green", "hughes", "jones", "khan", "lewis",
		"morgan", "patel", "roberts", "singh", "taylor", "thomas", "walker", "white", "williams", "wilson", "wright", "young"}
	personalDomains = []string{"gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.co.uk", "icloud.com"}
)

func (g *gen) person(domain string) string {
	return givenNames[g.intn(len(givenNames))] + "." + familyNames[g.intn(len(familyNames))] + strconv.Itoa(g.intn(100)) + "@" + domain
}

type osChoice struct {
	os      posture.OSFamily
	version func(g *gen) string
}

func winBuild(build int, edition string) func(g *gen) string {
	return func(g *gen) string {
		v := "10.0." + strconv.Itoa(build) + "." + strconv.Itoa(1000+g.intn(5000))
		if edition != "" {
			return "Microsoft Windows " + edition + " " + v
		}
		return v
	}
}

func fixed(v string) func(*gen) string { return func(*gen) string { return v } }
func point(major string) func(g *gen) string {
	return func(g *gen) string { return major + "." + strconv.Itoa(g.intn(8)) }
}

var (
	pcOS = []weighted[osChoice]{
		{600, osChoice{posture.Windows, winBuild(26100, "")}},
		{250, osChoice{posture.Windows, winBuild(26200, "")}},
		{35, osChoice{posture.Windows, winBuild(22631, "")}},
		{40, osChoice{posture.Windows, winBuild(19045, "")}},
		{5, osChoice{posture.Windows, fixed("10.0.27723")}}, // an Insider build: unknown
		{30, osChoice{posture.MacOS, point("26")}},
		{30, osChoice{posture.MacOS, point("15")}},
		{6, osChoice{posture.MacOS, point("14")}},
		{4, osChoice{posture.MacOS, point("13")}},
	}
	personalPCOS = []weighted[osChoice]{
		{55, osChoice{posture.Windows, winBuild(26100, "11 Home")}},
		{20, osChoice{posture.Windows, winBuild(26200, "11 Pro")}},
		{10, osChoice{posture.Windows, winBuild(19045, "10 Home")}},
		{15, osChoice{posture.MacOS, point("15")}},
	}
	phoneOS = []weighted[osChoice]{
		{50, osChoice{posture.IOS, point("26")}},
		{8, osChoice{posture.IOS, point("18")}},
		{3, osChoice{posture.IOS, point("17")}},
		{12, osChoice{posture.Android, fixed("16")}},
		{14, osChoice{posture.Android, fixed("15")}},
		{9, osChoice{posture.Android, fixed("14")}},
		{2, osChoice{posture.Android, fixed("13")}},
		{2, osChoice{posture.Android, fixed("12")}},
	}
	tabletOS = []weighted[osChoice]{
		{45, osChoice{posture.IPadOS, point("26")}},
		{8, osChoice{posture.IPadOS, point("18")}},
		{3, osChoice{posture.IPadOS, point("17")}},
		{40, osChoice{posture.Windows, winBuild(26100, "")}},
		{4, osChoice{posture.Android, fixed("15")}},
	}
	thinOS = []weighted[osChoice]{
		{60, osChoice{posture.Windows, fixed("Windows 10 IoT Enterprise LTSC 2021")}},
		{40, osChoice{posture.Linux, fixed("IGEL OS 12.4")}},
	}
	serverOS = []weighted[osChoice]{
		{45, osChoice{posture.Windows, winBuild(20348, "")}},
		{30, osChoice{posture.Windows, winBuild(17763, "")}},
		{12, osChoice{posture.Windows, winBuild(14393, "")}},
		{5, osChoice{posture.Windows, fixed("6.3.9600")}},
		{8, osChoice{posture.Linux, fixed("Ubuntu 24.04")}},
	}
	deviceKinds = []weighted[posture.DeviceType]{
		{55, posture.Laptop}, {25, posture.Desktop}, {10, posture.Smartphone}, {4, posture.Tablet}, {4, posture.ThinClient}, {2, posture.Server},
	}
	kindCode = map[posture.DeviceType]string{posture.Laptop: "LT", posture.Desktop: "PC", posture.Smartphone: "MB", posture.Tablet: "TB", posture.ThinClient: "TC", posture.Server: "SV", posture.OtherType: "OT"}
	models   = map[posture.OSFamily][]string{
		posture.Windows: {"HP EliteBook 840 G10", "Dell Latitude 5440", "Lenovo ThinkPad T14 Gen 4", "HP EliteDesk 800 G9", "Surface Pro 9"},
		posture.MacOS:   {"MacBook Air (M2)", "MacBook Pro (M3)"},
		posture.IOS:     {"iPhone 13", "iPhone 14", "iPhone SE (3rd generation)", "iPhone 15"},
		posture.IPadOS:  {"iPad (10th generation)", "iPad Air (M2)"},
		posture.Android: {"Samsung Galaxy A54", "Samsung Galaxy S23", "Google Pixel 8"},
		posture.Linux:   {"IGEL UD3", "Dell PowerEdge R650"},
	}
	fakeSerials = []string{"To be filled by O.E.M.", "Default string", "System Serial Number", "0"}
)

func (g *gen) device(d *posture.Device, i int, now time.Time, domain string) {
	day := 24 * time.Hour
	d.Type = pick(g, deviceKinds)
	d.Ownership = posture.Council
	switch n := g.intn(100); {
	case d.Type == posture.Smartphone && n < 20, d.Type != posture.Server && n < 4:
		d.Ownership = posture.Personal
	case d.Type != posture.Server && n < 7:
		d.Ownership = posture.Partner
	}
	var oc osChoice
	switch d.Type {
	case posture.Laptop, posture.Desktop:
		if d.Ownership == posture.Personal {
			oc = pick(g, personalPCOS)
		} else {
			oc = pick(g, pcOS)
		}
	case posture.Smartphone:
		oc = pick(g, phoneOS)
	case posture.Tablet:
		oc = pick(g, tabletOS)
	case posture.ThinClient:
		oc = pick(g, thinOS)
	default:
		oc = pick(g, serverOS)
	}
	d.OS, d.OSVersion = oc.os, oc.version(g)
	if g.chance(0.005) {
		d.OSVersion = "" // a source that does not say
	}
	ms := models[d.OS]
	d.Model = ms[g.intn(len(ms))]

	d.Name = "ASH-" + kindCode[d.Type] + "-" + strconv.Itoa(100000+i)
	switch {
	case d.OS == posture.MacOS || d.OS == posture.IOS || d.OS == posture.IPadOS:
		d.Serial = g.alnum(12)
	case g.chance(0.01):
		d.Serial = fakeSerials[g.intn(len(fakeSerials))]
	case g.chance(0.005):
		d.Serial = ""
	default:
		d.Serial = g.alnum(10)
	}
	d.SourceIDs = map[string]string{}
	d.Managed = g.intn(100) >= 4
	if d.Managed {
		d.Sources = append(d.Sources, "intune")
		d.SourceIDs["intune"] = g.uuid()
		if d.OS == posture.Windows && g.chance(0.7) {
			d.Sources = append(d.Sources, "defender")
			d.SourceIDs["defender"] = g.hex(40)
		}
	} else {
		d.Sources = append(d.Sources, "entra")
		d.SourceIDs["entra"] = g.uuid()
	}

	switch n := g.intn(100); {
	case d.Type == posture.Server || d.Type == posture.ThinClient || n < 2:
		// shared, or not reported
	case n < 5:
		d.PrimaryUser = g.person(personalDomains[g.intn(len(personalDomains))])
	default:
		d.PrimaryUser = g.person(domain)
	}
	if g.intn(100) < 5 {
		d.LastSeen = now.Add(-time.Duration(31+g.intn(150)) * day)
	} else {
		d.LastSeen = now.Add(-time.Duration(g.intn(7*24*60)) * time.Minute)
	}

	d.MalwareProtection = g.fact(2, 2)
	if d.MalwareProtection == posture.Yes && !g.chance(0.02) {
		age := time.Duration(g.intn(3*24*60)) * time.Minute
		if g.chance(0.03) { // stale devices add about as many again
			age = time.Duration(8+g.intn(40)) * day
		}
		d.SignaturesUpdated = minTime(now.Add(-age), d.LastSeen)
	}
	d.Firewall = g.fact(4, 2)
	d.Encrypted = g.fact(5, 2)
	d.ScreenLock = g.fact(3, 2)
	if d.ScreenLock == posture.Yes {
		d.ScreenLockMinutes = []int{5, 10, 10, 15, 15, 15}[g.intn(6)]
		if g.chance(0.05) {
			d.ScreenLockMinutes = []int{20, 30, 60}[g.intn(3)]
		}
	}
	mobile := d.Type == posture.Smartphone || d.Type == posture.Tablet
	switch n := g.intn(100); {
	case n < 4:
		// not reported
	case n < 10 && mobile:
		d.PasswordMinLength = 4
	case n < 10:
		d.PasswordMinLength = 8
	case mobile:
		d.PasswordMinLength = 6
	default:
		d.PasswordMinLength = []int{12, 12, 14, 15}[g.intn(4)]
	}
	d.UserIsLocalAdmin = g.fact(92, 3) // here No is the good answer: 5% are admins
	if d.Type == posture.Laptop || d.Type == posture.Tablet || (d.Type == posture.Desktop && g.chance(0.2)) {
		d.RemoteAccess = g.fact(30, 10)
		if d.RemoteAccess == posture.Yes {
			d.RemoteAccessMFA = g.fact(6, 3)
		}
	} else {
		d.RemoteAccess = posture.No
	}

	if g.chance(0.9) {
		d.UpdatesChecked = minTime(now.Add(-time.Duration(g.intn(48*60))*time.Minute), d.LastSeen)
		switch n := g.intn(100); {
		case n < 6:
			d.MissingUpdates = []posture.Update{{ID: "KB50" + strconv.Itoa(10000+g.intn(89999)), Severity: pick(g, []weighted[posture.Severity]{{1, posture.Critical}, {3, posture.High}}),
				Released: now.Add(-time.Duration(15+g.intn(60)) * day)}}
		case n < 12:
			d.MissingUpdates = []posture.Update{
				{ID: "KB50" + strconv.Itoa(10000+g.intn(89999)), Severity: posture.High, Released: now.Add(-time.Duration(g.intn(13)) * day)},
				{ID: "KB50" + strconv.Itoa(10000+g.intn(89999)), Severity: posture.Medium, Released: now.Add(-time.Duration(g.intn(90)) * day)},
			}
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
