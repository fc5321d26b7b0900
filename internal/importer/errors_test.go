package importer

import (
	"strings"
	"testing"
)

func TestExistsErrorMessage(t *testing.T) {
	tests := []struct {
		paths []string
		want  string
	}{
		{[]string{"content/a.md"}, "1 file already exists (overwrite it with -force), nothing written:\ncontent/a.md"},
		{[]string{"content/a.md", "content/b.md"}, "2 files already exist (overwrite them with -force), nothing written:\ncontent/a.md\ncontent/b.md"},
	}
	for _, tt := range tests {
		if got := (&ExistsError{Paths: tt.paths}).Error(); got != tt.want {
			t.Errorf("ExistsError(%q) = %q; want %q", tt.paths, got, tt.want)
		}
	}
	many := make([]string, maxListed+3)
	for i := range many {
		many[i] = "f.md"
	}
	if got := (&ExistsError{Paths: many}).Error(); !strings.HasSuffix(got, "\n... and 3 more") {
		t.Errorf("ExistsError of %d paths = %q; want it to end with a count of the rest", len(many), got)
	}
}
