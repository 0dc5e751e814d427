package desk

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"strings"
	"time"
)

// SurveySettings is how an org asks its callers what they thought of the
// desk once a ticket is resolved.
type SurveySettings struct {
	Enabled bool
	// Delay is how long after resolution the survey goes: long enough for
	// the caller to see the fix hold, or reopen it instead.
	Delay time.Duration
	// SamplePercent is the share of resolved tickets whose callers are asked.
	SamplePercent int
	// LinkDays is how long the link answers after it is sent.
	LinkDays int
	// CoolOffDays: a caller asked once is not asked again for this many days.
	CoolOffDays int
	// FollowUpScore raises a follow-up task for a score at or below it; 0 never.
	FollowUpScore int
}

// DefaultSurveySettings is what an org that has set nothing uses: off, and
// once turned on, an hour's delay, every ticket, a fortnight's link and a
// month's cool-off, with a follow-up for a score of 1 or 2.
func DefaultSurveySettings() SurveySettings {
	return SurveySettings{Delay: time.Hour, SamplePercent: 100, LinkDays: 14, CoolOffDays: 30, FollowUpScore: 2}
}

// Limits of the survey settings.
const (
	MaxSurveyDelay   = 30 * 24 * time.Hour
	MaxSurveyLinkDay = 90
	MaxSurveyCoolOff = 365
)

// Problems lists what is wrong with the settings by field, all at once.
func (s SurveySettings) Problems() map[string]string {
	bad := map[string]string{}
	if s.Delay < 0 || s.Delay > MaxSurveyDelay {
		bad["delay"] = "give a delay from 0 minutes to 30 days"
	}
	if s.SamplePercent < 0 || s.SamplePercent > 100 {
		bad["sample"] = "give the share of tickets surveyed as a percentage from 0 to 100"
	}
	if s.LinkDays < 1 || s.LinkDays > MaxSurveyLinkDay {
		bad["link_days"] = "the link must stay open from 1 to " + strconv.Itoa(MaxSurveyLinkDay) + " days"
	}
	if s.CoolOffDays < 0 || s.CoolOffDays > MaxSurveyCoolOff {
		bad["cooloff_days"] = "give a cool-off from 0 to " + strconv.Itoa(MaxSurveyCoolOff) + " days"
	}
	if s.FollowUpScore < 0 || s.FollowUpScore > 5 {
		bad["followup_score"] = "give a score from 1 to 5 at or below which a follow-up is raised, or 0 for none"
	}
	return bad
}

// Sampled says whether a ticket is among the share surveyed. It is worked
// out from the ticket's id alone, so the same ticket always gets the same
// answer (a test can tell which tickets will be asked), while consecutive
// tickets spread evenly rather than falling in runs.
func Sampled(ticketID int64, percent int) bool {
	if percent >= 100 {
		return true
	}
	if percent <= 0 {
		return false
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(ticketID))
	sum := sha256.Sum256(b[:])
	return binary.BigEndian.Uint64(sum[:8])%100 < uint64(percent)
}

// SurveyScores are the answers a caller may give, worst first.
var SurveyScores = []int{1, 2, 3, 4, 5}

// ValidScore says whether n is a score a caller may give.
func ValidScore(n int) bool { return n >= 1 && n <= 5 }

// ScoreLabel is a score in words, for the mail's links and the page.
func ScoreLabel(n int) string {
	switch n {
	case 1:
		return "Very dissatisfied"
	case 2:
		return "Dissatisfied"
	case 3:
		return "Neither satisfied nor dissatisfied"
	case 4:
		return "Satisfied"
	case 5:
		return "Very satisfied"
	}
	return ""
}

// SurveyMailReason is the outbox reason of the mail carrying a ticket's
// survey links. The sender knows a survey's mail by it: the links answer
// without sign-in, so the body is not kept once the mail has gone.
func SurveyMailReason(ref string) string { return "ticket " + ref + " survey" }

// IsSurveyMail says whether an outbox reason is a survey mail's.
func IsSurveyMail(reason string) bool {
	ref, ok := strings.CutPrefix(reason, "ticket ")
	ref, ok2 := strings.CutSuffix(ref, " survey")
	return ok && ok2 && ref != ""
}
