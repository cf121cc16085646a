package rules

// Variants is the consistency/variants rule. (Stub: being written.)
var Variants = &Rule{
	ID:       "consistency/variants",
	Severity: Warning,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
