package warp

// The external tests (package warp_test) match logs that warpgen writes, and
// warpgen imports warp, so only they can use it; these give them the
// internal tests' helpers.
var (
	// MatchValues lists the values a line hits, sorted.
	MatchValues = matchValues
	// RefMatch is the slow, obvious matcher the fast one must agree with.
	RefMatch = refMatch
	// TableEntries are the hand-written entries of the matcher's table tests.
	TableEntries = tableEntries
)
