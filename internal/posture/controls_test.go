package posture

import (
	"strings"
	"testing"
)

func TestCatalogueHasEveryControlTheIssueNames(t *testing.T) {
	want := []string{
		"malware-protection", "firewall", "disk-encryption", "supported-os", "security-updates", "screen-lock",
		"password-policy", "local-admin", "stale-device", "unmanaged-device", "remote-access-mfa",
		"external-forwarding", "unofficial-domain",
	}
	for _, id := range want {
		c, ok := ControlByID(id)
		if !ok {
			t.Errorf("control %s missing", id)
			continue
		}
		if c.Title == "" || c.Description == "" || c.Policy == "" || c.RemediationDays < 1 || c.Severity.Rank() > 3 {
			t.Errorf("control %s incomplete: %+v", id, c)
		}
		if _, ok := c.Param(RemediationParam); !ok {
			t.Errorf("control %s: no %s parameter", id, RemediationParam)
		}
	}
	if got := len(ControlsFor(DeviceSubject, MailboxSubject)); got != len(want) {
		t.Errorf("catalogue has %d device and mailbox controls, want %d", got, len(want))
	}
}

func TestCatalogueHasEveryIdentityCheckTheIssueNames(t *testing.T) {
	want := []string{
		"privileged-not-protected", "privileged-kerberoastable", "privileged-password-never-expires",
		"privileged-unused", "krbtgt-password-age", "unconstrained-delegation", "password-not-required",
		"kerberos-preauth-required", "stale-account", "global-admin-count", "privileged-role-mfa",
		"leaver-account-enabled", "tier-zero-path", "tier-zero-choke-point", "account-no-person",
	}
	got := ControlsFor(AccountSubject, DirectorySubject, RelationSubject)
	if len(got) != len(want) {
		t.Errorf("%d identity checks, want %d", len(got), len(want))
	}
	for i, c := range got {
		if i < len(want) && c.ID != want[i] {
			t.Errorf("identity check %d is %s, want %s", i, c.ID, want[i])
		}
		if c.Category == "" || c.Title == "" || c.Description == "" {
			t.Errorf("identity check %s incomplete: %+v", c.ID, c)
		}
	}
}

func TestCatalogueDefaults(t *testing.T) {
	cases := []struct{ control, param, want string }{
		{"malware-protection", "max_signature_age_days", "7"},
		{"security-updates", "max_age_days", "14"},
		{"security-updates", RemediationParam, "14"},
		{"malware-protection", RemediationParam, "7"},
		{"external-forwarding", RemediationParam, "2"},
		{"screen-lock", "max_idle_minutes", "15"},
		{"password-policy", "min_length", "12"},
		{"stale-device", "max_days_unseen", "30"},
		{"disk-encryption", "require_on_desktops", "false"},
	}
	var s Settings
	for _, c := range cases {
		if got := s.Value(c.control, c.param); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.control, c.param, got, c.want)
		}
	}
	if got := s.RemediationDays("external-forwarding"); got != 2 {
		t.Errorf("external-forwarding remediation = %d days, want 2", got)
	}
}

// Every catalogue control has a check for each subject kind it names, and
// every check has its catalogue entry: a control cannot be listed and never run.
func TestEveryControlIsImplemented(t *testing.T) {
	for _, c := range Catalogue() {
		if c.AppliesTo(DeviceSubject) != (deviceChecks[c.ID] != nil) {
			t.Errorf("%s: device subject %v, device check %v", c.ID, c.AppliesTo(DeviceSubject), deviceChecks[c.ID] != nil)
		}
		if c.AppliesTo(MailboxSubject) != (mailboxChecks[c.ID] != nil) {
			t.Errorf("%s: mailbox subject %v, mailbox check %v", c.ID, c.AppliesTo(MailboxSubject), mailboxChecks[c.ID] != nil)
		}
	}
	for id := range deviceChecks {
		if _, ok := ControlByID(id); !ok {
			t.Errorf("device check %s has no catalogue entry", id)
		}
	}
	for id := range mailboxChecks {
		if _, ok := ControlByID(id); !ok {
			t.Errorf("mailbox check %s has no catalogue entry", id)
		}
	}
}

func TestCatalogueIsACopy(t *testing.T) {
	cs := Catalogue()
	cs[0].Title = "changed"
	cs[0].Params[0].Default = "999"
	c, _ := ControlByID(cs[0].ID)
	if c.Title == "changed" || c.Params[0].Default == "999" {
		t.Error("changing Catalogue()'s result changed the catalogue")
	}
}

