package warp

import "testing"

func TestWarningListsFlagLikelyFalsePositives(t *testing.T) {
	lists := BuiltinWarningLists().With(OwnDomains("Ashcombe", []string{"ashcombe.gov.uk"}))
	cases := []struct {
		t    Type
		v    string
		want string // list name, "" for none
	}{
		{IPv4, "192.168.4.20", "private addresses"},
		{IPv4, "8.8.8.8", "public resolvers"},
		{IPv4, "203.0.113.7", ""},
		{IPv6, "fd00::1", "private addresses"},
		{CIDR, "10.20.0.0/16", "private addresses"},
		{CIDR, "8.8.8.0/24", "public resolvers"}, // a network holding a resolver
		{Domain, "login.microsoftonline.com", "common services"},
		{Domain, "microsoftonline.com.evil.example", ""},
		{Domain, "intranet.ashcombe.gov.uk", "common services"},
		{URL, "http://192.168.1.1/admin", "private addresses"},
		{Email, "phish@ashcombe.gov.uk", "common services"},
		{SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ""},
	}
	for _, c := range cases {
		in, err := Parse(c.t, c.v)
		if err != nil {
			t.Fatalf("%s %s: %v", c.t, c.v, err)
		}
		ws := lists.Check(in)
		switch {
		case c.want == "" && len(ws) > 0:
			t.Errorf("%s flagged by %v, want no warning", c.v, ws)
		case c.want != "" && (len(ws) == 0 || ws[0].List != c.want):
			t.Errorf("%s: warnings %v, want %q first", c.v, ws, c.want)
		}
	}
	own, _ := Parse(Domain, "mail.ashcombe.gov.uk")
	ws := lists.Check(own)
	if len(ws) != 2 || ws[1].List != "own domains of Ashcombe" {
		t.Errorf("an org's own subdomain: %v, want the common-services and own-domains lists", ws)
	}
}
