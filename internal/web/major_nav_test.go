package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestTheMenuOffersMajorIncidentsToDeskStaff: agents and managers find
// major incidents in the menu (active on the maintenance page too); an
// officer, who reads them from the status page, does not.
func TestTheMenuOffersMajorIncidentsToDeskStaff(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		link := `<a class="govuk-service-navigation__link" href="/major">Major incidents</a>`
		for _, who := range []string{"agent@abc-shared.example", "admin@abc-shared.example"} {
			c := a.signedIn(t, who)
			if home := do(t, c, http.MethodGet, a.http.URL+"/", nil, nil); !strings.Contains(home.body, link) {
				t.Errorf("%s: the menu has no Major incidents link", who)
			}
			if res := do(t, c, http.MethodGet, a.http.URL+"/maintenance", nil, nil); !strings.Contains(res.body, `href="/major" aria-current="true"`) {
				t.Errorf("%s: Major incidents is not the current item on the maintenance page", who)
			}
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		if home := do(t, officer, http.MethodGet, a.http.URL+"/", nil, nil); strings.Contains(home.body, `href="/major"`) {
			t.Errorf("an officer's menu offers major incidents")
		}
	})
}
