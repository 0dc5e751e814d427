package posturesvc_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/posturegen"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// wardCSV writes devices in ward's own CSV (docs/device-csv.md).
func wardCSV(devices []posture.Device) []byte {
	var b bytes.Buffer
	b.WriteString(strings.TrimSuffix(csvHead, "\n") + ",updates_checked\n")
	fact := func(f posture.Fact) string {
		if f.Known() {
			return f.String()
		}
		return ""
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for i := range devices {
		d := &devices[i]
		var updates []string
		for _, u := range d.MissingUpdates {
			s := u.ID + ":" + string(u.Severity)
			if !u.Released.IsZero() {
				s += ":" + u.Released.Format(time.DateOnly)
			}
			updates = append(updates, s)
		}
		id := d.SourceIDs["intune"]
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
			d.Serial, d.Name, id, d.Type, d.Ownership, d.OS, d.OSVersion, strings.ReplaceAll(d.Model, ",", " "), d.PrimaryUser,
			stamp(d.LastSeen), map[bool]string{true: "yes", false: "no"}[d.Managed], fact(d.MalwareProtection),
			stamp(d.SignaturesUpdated), fact(d.Firewall), fact(d.Encrypted), fact(d.ScreenLock), num(d.ScreenLockMinutes),
			num(d.PasswordMinLength), fact(d.UserIsLocalAdmin), fact(d.RemoteAccess), fact(d.RemoteAccessMFA),
			strings.Join(updates, ";"), stamp(d.UpdatesChecked))
	}
	return b.Bytes()
}

// BenchmarkImportDevices imports a 100,000-row device CSV (WARD_BENCH_DEVICES
// to change) into an empty org — parse, match, merge, store, evaluate every
// control, open the findings — and then imports it again into the full org,
// where every device matches and every finding is kept. The target
// is under five seconds on SQLite.
func BenchmarkImportDevices(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("WARD_BENCH_DEVICES")); err == nil && v > 0 {
		n = v
	}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	file := wardCSV(posturegen.Devices(n, 42, now))
	for _, eng := range storetest.Engines() {
		b.Run(eng.Name, func(b *testing.B) {
			for _, again := range []bool{false, true} {
				b.Run(map[bool]string{false: "new", true: "again"}[again], func(b *testing.B) {
					for b.Loop() {
						b.StopTimer()
						s, _ := eng.Open(b)
						s.SetClock(func() time.Time { return now })
						org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "big", Name: "Big Council", Kind: tenancy.KindCouncil})
						if err != nil {
							b.Fatal(err)
						}
						if err := s.SetOrgDomains(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID, []string{posturegen.Domain}); err != nil {
							b.Fatal(err)
						}
						svc := posturesvc.New(s, desksvc.New(s))
						if again {
							if _, err := svc.ImportDevices(ctx, analyst, org.ID, inventory.WardCSV, "devices.csv", bytes.NewReader(file)); err != nil {
								b.Fatal(err)
							}
						}
						b.StartTimer()
						res, err := svc.ImportDevices(ctx, analyst, org.ID, inventory.WardCSV, "devices.csv", bytes.NewReader(file))
						if err != nil {
							b.Fatal(err)
						}
						if res.Read != n {
							b.Fatalf("read %d devices, want %d", res.Read, n)
						}
						b.ReportMetric(float64(res.Evaluation.Findings.Opened+res.Evaluation.Findings.Kept), "findings")
					}
				})
			}
		})
	}
}
