package search

import (
	"os"
	"strings"
	"testing"
)

func TestExpStats(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("EXP_DIRS")) {
		ix, err := Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: docs %d avg %v vocab %d symptom %d", dir, ix.docTotal, ix.avgFieldLen, len(ix.vocab), ix.vocab["symptom"])
		ix.Close()
	}
}
