package audit

import "testing"

func TestActorPeopleNameVisibleUsersAndKeepTheirAddress(t *testing.T) {
	named := ActorPeople([]Person{{Email: "Ann@Ashcombe.gov.uk", Name: "Ann Lee"}, {Email: "x@y.example"}}, "shared service staff", nil)
	for actor, want := range map[string]Named{
		"user:ann@ashcombe.gov.uk": {"Ann Lee", "Ann@Ashcombe.gov.uk"},
		"user:x@y.example":         {"x@y.example", "x@y.example"},
		"user:bob@shared.example":  {Name: "shared service staff"},
		"token:ward_abc":           {Name: "API client"},
		"system:demo":              {"ward", "system:demo"},
		"Sam Agent":                {Name: "Sam Agent"},
		"ann@ashcombe.gov.uk":      {Name: "ann@ashcombe.gov.uk"}, // no kind: an imported name as it stands
	} {
		if got := named(actor); got != want {
			t.Errorf("%q named %+v; want %+v", actor, got, want)
		}
	}
}
