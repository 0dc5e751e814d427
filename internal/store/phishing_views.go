package store

import (
	"context"
	"database/sql"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PhishingFunnel counts how far the people of a group went. The steps are
// cumulative: whoever clicked also counts as having opened (Gophish misses
// an open when the mail client blocks its tracking image, yet a click
// proves it). Reported counts those who reported at any step; Unmatched
// those whose address matched none of the org's people.
type PhishingFunnel struct {
	Group     string `json:"group,omitempty"`
	Sent      int    `json:"sent"`
	Opened    int    `json:"opened"`
	Clicked   int    `json:"clicked"`
	Submitted int    `json:"submitted"`
	Reported  int    `json:"reported"`
	Unmatched int    `json:"unmatched"`
}

// NoPerson is the group of the results whose address matched nobody.
const NoPerson = "(not matched)"

// Funnel groupings a campaign's funnel can be split by.
const (
	PhishingByAll  = ""
	PhishingByKind = "kind"
	PhishingByTeam = "team"
)

const funnelSums = `COUNT(*),
	SUM(CASE WHEN r.status <> 'sent' THEN 1 ELSE 0 END),
	SUM(CASE WHEN r.status IN ('clicked', 'submitted') THEN 1 ELSE 0 END),
	SUM(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END),
	SUM(CASE WHEN r.reported THEN 1 ELSE 0 END),
	SUM(CASE WHEN r.person_id IS NULL THEN 1 ELSE 0 END)`

func groupExpr(by string) string {
	switch by {
	case PhishingByKind:
		return `CASE WHEN p.id IS NULL THEN '` + NoPerson + `' ELSE p.kind END`
	case PhishingByTeam:
		return `CASE WHEN p.id IS NULL THEN '` + NoPerson + `' ELSE p.team END`
	}
	return `''`
}

func scanFunnel(sc interface{ Scan(...any) error }, lead ...any) (PhishingFunnel, error) {
	var f PhishingFunnel
	var sums [5]sql.NullInt64
	err := sc.Scan(append(lead, &f.Sent, &sums[0], &sums[1], &sums[2], &sums[3], &sums[4])...)
	f.Opened, f.Clicked, f.Submitted, f.Reported, f.Unmatched = int(sums[0].Int64), int(sums[1].Int64), int(sums[2].Int64), int(sums[3].Int64), int(sums[4].Int64)
	return f, err
}

// PhishingCampaignFunnel is a campaign's funnel, overall (by "") or one
// row a kind of person or a team (PhishingByKind, PhishingByTeam), by group.
func (s *Store) PhishingCampaignFunnel(ctx context.Context, scope tenancy.Scope, c PhishingCampaign, by string) ([]PhishingFunnel, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return nil, err
	}
	g := groupExpr(by)
	group := ` GROUP BY ` + g + ` ORDER BY 1`
	if by == PhishingByAll {
		// One row, even for a campaign with no results (PostgreSQL groups by no constant).
		group = ""
	}
	rows, err := s.query(ctx, `SELECT `+g+`, `+funnelSums+` FROM phishing_results r LEFT JOIN people p ON p.id = r.person_id
		WHERE r.org_id = ? AND r.campaign_id = ?`+group, c.OrgID, c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PhishingFunnel
	for rows.Next() {
		var group string
		f, err := scanFunnel(rows, &group)
		if err != nil {
			return nil, err
		}
		f.Group = group
		out = append(out, f)
	}
	return out, rows.Err()
}

// PhishingCampaignRow is a campaign with its overall funnel.
type PhishingCampaignRow struct {
	PhishingCampaign
	Funnel PhishingFunnel `json:"funnel"`
}

// PhishingCampaigns lists an org's campaigns, newest launch first, each
// with its overall funnel.
func (s *Store) PhishingCampaigns(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PhishingCampaignRow, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+campaignColumns+` FROM phishing_campaigns WHERE org_id = ? ORDER BY launched_on DESC, id DESC`, orgID)
	if err != nil {
		return nil, err
	}
	var out []PhishingCampaignRow
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, PhishingCampaignRow{PhishingCampaign: c})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sums, err := s.query(ctx, `SELECT r.campaign_id, `+funnelSums+` FROM phishing_results r WHERE r.org_id = ? GROUP BY r.campaign_id`, orgID)
	if err != nil {
		return nil, err
	}
	defer sums.Close()
	by := map[int64]PhishingFunnel{}
	for sums.Next() {
		var id int64
		f, err := scanFunnel(sums, &id)
		if err != nil {
			return nil, err
		}
		by[id] = f
	}
	for i := range out {
		out[i].Funnel = by[out[i].ID]
	}
	return out, sums.Err()
}

// PhishingTeamPoint is one team's funnel in one campaign.
type PhishingTeamPoint struct {
	CampaignID int64          `json:"campaign_id"`
	Campaign   string         `json:"campaign"`
	LaunchedOn string         `json:"launched_on"`
	Funnel     PhishingFunnel `json:"funnel"` // Group is the team
}

