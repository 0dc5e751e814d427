package textdate

import "testing"

func TestScanners(t *testing.T) {
	s, i := "2024-02-29T", 0
	y, ok := Digits(s, &i, 4, 4)
	if !ok || y != 2024 || !Skip(s, &i, '-') || Skip(s, &i, '/') {
		t.Fatalf("year %d %v at %d", y, ok, i)
	}
	if !ValidDate(2024, 2, 29) || ValidDate(2023, 2, 29) || ValidDate(1900, 2, 29) || !ValidDate(2000, 2, 29) || ValidDate(2024, 4, 31) {
		t.Error("leap years or month lengths wrong")
	}
	if n, ok := Atoi("123456789"); !ok || n != 123456789 {
		t.Error("Atoi of nine digits")
	}
	if _, ok := Atoi("1234567890"); ok {
		t.Error("Atoi took ten digits, which may overflow on 32-bit int")
	}
	if _, ok := Atoi("12a"); ok {
		t.Error("Atoi took a letter")
	}
}
