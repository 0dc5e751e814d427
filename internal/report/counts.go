package report

// PriorityCounts is what the store counts of one priority's tickets in a
// period, and what the report's figures are worked out from.
type PriorityCounts struct {
	Opened, Resolved, WithinTarget int
	// ResponseMeasured counts tickets whose first response met or missed its
	// target; ResponseWithinTarget those that met it.
	ResponseMeasured, ResponseWithinTarget int
	// Minutes is a histogram of resolution times in whole working minutes:
	// exact medians and percentiles to the minute without reading every row.
	Minutes []MinuteCount
}

// MinuteCount is one bar of a histogram.
type MinuteCount struct {
	Minutes int64
	Count   int
}
