package stix

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/stix/stixtest"
	"github.com/ward-shared-service/ward/internal/warp"
)

// exampleDir holds the OASIS example bundles beside the checkout.
const exampleDir = "../../../shared/data/stix"

func readExample(t *testing.T, name string) *Bundle {
	t.Helper()
	f, err := os.Open(filepath.Join(exampleDir, name))
	if err != nil {
		t.Skipf("the OASIS example %s is not here (%v): it lives in ../shared/data/stix beside the checkout", name, err)
	}
	defer f.Close()
	b, err := Decode(f, name)
	if err != nil {
		t.Fatalf("an OASIS example does not decode: %v", err)
	}
	return b
}

// TestEveryExampleDecodes reads every bundle there is, including any added
// later, and checks each is also valid by the schemas, so the validator and
// the decoder agree on what STIX is.
func TestEveryExampleDecodes(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(exampleDir, "*.json"))
	if len(files) == 0 {
		t.Skip("no STIX examples in ../shared/data/stix beside the checkout")
	}
	for _, f := range files {
		readExample(t, filepath.Base(f))
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		stixtest.Validate(t, raw)
	}
}

func findIndicator(b *Bundle, name string) *Indicator {
	for i := range b.Indicators {
		if b.Indicators[i].Name == name {
			return &b.Indicators[i]
		}
	}
	return nil
}

func TestPoisonIvy(t *testing.T) {
	b := readExample(t, "poisonivy.json")
	if len(b.Indicators) != 25 {
		t.Errorf("read %d indicators, want the 25 of FireEye's Poison Ivy report", len(b.Indicators))
	}
	dynssl := findIndicator(b, "www.webserver.dynssl.com")
	if dynssl == nil {
		t.Fatal("no indicator named www.webserver.dynssl.com")
	}
	for _, want := range []warp.Indicator{ind(warp.Domain, "www.webserver.dynssl.com"), ind(warp.IPv4, "113.10.246.30")} {
		if !slices.Contains(dynssl.Observables, want) {
			t.Errorf("www.webserver.dynssl.com has %v, want %s among them", dynssl.Observables, want)
		}
	}
	if len(dynssl.Observables) != 6 || len(dynssl.Unmatched) != 0 {
		t.Errorf("www.webserver.dynssl.com: %v, unmatched %q", dynssl.Observables, dynssl.Unmatched)
	}
	// "domain autuo.xicp.net" is not a domain: reported, and its address kept.
	xicp := findIndicator(b, "autuo.xicp.net")
	if xicp == nil || !slices.Equal(xicp.Observables, []warp.Indicator{ind(warp.IPv4, "60.10.1.115")}) ||
		len(xicp.Unmatched) != 1 || !strings.Contains(xicp.Unmatched[0], "'domain autuo.xicp.net'") {
		t.Errorf("autuo.xicp.net read as %+v", xicp)
	}
	for _, name := range []string{"CBricksDoc", "CPiShellPutDoc"} {
		in := findIndicator(b, name)
		if in == nil || len(in.Observables) != 0 || len(in.Unmatched) != 1 || !strings.Contains(in.Unmatched[0], "file:name") {
			t.Errorf("%s read as %+v", name, in)
		}
	}
	if len(b.Reports) != 1 {
		t.Fatalf("read %d reports", len(b.Reports))
	}
	if r := b.Reports[0]; len(r.ObjectRefs) != 153 || r.CreatedByRef != "identity--81cade27-7df8-4730-836b-62d880e6d9d3" ||
		r.Published.Format("2006-01-02") != "2013-08-21" || !slices.Equal(r.ReportTypes, []string{"threat-report", "malware"}) {
		t.Errorf("read the report %s with %d refs by %s, published %v, types %v", r.Name, len(r.ObjectRefs), r.CreatedByRef, r.Published, r.ReportTypes)
	}
	if len(b.Identities) != 1 || b.Identities[0].Name != "FireEye, Inc." || !slices.Equal(b.Identities[0].Sectors, []string{"technology"}) {
		t.Errorf("read identities %+v", b.Identities)
	}
	if len(b.Others) != 128 { // 90 relationships, 25 malware, 6 vulnerabilities, 3 campaigns, 3 attack patterns, 1 course of action
		t.Errorf("kept %d other objects, want 128", len(b.Others))
	}
}

func TestC2WithCourseOfAction(t *testing.T) {
	b := readExample(t, "indicators-for-C2-with-COA.json")
	hash := findIndicator(b, "File hash for Poison Ivy variant")
	want := ind(warp.SHA256, "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")
	if hash == nil || !slices.Equal(hash.Observables, []warp.Indicator{want}) {
		t.Errorf("the file hash indicator read as %+v", hash)
	}
	ip := findIndicator(b, "IP Address for known C2 channel")
	if ip == nil || !slices.Equal(ip.Observables, []warp.Indicator{ind(warp.IPv4, "10.0.0.0")}) ||
		ip.CreatedByRef != "identity--f690c992-8e7d-4b9a-9303-3312616c0220" || ip.Marking != "" {
		t.Errorf("the C2 address indicator read as %+v", ip)
	}
	if len(b.Identities) != 1 || b.Identities[0].Name != "The MITRE Corporation - DHS Support Team" || b.Identities[0].IdentityClass != "organization" {
		t.Errorf("read identities %+v", b.Identities)
	}
}

func TestC2IPAddress(t *testing.T) {
	b := readExample(t, "indicator-for-c2-ip-address.json")
	if len(b.Indicators) != 1 {
		t.Fatalf("read %d indicators", len(b.Indicators))
	}
	in := b.Indicators[0]
	if in.ValidFrom.Format("2006-01-02T15:04:05Z") != "2014-05-08T09:00:00Z" || !slices.Equal(in.IndicatorTypes, []string{"malicious-activity"}) ||
		!slices.Equal(in.Observables, []warp.Indicator{ind(warp.IPv4, "10.0.0.0")}) {
		t.Errorf("read %+v", in)
	}
}

func TestMaliciousEmail(t *testing.T) {
	b := readExample(t, "malicious-email-indicator-with-attachment.json")
	if len(b.Indicators) != 2 {
		t.Fatalf("read %d indicators", len(b.Indicators))
	}
	for _, in := range b.Indicators {
		if len(in.Observables) != 0 || len(in.Unmatched) != 1 || !strings.Contains(in.Unmatched[0], " MATCHES '") {
			t.Errorf("%s: observables %v, unmatched %q; want its MATCHES test reported", in.Name, in.Observables, in.Unmatched)
		}
	}
	attachment := findIndicator(b, "Malicious Email Attachment")
	if attachment == nil || !strings.HasPrefix(attachment.Unmatched[0], `email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$'`) {
		t.Errorf("the attachment indicator read as %+v", attachment)
	}
}

func TestInfrastructure(t *testing.T) {
	b := readExample(t, "infrastructure.json")
	if len(b.Indicators) != 0 || len(b.Others) != 10 {
		t.Fatalf("read %d indicators and %d others", len(b.Indicators), len(b.Others))
	}
	var sco, upper *RawObject
	for i, o := range b.Others {
		switch {
		case o.Type == "ipv4-addr":
			sco = &b.Others[i]
		case strings.Contains(o.ID, "E9034ac98aba"):
			upper = &b.Others[i]
		}
	}
	if sco == nil || !sco.Created.IsZero() || !strings.Contains(string(sco.JSON), "198.51.100.3") {
		t.Errorf("the address observable kept as %+v", sco)
	}
	if upper == nil || upper.Type != "relationship" {
		t.Error("the relationship whose id has capitals was not kept")
	}
}
