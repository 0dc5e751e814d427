package store

import (
	"context"
	"errors"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SurveySettings is an org's survey settings as kept, with who last set them.
type SurveySettings struct {
	desk.SurveySettings
	OrgID     int64
	Set       bool // false: the org has set nothing and has the defaults
	UpdatedAt time.Time
	UpdatedBy string
}

// SurveySettingsOf reads an org's survey settings, or the defaults.
func (s *Store) SurveySettingsOf(ctx context.Context, scope tenancy.Scope, orgID int64) (SurveySettings, error) {
	out := SurveySettings{SurveySettings: desk.DefaultSurveySettings(), OrgID: orgID}
	if err := orgInScope(scope, orgID); err != nil {
		return out, err
	}
	var delay int64
	err := s.queryRow(ctx, `SELECT enabled, delay_minutes, sample_percent, link_days, cooloff_days, followup_score, updated_at, updated_by
		FROM survey_settings WHERE org_id = ?`, orgID).Scan(&out.Enabled, &delay, &out.SamplePercent, &out.LinkDays,
		&out.CoolOffDays, &out.FollowUpScore, &out.UpdatedAt, &out.UpdatedBy)
	if err = classify(err); errors.Is(err, ErrNotFound) {
		return out, nil
	} else if err != nil {
		return out, err
	}
	out.Delay, out.Set, out.UpdatedAt = time.Duration(delay)*time.Minute, true, out.UpdatedAt.UTC()
	return out, nil
}

// SaveSurveySettings replaces an org's survey settings.
func (s *Store) SaveSurveySettings(ctx context.Context, scope tenancy.Scope, orgID int64, set desk.SurveySettings, by string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO survey_settings (org_id, enabled, delay_minutes, sample_percent, link_days, cooloff_days,
		followup_score, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET enabled = excluded.enabled, delay_minutes = excluded.delay_minutes,
		sample_percent = excluded.sample_percent, link_days = excluded.link_days, cooloff_days = excluded.cooloff_days,
		followup_score = excluded.followup_score, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		orgID, set.Enabled, int64(set.Delay/time.Minute), set.SamplePercent, set.LinkDays, set.CoolOffDays, set.FollowUpScore, s.Now(), by)
	return classify(err)
}
