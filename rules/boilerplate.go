package rules

// WebBoilerplate is the boilerplate/web rule. (Stub: being written.)
var WebBoilerplate = &Rule{
	ID:       "boilerplate/web",
	Severity: Error,
	Summary:  "TODO",
	New:      func(Options) (Check, error) { return func(*Pass) {}, nil },
}
