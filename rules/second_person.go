package rules

// SecondPerson is the style/second-person rule. (Stub: being written.)
var SecondPerson = &Rule{
	ID:       "style/second-person",
	Severity: Info,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
