// Package textdate holds the small scanners that ward's importers build
// their date parsers from. Exports write dates in a dozen ways and a large
// import parses a million of them, so the parsers read digits by hand
// rather than trying time.Parse layout after layout.
package textdate

// Digits reads between min and max decimal digits at s[*i:], advancing *i.
func Digits(s string, i *int, min, max int) (int, bool) {
	n, start := 0, *i
	for *i < len(s) && *i-start < max && s[*i] >= '0' && s[*i] <= '9' {
		n = n*10 + int(s[*i]-'0')
		*i++
	}
	return n, *i-start >= min
}

// Skip steps over c at s[*i], reporting whether it was there.
func Skip(s string, i *int, c byte) bool {
	if *i < len(s) && s[*i] == c {
		*i++
		return true
	}
	return false
}

// ValidDate reports whether the day exists in the proleptic Gregorian calendar.
func ValidDate(year, month, day int) bool {
	if year < 1 || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= DaysIn(year, month)
}

// DaysIn is the number of days in a month.
func DaysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Atoi reads a whole number of at most nine digits, so it cannot overflow.
func Atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
