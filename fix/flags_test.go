package fix

// Every test binary accepts the shared test flags, so that
// "go test ./... -update" runs in every package.
import _ "github.com/docqa/docqa/internal/testflag"
