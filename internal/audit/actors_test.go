package audit

import "testing"

func TestActorNamesShowOnlyVisibleUsersByEmail(t *testing.T) {
	hook := func(name string) string { return "the " + name + " system" }
	name := ActorNames([]string{"Ann@Ashcombe.gov.uk"}, "shared service staff", hook)
	for actor, want := range map[string]string{
		"user:ann@ashcombe.gov.uk": "ann@ashcombe.gov.uk",
		"user:bob@shared.example":  "shared service staff",
		"token:ward_abc":           "API client",
		"hook:phone":               "the phone system",
		"cli:root":                 "ward",
		"Sam Agent":                "Sam Agent",
		"":                         "",
	} {
		if got := name(actor); got != want {
			t.Errorf("%q named %q; want %q", actor, got, want)
		}
	}
	if got := ActorNames(nil, "staff", nil)("hook:phone"); got != "ward" {
		t.Errorf("a hook with no namer is %q; want ward", got)
	}
}
