package posture

// For the external tests (package posture_test), which run over estates
// that posturegen generates and so cannot be inside the package.
var (
	TestNow          = testNow
	AshcombeSettings = ashcombe
	TestEvaluator    = evaluator
)
