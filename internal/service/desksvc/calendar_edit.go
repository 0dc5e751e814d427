package desksvc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MaxCalendarFile is the largest calendar definition or GOV.UK
// bank-holidays file read: GOV.UK's own is about 20 KB.
const MaxCalendarFile = 1 << 20

// readCalendarFile reads an uploaded or pasted file through the bounded
// reader, refusing one past MaxCalendarFile.
func readCalendarFile(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(bounded.Plain(r), MaxCalendarFile+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxCalendarFile {
		return nil, &bounded.LimitError{Limit: "file size", Max: MaxCalendarFile, Unit: "bytes",
			Detail: "the file is larger than a calendar needs", Excerpt: bounded.Excerpt(string(body[:bounded.ExcerptLen]))}
	}
	return body, nil
}

// SaveCalendarJSON puts in force the calendar definition written as JSON
// (what `ward calendar show` prints): unknown keys are refused, so a
// misspelt "closures" does not silently drop the closures.
func (s *Service) SaveCalendarJSON(ctx context.Context, p tenancy.Principal, orgID int64, name string, r io.Reader) (int, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return 0, err
	}
	body, err := readCalendarFile(r)
	if err != nil {
		return 0, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var def calendar.Definition
	if err := dec.Decode(&def); err != nil {
		return 0, invalid("definition", "%s: not a calendar definition: %v", name, err)
	}
	if dec.More() {
		return 0, invalid("definition", "%s: unexpected data after the calendar definition", name)
	}
	return s.SaveCalendar(ctx, p, orgID, def)
}

// GovUKImport is what reading a GOV.UK bank-holidays file changed.
type GovUKImport struct {
	Region  calendar.Region    `json:"region"`
	Added   []calendar.Holiday `json:"added"`
	Version int                `json:"version"` // the calendar version now in force; unchanged when nothing was added
}

// ImportGovUK adds to an org's calendar the days of a GOV.UK bank-holidays
// file (https://www.gov.uk/bank-holidays.json) for the calendar's region
// that it does not already have — newly announced one-off days, say. The
// file is refused whole, naming the JSON path, if any part is wrong.
func (s *Service) ImportGovUK(ctx context.Context, p tenancy.Principal, orgID int64, name string, r io.Reader) (GovUKImport, error) {
	var out GovUKImport
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return out, err
	}
	body, err := readCalendarFile(r)
	if err != nil {
		return out, err
	}
	byRegion, err := calendar.ImportGovUK(bytes.NewReader(body))
	if err != nil {
		return out, invalid("file", "%s: %v", name, err)
	}
	cal, version, err := s.Calendar(ctx, p, orgID)
	if err != nil {
		return out, err
	}
	def := cal.Definition()
	out.Region, out.Version = def.Region, version
	if def.Region == "" {
		return out, invalid("file", "the calendar follows no region's bank holidays: choose a region first")
	}
	known := map[calendar.Date]bool{}
	for _, a := range def.Additions {
		known[a.Date] = true
	}
	for _, h := range byRegion[def.Region] {
		if known[h.Date] || listed(cal.Holidays(h.Date.Year), h.Date) {
			continue
		}
		def.Additions = append(def.Additions, h)
		out.Added = append(out.Added, h)
		known[h.Date] = true
	}
	if len(out.Added) == 0 {
		return out, nil
	}
	out.Version, err = s.SaveCalendar(ctx, p, orgID, def)
	if err != nil {
		return out, fmt.Errorf("calendar with %s's bank holidays: %w", name, err)
	}
	return out, nil
}

func listed(hs []calendar.Holiday, d calendar.Date) bool {
	for _, h := range hs {
		if h.Date == d {
			return true
		}
	}
	return false
}