// PhishingTeamTrend is each team's funnel in each of an org's campaigns,
// oldest campaign first, then by team.
func (s *Store) PhishingTeamTrend(ctx context.Context, scope tenancy.Scope, orgID int64) ([]PhishingTeamPoint, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	g := groupExpr(PhishingByTeam)
	rows, err := s.query(ctx, `SELECT c.id, c.name, c.launched_on, `+g+`, `+funnelSums+`
		FROM phishing_results r JOIN phishing_campaigns c ON c.id = r.campaign_id LEFT JOIN people p ON p.id = r.person_id
		WHERE r.org_id = ? GROUP BY c.id, c.name, c.launched_on, `+g+` ORDER BY c.launched_on, c.id, 4`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PhishingTeamPoint
	for rows.Next() {
		var pt PhishingTeamPoint
		var team string
		pt.Funnel, err = scanFunnel(rows, &pt.CampaignID, &pt.Campaign, &pt.LaunchedOn, &team)
		if err != nil {
			return nil, err
		}
		pt.Funnel.Group = team
		out = append(out, pt)
	}
	return out, rows.Err()
}

// PhishingResultRow is a result with the person it matched, for a
// campaign's per-person table and a person's history.
type PhishingResultRow struct {
	PhishingResult
	PersonName string `json:"person_name,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Team       string `json:"team,omitempty"`
	Campaign   string `json:"campaign,omitempty"`
	LaunchedOn string `json:"launched_on,omitempty"`
}

const resultColumns = `r.campaign_id, r.org_id, r.email, r.person_id, r.status, r.reported, r.sent_at, r.opened_at, r.clicked_at,
	r.submitted_at, r.reported_at, r.line, COALESCE(p.name, ''), COALESCE(p.kind, ''), COALESCE(p.team, ''), c.name, c.launched_on`

func scanResultRow(sc interface{ Scan(...any) error }) (PhishingResultRow, error) {
	var r PhishingResultRow
	var person sql.NullInt64
	var t [5]sql.NullTime
	err := sc.Scan(&r.CampaignID, &r.OrgID, &r.Email, &person, &r.Status, &r.Reported, &t[0], &t[1], &t[2], &t[3], &t[4], &r.Line,
		&r.PersonName, &r.Kind, &r.Team, &r.Campaign, &r.LaunchedOn)
	r.PersonID = person.Int64
	r.SentAt, r.OpenedAt, r.ClickedAt, r.SubmittedAt, r.ReportedAt = nullTime(t[0]), nullTime(t[1]), nullTime(t[2]), nullTime(t[3]), nullTime(t[4])
	return r, err
}

// stepOrder ranks the furthest step for the per-person table: who submitted
// first, then who clicked, opened, and was only sent the e-mail.
const stepOrder = `CASE r.status WHEN 'submitted' THEN 1 WHEN 'clicked' THEN 2 WHEN 'opened' THEN 3 ELSE 4 END`

// StepRank is a status's place in the per-person table's order, for its
// page cursor (keyset.Cursor{Rank: StepRank(status), ID: line}).
func StepRank(status string) int64 {
	switch status {
	case "submitted":
		return 1
	case "clicked":
		return 2
	case "opened":
		return 3
	}
	return 4
}

// PhishingResults lists a campaign's results, furthest step first then in
// the export's order, a page at a time from cursor cur (nil: the first
// page); it reads one row more than limit so keyset.Trim can tell a next
// page.
func (s *Store) PhishingResults(ctx context.Context, scope tenancy.Scope, c PhishingCampaign, cur *keyset.Cursor, limit int) ([]PhishingResultRow, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return nil, err
	}
	var rank, line int64
	if cur != nil {
		rank, line = cur.Rank, cur.ID
	}
	cond, args, order := keysetOrder([]string{stepOrder, "r.line"}, false, cur, rank, line)
	q := `SELECT ` + resultColumns + ` FROM phishing_results r JOIN phishing_campaigns c ON c.id = r.campaign_id
		LEFT JOIN people p ON p.id = r.person_id WHERE r.org_id = ? AND r.campaign_id = ?`
	qargs := []any{c.OrgID, c.ID}
	if cond != "" {
		q += " AND " + cond
		qargs = append(qargs, args...)
	}
	return s.resultRows(ctx, cur, q+" ORDER BY "+order+" LIMIT ?", append(qargs, limit+1)...)
}

// PhishingPersonHistory is one person's results across the org's
// campaigns, oldest campaign first.
func (s *Store) PhishingPersonHistory(ctx context.Context, scope tenancy.Scope, orgID, personID int64) ([]PhishingResultRow, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	return s.resultRows(ctx, nil, `SELECT `+resultColumns+` FROM phishing_results r JOIN phishing_campaigns c ON c.id = r.campaign_id
		LEFT JOIN people p ON p.id = r.person_id WHERE r.org_id = ? AND r.person_id = ? ORDER BY c.launched_on, c.id`, orgID, personID)
}

func (s *Store) resultRows(ctx context.Context, cur *keyset.Cursor, q string, args ...any) ([]PhishingResultRow, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PhishingResultRow
	for rows.Next() {
		r, err := scanResultRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return backwards(cur, out), rows.Err()
}
