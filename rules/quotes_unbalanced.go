package rules

// QuotesUnbalanced is the quotes/unbalanced rule. (Stub: being written.)
var QuotesUnbalanced = &Rule{
	ID:       "quotes/unbalanced",
	Severity: Error,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
