package calendar

import (
	"slices"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// The rules for the three divisions come from github.com/rickar/cal/v2/gb
// where it has them (the days common to the UK, their weekend substitutes,
// VE day 2020, the 2022 jubilee weekend, the 2023 coronation, Scotland's
// August holiday). What gb lacks is defined here with the same library's
// rule types: Scotland's 2 January and St Andrew's Day, Northern Ireland's
// St Patrick's Day and Battle of the Boyne, the 2022 state funeral, and the
// earlier one-off days (2002 and 2012 jubilees, 2011 royal wedding), so that
// the lists match what GOV.UK publishes.

// Substitute days: a holiday on a weekend is taken on the next weekday that
// is not already a holiday. For a lone holiday that is the Monday. For a
// pair on consecutive days (Christmas and Boxing Day; in Scotland 1 and 2
// January) each member at a weekend moves two days on, and when the first
// falls on a Sunday the second keeps its own Monday and the first takes the
// Tuesday: GOV.UK lists 2022-12-26 as Boxing Day and 2022-12-27 as Christmas
// Day (substitute day). gb moves the first to the Monday and the second to
// the Tuesday instead: the same days, under the other titles.
var (
	nextMonday     = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}
	pairMember     = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 2}}
	christmasDay   = gb.ChristmasDay.Clone(&cal.Holiday{Observed: pairMember})
	boxingDay      = gb.BoxingDay.Clone(&cal.Holiday{Observed: pairMember})
	scotNewYear    = gb.NewYear.Clone(&cal.Holiday{Observed: pairMember})
	secondJanuary  = &cal.Holiday{Name: "2nd January", Type: cal.ObservanceBank, Month: time.January, Day: 2, Func: cal.CalcDayOfMonth, Observed: pairMember}
	stAndrewsDay   = &cal.Holiday{Name: "St Andrew’s Day", Type: cal.ObservanceBank, Month: time.November, Day: 30, Func: cal.CalcDayOfMonth, Observed: nextMonday}
	stPatricksDay  = &cal.Holiday{Name: "St Patrick’s Day", Type: cal.ObservanceBank, Month: time.March, Day: 17, Func: cal.CalcDayOfMonth, Observed: nextMonday}
	battleOfBoyne  = &cal.Holiday{Name: "Battle of the Boyne (Orangemen’s Day)", Type: cal.ObservanceBank, Month: time.July, Day: 12, Func: cal.CalcDayOfMonth, Observed: nextMonday}
	goldenJubilee  = oneOff(2002, time.June, 3, "Queen’s Golden Jubilee")
	spring2002     = oneOff(2002, time.June, 4, "Spring bank holiday")
	royalWedding   = oneOff(2011, time.April, 29, "Royal wedding")
	spring2012     = oneOff(2012, time.June, 4, "Spring bank holiday")
	diamondJubilee = oneOff(2012, time.June, 5, "Queen’s Diamond Jubilee")
	stateFuneral   = oneOff(2022, time.September, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II")

	// In the jubilee years the late-May holiday moved into June; gb knows
	// only about 2022.
	springHoliday = gb.SpringHoliday.Clone(&cal.Holiday{Except: []int{2002, 2012, 2022}})
)

func oneOff(year int, m time.Month, day int, name string) *cal.Holiday {
	return &cal.Holiday{Name: name, Type: cal.ObservanceBank, Month: m, Day: day, Func: cal.CalcDayOfMonth, StartYear: year, EndYear: year}
}

// rule is a holiday with the title GOV.UK gives it (gb's names differ).
type rule struct {
	h     *cal.Holiday
	title string
}

// common holds the days all three divisions share.
var common = []rule{
	{gb.GoodFriday, "Good Friday"},
	{gb.EarlyMay, "Early May bank holiday"},
	{gb.VEDay, "Early May bank holiday (VE day)"},
	{springHoliday, "Spring bank holiday"},
	{gb.SpringHoliday2022, "Spring bank holiday"},
	{gb.PlatinumJubilee, "Platinum Jubilee bank holiday"},
	{gb.CoronationDay, "Bank holiday for the coronation of King Charles III"},
	{christmasDay, "Christmas Day"},
	{boxingDay, "Boxing Day"},
	{goldenJubilee, goldenJubilee.Name},
	{spring2002, spring2002.Name},
	{royalWedding, royalWedding.Name},
	{spring2012, spring2012.Name},
	{diamondJubilee, diamondJubilee.Name},
	{stateFuneral, stateFuneral.Name},
}

var (
	easterMonday = rule{gb.EasterMonday, "Easter Monday"}
	newYear      = rule{gb.NewYear, "New Year’s Day"}
)

var rules = map[Region][]rule{
	EnglandAndWales: append(slices.Clone(common),
		newYear,
		easterMonday,
		rule{gb.SummerHoliday, "Summer bank holiday"}),
	Scotland: append(slices.Clone(common),
		rule{scotNewYear, "New Year’s Day"},
		rule{secondJanuary, secondJanuary.Name},
		rule{gb.SummerHolidayScotland, "Summer bank holiday"},
		rule{stAndrewsDay, stAndrewsDay.Name}),
	NorthernIreland: append(slices.Clone(common),
		newYear,
		easterMonday,
		rule{stPatricksDay, stPatricksDay.Name},
		rule{battleOfBoyne, battleOfBoyne.Name},
		rule{gb.SummerHoliday, "Summer bank holiday"}),
}

// BankHolidays lists the bank holidays of r in year, sorted by date, as
// GOV.UK would: a day moved off a weekend appears on the day it is taken,
// titled "(substitute day)". An unknown region has none.
func BankHolidays(r Region, year int) []Holiday {
	var out []Holiday
	for _, ru := range rules[r] {
		actual, observed := ru.h.Calc(year)
		if actual.IsZero() {
			continue
		}
		title := ru.title
		if !observed.Equal(actual) {
			title += " (substitute day)"
		}
		out = append(out, Holiday{Date: DateOf(observed), Title: title})
	}
	sortHolidays(out)
	return out
}

func sortHolidays(hs []Holiday) {
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
}
