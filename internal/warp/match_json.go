package warp

// MatchResult is what `ward warp match --format json` prints: how many
// lines were read and every hit. Callers that know more (the advisory an
// entry belongs to) wrap HitJSON in their own type.
type MatchResult struct {
	Lines int       `json:"lines"`
	Hits  []HitJSON `json:"hits"`
}

// HitJSON is a Hit as JSON names it.
type HitJSON struct {
	Line      int    `json:"line"`
	Indicator string `json:"indicator"`
	Type      Type   `json:"type"`
	Seen      string `json:"seen"`
	EntryID   int64  `json:"entry_id"`
}

// JSON writes the hit for MatchResult.
func (h Hit) JSON() HitJSON {
	return HitJSON{Line: h.Line, Indicator: h.Indicator.Value, Type: h.Indicator.Type, Seen: h.Seen, EntryID: h.EntryID}
}

// NewMatchResult gathers hits into a result whose hits print as [] rather
// than null when there are none, which scripts reading it prefer.
func NewMatchResult(lines int, hits []Hit) MatchResult {
	r := MatchResult{Lines: lines, Hits: make([]HitJSON, 0, len(hits))}
	for _, h := range hits {
		r.Hits = append(r.Hits, h.JSON())
	}
	return r
}
