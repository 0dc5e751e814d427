package major

import "time"

// SettingsDoc is Settings as people read and write it in JSON, with the
// durations in whole minutes. The API and the CLI both use it, so a script
// can feed one's output to the other.
type SettingsDoc struct {
	StatusPublic       bool     `json:"status_public"`
	NoticeGapMinutes   int      `json:"notice_gap_minutes"`
	BurstTickets       int      `json:"burst_tickets"`
	BurstWindowMinutes int      `json:"burst_window_minutes"`
	CriticalServices   []string `json:"critical_services"`
	RaiseDirectly      bool     `json:"raise_directly"`
}

// DocOf is the settings' JSON view; no critical services is an empty list,
// not null.
func DocOf(st Settings) SettingsDoc {
	d := SettingsDoc{StatusPublic: st.StatusPublic, NoticeGapMinutes: int(st.NoticeGap / time.Minute), BurstTickets: st.BurstTickets,
		BurstWindowMinutes: int(st.BurstWindow / time.Minute), CriticalServices: st.Critical, RaiseDirectly: st.RaiseDirectly}
	if d.CriticalServices == nil {
		d.CriticalServices = []string{}
	}
	return d
}

// Settings are the settings the document describes.
func (d SettingsDoc) Settings() Settings {
	return Settings{StatusPublic: d.StatusPublic, NoticeGap: time.Duration(d.NoticeGapMinutes) * time.Minute, BurstTickets: d.BurstTickets,
		BurstWindow: time.Duration(d.BurstWindowMinutes) * time.Minute, Critical: d.CriticalServices, RaiseDirectly: d.RaiseDirectly}
}
