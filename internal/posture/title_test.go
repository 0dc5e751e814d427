package posture_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
)

// A finding's title says what is wrong, not what was checked: every control
// words its failure differently from its check.
func TestEveryControlSaysWhatIsWrongWhenItFails(t *testing.T) {
	for _, c := range posture.Catalogue() {
		if c.Failure == "" || strings.EqualFold(c.Failure, c.Title) {
			t.Errorf("%s: failure %q does not differ from the check %q", c.ID, c.Failure, c.Title)
		}
	}
}

func TestFindingTitleNamesTheFailureAndTheSubject(t *testing.T) {
	for _, tc := range []struct {
		control string
		subject finding.Subject
		want    string
	}{
		{"disk-encryption", finding.Subject{Kind: finding.Device, Key: "serial:x", Name: "BRM-MB-100127"}, "Storage is not encrypted: BRM-MB-100127"},
		{"firewall", finding.Subject{Kind: finding.Device, Key: "LT-9"}, "Host firewall is off: LT-9"},
		{"tier-zero-path", finding.Subject{Kind: finding.Account, Key: "S-1-5-21-1", Name: "jo@ashcombe"}, "Ordinary account has a path to Tier Zero: jo@ashcombe"},
		{"global-admin-count", finding.Subject{Kind: finding.Directory, Key: "t1", Name: "ashcombe.onmicrosoft.com"}, "Too many standing Global Administrators: ashcombe.onmicrosoft.com"},
		{"retired-control", finding.Subject{Name: "LT-1"}, "retired-control: LT-1"},
	} {
		if got := posture.FindingTitle(tc.control, tc.subject); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.control, got, tc.want)
		}
	}
	list := posture.Titled([]finding.Finding{{Control: "external-forwarding", Subject: finding.Subject{Name: "jo@ashcombe.gov.uk"}}})
	if list[0].Title != "Mail is forwarded outside the council: jo@ashcombe.gov.uk" {
		t.Errorf("Titled: %q", list[0].Title)
	}
}
