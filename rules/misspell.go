package rules

// Misspell is the spelling/misspell rule. (Stub: being written.)
var Misspell = &Rule{
	ID:       "spelling/misspell",
	Severity: Warning,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
