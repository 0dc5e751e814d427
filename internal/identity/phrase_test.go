package identity

import "testing"

func TestEveryRightHasAPhrase(t *testing.T) {
	for k := EdgeKind(0); k < edgeKindCount; k++ {
		if k.Phrase() == "" {
			t.Errorf("%s has no phrase", k)
		}
	}
	if got := EdgePhrase("HasSession"); got != "has a signed-in session of" {
		t.Errorf("HasSession reads %q", got)
	}
	if got := EdgePhrase("NoSuchRight"); got != "NoSuchRight" {
		t.Errorf("an unknown right reads %q, want its name", got)
	}
}
