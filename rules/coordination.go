package rules

// Coordination is the repetition/coordination rule. (Stub: being written.)
var Coordination = &Rule{
	ID:       "repetition/coordination",
	Severity: Warning,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
