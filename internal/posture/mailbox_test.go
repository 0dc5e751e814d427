package posture

import "testing"

func TestAddressOfReadsEveryRecipientForm(t *testing.T) {
	for in, want := range map[string]string{
		`"Jo Lee" [SMTP:Jo.Lee@Outlook.com]`: "jo.lee@outlook.com",
		`smtp:tom@gmail.com`:                 "tom@gmail.com",
		`Jo Lee <jo@example.net>`:            "jo@example.net",
		`<jo@example.net>`:                   "jo@example.net",
		` plain@ashcombe.gov.uk `:            "plain@ashcombe.gov.uk",
	} {
		if got := AddressOf(in); got != want {
			t.Errorf("AddressOf(%q) = %q, want %q", in, got, want)
		}
	}
	if d := Domain(`Jo Lee <jo@Example.NET>`); d != "example.net" {
		t.Errorf("Domain = %q", d)
	}
}
