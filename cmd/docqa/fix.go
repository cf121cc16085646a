package main

// fixStage returns the stage that applies or shows fixes, or nil without
// --fix and --diff. (Stub.)
func (o *lintOptions) fixStage() fixStage { return nil }
