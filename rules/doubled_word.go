package rules

// DoubledWord is the repetition/doubled-word rule. (Stub: being written.)
var DoubledWord = &Rule{
	ID:       "repetition/doubled-word",
	Severity: Error,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
