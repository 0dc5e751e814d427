package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// surveySettingsDoc is an org's survey settings as the API shows them:
// every field, and whether the org has set them or has the defaults.
type surveySettingsDoc struct {
	Org           string     `json:"org"`
	Enabled       bool       `json:"enabled"`
	DelayMinutes  int        `json:"delay_minutes"`
	SamplePercent int        `json:"sample_percent"`
	LinkDays      int        `json:"link_days"`
	CoolOffDays   int        `json:"cooloff_days"`
	FollowUpScore int        `json:"followup_score"`
	Set           bool       `json:"set"`
	UpdatedAt     *time.Time `json:"updated_at,omitempty"`
	UpdatedBy     string     `json:"updated_by,omitempty"`
}

// surveySettingsEdit is a PUT's body. Each field is taken as it came so a
// value of the wrong kind is named with the others, not refused alone; a
// field left out (or null) keeps its setting.
type surveySettingsEdit struct {
	Enabled       json.RawMessage `json:"enabled"`
	DelayMinutes  json.RawMessage `json:"delay_minutes"`
	SamplePercent json.RawMessage `json:"sample_percent"`
	LinkDays      json.RawMessage `json:"link_days"`
	CoolOffDays   json.RawMessage `json:"cooloff_days"`
	FollowUpScore json.RawMessage `json:"followup_score"`
}

// apiSurveyField is the JSON name of each field the service names.
var apiSurveyField = map[string]string{"enabled": "enabled", "delay": "delay_minutes", "sample": "sample_percent",
	"link_days": "link_days", "cooloff_days": "cooloff_days", "followup_score": "followup_score"}

// getSurveySettings is the {slug} org's survey settings.
func (a *API) getSurveySettings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	set, err := a.desk.SurveySettingsOf(r.Context(), p, org.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, surveySettingsOf(org.Slug, set))
}

// putSurveySettings changes the {slug} org's survey settings, naming every
// wrong field at once (422) and saving nothing then; the service audits
// the change as it does the settings page's.
func (a *API) putSurveySettings(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body surveySettingsEdit
	if !decode(w, r, &body) {
		return
	}
	edit := desksvc.SurveyEdit{DelayMinutes: numberText(body.DelayMinutes), SamplePercent: numberText(body.SamplePercent),
		LinkDays: numberText(body.LinkDays), CoolOffDays: numberText(body.CoolOffDays), FollowUpScore: numberText(body.FollowUpScore)}
	var bad fault.Fields
	if present(body.Enabled) {
		var on bool
		if err := json.Unmarshal(body.Enabled, &on); err != nil {
			bad.Add("enabled", "give true or false")
		}
		edit.Enabled = &on
	}
	var set desksvc.SurveySettings
	var err error
	if bad.Err() != nil {
		err = desksvc.CheckSurveyEdit(edit) // the rest of the mistakes too; nothing saved
	} else {
		set, err = a.desk.SaveSurveySettings(r.Context(), p, org.ID, edit)
	}
	if bad.Err() != nil || err != nil {
		for _, f := range fault.All(err) {
			if f.Kind != fault.KindInvalid {
				a.fail(w, r, err)
				return
			}
			bad.Add(apiSurveyField[f.Field], "%s", f.Message)
		}
		a.fail(w, r, bad.Err())
		return
	}
	writeJSON(w, http.StatusOK, surveySettingsOf(org.Slug, set))
}

// numberText is a JSON value as the text the service reads: a number as
// written, anything else (a string, true) as text that is no whole number,
// and nothing for a field left out.
func numberText(raw json.RawMessage) string {
	if !present(raw) {
		return ""
	}
	return string(bytes.TrimSpace(raw))
}

func present(raw json.RawMessage) bool {
	v := bytes.TrimSpace(raw)
	return len(v) > 0 && !bytes.Equal(v, []byte("null"))
}

func surveySettingsOf(slug string, set desksvc.SurveySettings) surveySettingsDoc {
	doc := surveySettingsDoc{Org: slug, Enabled: set.Enabled, DelayMinutes: int(set.Delay / time.Minute),
		SamplePercent: set.SamplePercent, LinkDays: set.LinkDays, CoolOffDays: set.CoolOffDays,
		FollowUpScore: set.FollowUpScore, Set: set.Set, UpdatedBy: set.UpdatedBy}
	if set.Set {
		at := set.UpdatedAt.UTC()
		doc.UpdatedAt = &at
	}
	return doc
}
