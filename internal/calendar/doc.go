// Package calendar does working-time arithmetic for service-level clocks.
//
// A Definition is a calendar as people edit and store it: weekly working
// hours in a time zone, the bank holidays of a UK region, one-off extra
// holidays and closures. New compiles it into a Calendar, which answers
// "how much working time lies between these two instants" (Between) and
// "when will this much working time have passed" (Add) in constant time,
// whatever the length of the interval.
//
// # Range
//
// A Calendar covers local days from 1 January 2000 to 31 December 2100
// inclusive (FirstYear to LastYear). Tickets and targets live well inside
// that; a fixed range keeps the tables a known size (about 1.2 MB for a
// five-day week). Outside it the calendar has no working time: Between
// counts only the part of an interval that lies inside the range, and Add
// returns the end of the range when the working time would run past it (or
// from, if from is later still).
//
// # Clocks going forward and back
//
// Working hours are wall-clock times in the calendar's zone, so a 09:00–17:00
// day is eight working hours on the days British Summer Time starts and ends,
// and a 00:00–24:00 day is 23 or 25 hours long on those days. A span edge
// that names a wall-clock time the clocks skip (01:30 on the last Sunday in
// March in London) means the moment the clocks jump; an edge that names a
// time that happens twice (01:30 on the last Sunday in October) means its
// first occurrence. Both follow one rule — an edge is the earliest instant at
// which the wall clock reads that time or later — which keeps a day's working
// intervals in order and never counts an instant twice. Closures follow the
// same rule.
package calendar
