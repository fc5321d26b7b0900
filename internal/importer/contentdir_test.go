package importer

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestImportContentDir imports beside a content directory that has an "account"
// and a "billing" document: into it (names are kept apart from the documents
// there), and out of it (they are not: the files are not where the bot reads).
func TestImportContentDir(t *testing.T) {
	tests := []struct {
		name      string
		out       string // relative to the temporary directory
		inContent bool
		files     []string
	}{
		{"into a sub-directory", "content/help", true,
			[]string{"account-2.md", "billing-help-example-com.md", "billing-2.md", "privacy.md"}},
		{"outside", "elsewhere", false,
			[]string{"account.md", "billing-help-example-com.md", "billing.md", "privacy.md"}},
		{"into a hidden directory, which is not read", "content/.drafts", false,
			[]string{"account.md", "billing-help-example-com.md", "billing.md", "privacy.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			root := filepath.Join(tmp, "content")
			writeDoc(t, filepath.Join(root, "billing.md"), "Payments", "Cards", "We take cards.")
			writeDoc(t, filepath.Join(root, "sub", "account.md"), "account", "Sign-in", "Use your email.")
			out := filepath.Join(tmp, tt.out)
			rep, err := Import(context.Background(), Options{From: filepath.Join("testdata", "faq.csv"), Out: out, ContentDir: root})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Files {
				got = append(got, filepath.Base(f))
			}
			if !slices.Equal(got, tt.files) || rep.InContent != tt.inContent {
				t.Errorf("Import into %s wrote %q, InContent %v; want %q, %v", tt.out, got, rep.InContent, tt.files, tt.inContent)
			}
		})
	}
}

// TestImportAgainAbsolute imports twice into a sub-directory of a content directory
// named by a relative path, the output by an absolute one: the second import
// replaces the first one's files rather than writing "-2" copies beside them.
func TestImportAgainAbsolute(t *testing.T) {
	from, err := filepath.Abs(filepath.Join("testdata", "faq.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	t.Chdir(tmp)
	writeDoc(t, filepath.Join("content", "billing.md"), "Payments", "Cards", "We take cards.")
	opts := Options{From: from, Out: filepath.Join(tmp, "content", "help"), ContentDir: "content"}
	first, err := Import(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Force = true
	second, err := Import(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(second.Files, first.Files) || !slices.Equal(second.Replaced, first.Files) {
		t.Errorf("second import wrote %q, replaced %q; want the first one's files %q replaced", second.Files, second.Replaced, first.Files)
	}
}