func TestLoadCatalogueRefusesBadData(t *testing.T) {
	cases := map[string]string{
		"repeated id":  `[{"id":"a","title":"t","description":"d","severity":"low","subjects":["device"],"policy":"p","remediation_days":1},{"id":"a","title":"t","description":"d","severity":"low","subjects":["device"],"policy":"p","remediation_days":1}]`,
		"bad severity": `[{"id":"a","title":"t","description":"d","severity":"huge","subjects":["device"],"policy":"p","remediation_days":1}]`,
		"bad subject":  `[{"id":"a","title":"t","description":"d","severity":"low","subjects":["printer"],"policy":"p","remediation_days":1}]`,
		"bad default":  `[{"id":"a","title":"t","description":"d","severity":"low","subjects":["device"],"policy":"p","remediation_days":1,"params":[{"name":"n","kind":"days","default":"x","min":1,"max":3}]}]`,
		"no policy":    `[{"id":"a","title":"t","description":"d","severity":"low","subjects":["device"],"remediation_days":1}]`,
	}
	for name, data := range cases {
		if _, err := loadCatalogue([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSettingsValidateNamesWhatIsWrong(t *testing.T) {
	cases := []struct {
		name  string
		s     Settings
		wants []string // every one must appear in the error
	}{
		{"not a number", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"screen-lock": {"max_idle_minutes": "ten"}}},
			[]string{"screen-lock", "max_idle_minutes", `"ten"`}},
		{"too large", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"screen-lock": {"max_idle_minutes": "90"}}},
			[]string{"screen-lock", "max_idle_minutes", "90", "60"}},
		{"below Cyber Essentials' floor", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"password-policy": {"min_length": "6"}}},
			[]string{"password-policy", "min_length", "least"}},
		{"unknown parameter", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"firewall": {"strict": "true"}}},
			[]string{"firewall", `"strict"`}},
		{"unknown control", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"antivirus": {"x": "1"}}},
			[]string{`"antivirus"`, "malware-protection"}},
		{"unknown disabled control", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Disabled: map[string]bool{"fire-wall": true}},
			[]string{`"fire-wall"`}},
		{"bad severity", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"security-updates": {"min_severity": "urgent"}}},
			[]string{"security-updates", "min_severity", `"urgent"`}},
		{"bad allowed domain", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"external-forwarding": {"allowed_domains": "nhs.net, not a domain"}}},
			[]string{"external-forwarding", "allowed_domains", `"not"`}},
		{"ESU past its last year", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"supported-os": {"windows10_esu_until": "2029-01-01"}}},
			[]string{"supported-os", "windows10_esu_until", "2028-10-10"}},
		{"bad official domain", Settings{OfficialDomains: []string{"ashcombe"}},
			[]string{"official domains", `"ashcombe"`}},
		{"no official domains", Settings{},
			[]string{"official domains", "external-forwarding", "unofficial-domain"}},
		{"two errors at once", Settings{OfficialDomains: []string{"ashcombe.gov.uk"},
			Params: map[string]map[string]string{"screen-lock": {"max_idle_minutes": "0"}, "stale-device": {"max_days_unseen": "x"}}},
			[]string{"screen-lock", "max_idle_minutes", "stale-device", "max_days_unseen"}},
	}
	for _, c := range cases {
		err := c.s.Validate()
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %s", c.name, err, w)
			}
		}
	}
}

func TestSettingsValidateAccepts(t *testing.T) {
	ok := []Settings{
		{OfficialDomains: []string{"ashcombe.gov.uk", "@Brentmere.gov.uk", "*.calderwick.gov.uk"}},
		{Disabled: map[string]bool{"external-forwarding": true, "unofficial-domain": true}},
		{OfficialDomains: []string{"ashcombe.gov.uk"}, Params: map[string]map[string]string{
			"screen-lock":         {"max_idle_minutes": " 10 ", RemediationParam: "21"},
			"disk-encryption":     {"require_on_desktops": "yes"},
			"password-policy":     {"min_length": "8"},
			"security-updates":    {"min_severity": "Critical", "max_age_days": ""},
			"external-forwarding": {"allowed_domains": "nhs.net; partner.org.uk"},
			"supported-os":        {"windows10_esu_until": "2026-10-13"},
		}},
	}
	for i, s := range ok {
		if err := s.Validate(); err != nil {
			t.Errorf("settings %d refused: %v", i, err)
		}
	}
}

func TestDomainMatching(t *testing.T) {
	official := []string{"ashcombe.gov.uk"}
	cases := map[string]bool{
		"ashcombe.gov.uk":        true,
		"ASHCOMBE.gov.uk":        true,
		"mail.ashcombe.gov.uk":   true,
		"a.b.ashcombe.gov.uk":    true,
		"notashcombe.gov.uk":     false, // a suffix is not a subdomain
		"ashcombe.gov.uk.evil.x": false,
		"gov.uk":                 false,
		"gmail.com":              false,
		"":                       false,
	}
	for d, want := range cases {
		if got := domainIn(d, official); got != want {
			t.Errorf("domainIn(%q) = %v, want %v", d, got, want)
		}
	}
}
