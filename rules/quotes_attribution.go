package rules

// QuotesAttribution is the quotes/attribution rule. (Stub: being written.)
var QuotesAttribution = &Rule{
	ID:       "quotes/attribution",
	Severity: Warning,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
