package desksvc

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SurveySettings is an org's satisfaction survey settings as kept.
type SurveySettings = store.SurveySettings

// SurveySettingsOf reads an org's survey settings: the desk that is
// surveyed and the managers who set it up may read them.
func (s *Service) SurveySettingsOf(ctx context.Context, p tenancy.Principal, orgID int64) (SurveySettings, error) {
	if !CanReport(p, orgID) && !p.Can(tenancy.ManageDesk) {
		return SurveySettings{}, errForbidden
	}
	return s.Store.SurveySettingsOf(ctx, p.Scope, orgID)
}

// SurveyEdit is a change to the settings as a form or the command line
// gives it: text, read and checked here so both refuse alike. An empty field
// keeps the setting it names; Enabled nil keeps on or off.
type SurveyEdit struct {
	Enabled       *bool
	DelayMinutes  string
	SamplePercent string
	LinkDays      string
	CoolOffDays   string
	FollowUpScore string
}

// SaveSurveySettings changes an org's survey settings, naming every wrong
// field at once, and audits the change.
func (s *Service) SaveSurveySettings(ctx context.Context, p tenancy.Principal, orgID int64, e SurveyEdit) (SurveySettings, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return SurveySettings{}, err
	}
	cur, err := s.Store.SurveySettingsOf(ctx, p.Scope, orgID)
	if err != nil {
		return cur, err
	}
	set, delay, err := applySurveyEdit(cur.SurveySettings, e)
	if err != nil {
		return cur, err
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SaveSurveySettings(ctx, p.Scope, orgID, set, p.Actor); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.SurveySettings, Target: "satisfaction surveys",
			Detail: map[string]string{"enabled": strconv.FormatBool(set.Enabled), "delay_minutes": strconv.Itoa(delay),
				"sample_percent": strconv.Itoa(set.SamplePercent), "link_days": strconv.Itoa(set.LinkDays),
				"cooloff_days": strconv.Itoa(set.CoolOffDays), "followup_score": strconv.Itoa(set.FollowUpScore)}, IP: p.IP})
		return err
	})
	if err != nil {
		return cur, err
	}
	return s.Store.SurveySettingsOf(ctx, p.Scope, orgID)
}

// CheckSurveyEdit names every mistake in a change to the settings, as
// SaveSurveySettings would, without saving: for a form that has found
// mistakes of its own first.
func CheckSurveyEdit(e SurveyEdit) error {
	_, _, err := applySurveyEdit(desk.DefaultSurveySettings(), e)
	return err
}

// applySurveyEdit is the settings with the change made, and every mistake.
func applySurveyEdit(set desk.SurveySettings, e SurveyEdit) (desk.SurveySettings, int, error) {
	var bad fault.Fields
	number := func(field, text string, into *int) {
		if text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%")); text == "" {
			return
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			bad.Add(field, "give a whole number")
			return
		}
		*into = n
	}
	if e.Enabled != nil {
		set.Enabled = *e.Enabled
	}
	delay := int(set.Delay / time.Minute)
	number("delay", e.DelayMinutes, &delay)
	set.Delay = time.Duration(delay) * time.Minute
	number("sample", e.SamplePercent, &set.SamplePercent)
	number("link_days", e.LinkDays, &set.LinkDays)
	number("cooloff_days", e.CoolOffDays, &set.CoolOffDays)
	number("followup_score", e.FollowUpScore, &set.FollowUpScore)
	problems := set.Problems()
	fields := make([]string, 0, len(problems))
	for f := range problems {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		if !named(bad, f) { // a field that was not a number is named once
			bad.Add(f, "%s", problems[f])
		}
	}
	return set, delay, bad.Err()
}

// named says whether a field already has a mistake in bad.
func named(bad fault.Fields, field string) bool {
	for _, f := range fault.All(bad.Err()) {
		if f.Field == field {
			return true
		}
	}
	return false
}

// DescribeSurveySettings is the settings in a line, for the CLI and flash.
func DescribeSurveySettings(set SurveySettings) string {
	state := "off"
	if set.Enabled {
		state = "on"
	}
	follow := "no follow-up tasks"
	if set.FollowUpScore > 0 {
		follow = fmt.Sprintf("a follow-up task for a score of %d or less", set.FollowUpScore)
	}
	return fmt.Sprintf("surveys %s: sent %d minutes after resolution to %d%% of tickets, link open %d days, "+
		"a caller asked at most once in %d days, %s", state, int(set.Delay/time.Minute), set.SamplePercent, set.LinkDays, set.CoolOffDays, follow)
}
