package content_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// writeFiles creates files (relative path -> content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// doc returns a small valid content file titled title.
func doc(title string) string {
	return "---\ntitle: " + title + "\n---\n## Section\nText about " + title + ".\n"
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"zeta.md":          doc("Zeta"),
		"alpha.md":         doc("Alpha"),
		"sub/deep/beta.md": doc("Beta"),
		"README.md":        "# Not content\n",
		"sub/readme.md":    "not content either",
		"notes.txt":        "ignored",
		".hidden.md":       "ignored: hidden",
		".git/x.md":        "ignored: hidden directory",
		"synonyms.txt":     "beer => alcohol\n",
		"sub/synonyms.txt": "not read: only the top-level synonyms.txt is",
	})
	lib, err := content.Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	var ids []string
	for _, d := range lib.Documents {
		ids = append(ids, d.ID)
	}
	if want := []string{"alpha", "beta", "zeta"}; !slices.Equal(ids, want) {
		t.Errorf("Load documents = %q; want %q", ids, want)
	}
	if want := filepath.Join(dir, "sub", "deep", "beta.md"); lib.Documents[1].Path != want {
		t.Errorf("Path = %q; want %q", lib.Documents[1].Path, want)
	}
	if len(lib.Synonyms) != 1 || lib.Passages() != 3 {
		t.Errorf("Load: %d synonym rules, %d passages; want 1 and 3", len(lib.Synonyms), lib.Passages())
	}
}

// TestLoadMany loads enough files to be parsed on several goroutines (run it with -race).
func TestLoadMany(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 200 {
		files[fmt.Sprintf("d%d/f%03d.md", i%7, 199-i)] = doc(fmt.Sprintf("Doc %d", i))
	}
	files["d3/bad.md"] = "no front matter"
	writeFiles(t, dir, files)
	lib, err := content.Load(dir)
	if got := errorLocations(err); len(got) != 1 || !strings.HasSuffix(got[0], "bad.md:1") {
		t.Errorf("Load errors = %q; want just bad.md:1", got)
	}
	if len(lib.Documents) != 200 {
		t.Fatalf("Load gave %d documents; want 200", len(lib.Documents))
	}
	for i, d := range lib.Documents {
		if want := fmt.Sprintf("f%03d", i); d.ID != want || len(d.Passages) != 1 {
			t.Fatalf("document %d = %s with %d passages; want %s with 1", i, d.ID, len(d.Passages), want)
		}
	}
}

func TestLoadShippedContent(t *testing.T) {
	lib, err := content.Load("../../content")
	if err != nil {
		t.Fatalf("Load(content): %v", err)
	}
	if len(lib.Documents) == 0 || len(lib.Synonyms) == 0 {
		t.Errorf("Load(content) = %d documents, %d synonym rules; want some of each", len(lib.Documents), len(lib.Synonyms))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each must appear in the error
	}{
		{
			name: "two bad files are both reported",
			files: map[string]string{
				"a.md":    "no front matter\n",
				"b/c.md":  "---\ntitle: C\ntitel: x\n---\n## S\nT.\n",
				"good.md": doc("Good"),
			},
			want: []string{"a.md:1: missing front matter", filepath.Join("b", "c.md") + `:3: front matter: unknown field "titel"`},
		},
		{
			name:  "duplicate titles name both files",
			files: map[string]string{"one.md": doc("Same Title"), "two/two.md": doc("same title")},
			want:  []string{filepath.Join("two", "two.md") + `:2: title "same title" is already used by `, "one.md"},
		},
		{
			name:  "duplicate document ids",
			files: map[string]string{"x/dup.md": doc("One"), "y/dup.md": doc("Two")},
			want:  []string{filepath.Join("y", "dup.md") + `: document id "dup"`, filepath.Join("x", "dup.md")},
		},
		{
			name:  "bad synonyms",
			files: map[string]string{"a.md": doc("A"), "synonyms.txt": "ok, fine\n=> x\n"},
			want:  []string{"synonyms.txt:2: "},
		},
		{
			name:  "file too large",
			files: map[string]string{"big.md": doc("Big") + strings.Repeat("x", content.MaxFileSize)},
			want:  []string{"big.md: file is", "1 MiB"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			_, err := content.Load(dir)
			if err == nil {
				t.Fatalf("Load = nil error; want %q", tt.want)
			}
			var ce *content.Error
			if !errors.As(err, &ce) {
				t.Errorf("Load error %v is not a *content.Error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load error = %q; want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := map[string]string{"a.md": doc("A"), "sub/b.md": doc("B"), "synonyms.txt": "a, b\n"}
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		changed bool
	}{
		{"nothing", func(*testing.T, string) {}, false},
		{"file edited", func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{"a.md": doc("A2")}) }, true},
		{"file added", func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{"sub/c.md": doc("C")}) }, true},
		{"file removed", func(t *testing.T, dir string) { remove(t, filepath.Join(dir, "sub", "b.md")) }, true},
		{"file renamed", func(t *testing.T, dir string) { rename(t, filepath.Join(dir, "a.md"), filepath.Join(dir, "z.md")) }, true},
		{"synonyms edited", func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{"synonyms.txt": "a, c\n"}) }, true},
		{"unrelated file added", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"notes.txt": "x", "sub/img.png": "x"})
		}, false},
		{"README added", func(t *testing.T, dir string) { writeFiles(t, dir, map[string]string{"README.md": "# x"}) }, false},
		{"hidden file added", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{".a.md.swp": "x", ".draft.md": "x"})
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, base)
			before, err := content.Fingerprint(dir)
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			after, err := content.Fingerprint(dir)
			if err != nil {
				t.Fatal(err)
			}
			if (before != after) != tt.changed {
				t.Errorf("after %s: fingerprint changed = %v; want %v", tt.name, before != after, tt.changed)
			}
			_, loaded, err := content.LoadFingerprint(dir)
			if err != nil || loaded != after {
				t.Errorf("LoadFingerprint = %q, %v; want %q (as Fingerprint)", loaded, err, after)
			}
		})
	}
}

func TestFingerprintMissingDir(t *testing.T) {
	if _, err := content.Fingerprint(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Fingerprint(missing dir) = nil error")
	}
	if _, err := content.Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Load(missing dir) = nil error")
	}
}

func remove(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkLoadSeed(b *testing.B) {
	for b.Loop() {
		if _, err := content.Load("../../content"); err != nil {
			b.Fatal(err)
		}
	}
}

// writeImport writes 4,000 files of 4 or 5 FAQ entries each (18,000 entries: the
// size of the planned FAQ import) under a temporary directory and returns it.
func writeImport(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	files := map[string]string{}
	for i := range 4000 {
		var sb strings.Builder
		fmt.Fprintf(&sb, "---\ntitle: Imported FAQ %d\nsummary: Questions from batch %d.\nreferences:\n  - title: Source\n    url: https://example.org/faq/%d\n---\n## Frequently Asked Questions\n", i, i, i)
		for q := range 4 + i%2 {
			fmt.Fprintf(&sb, "\n### Question %d about topic %d?\nAlso asked:\n- Another way to ask %d-%d?\n- And another?\n\n", q, i, i, q)
			sb.WriteString("An answer with **some** markup, a [link](https://example.org) and a list:\n\n- first point\n- second point\n\nAnd a closing sentence that is a little longer than the others.\n")
		}
		files[fmt.Sprintf("batch%02d/faq-%04d.md", i/100, i)] = sb.String()
	}
	writeFiles(b, dir, files)
	return dir
}

// BenchmarkLoad4000 loads the 18,000-entry import.
func BenchmarkLoad4000(b *testing.B) {
	dir := writeImport(b)
	for b.Loop() {
		lib, err := content.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if lib.Passages() != 18000 {
			b.Fatalf("loaded %d passages; want 18000", lib.Passages())
		}
	}
}

// BenchmarkFingerprint4000 fingerprints the 18,000-entry import (the check for
// whether content changed, which needs no parsing).
func BenchmarkFingerprint4000(b *testing.B) {
	dir := writeImport(b)
	for b.Loop() {
		if _, err := content.Fingerprint(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoadEach checks that LoadEach hands every document to each as it is parsed,
// that what each changes is in the library, and that the library and fingerprint
// are LoadFingerprint's.
func TestLoadEach(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"synonyms.txt": "doctor, physician\n"}
	for i := range 80 {
		files[fmt.Sprintf("d%02d.md", i)] = doc(fmt.Sprintf("Document %d", i))
	}
	writeFiles(t, dir, files)
	want, wantFP, err := content.LoadFingerprint(dir)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]string{}
	lib, fp, err := content.LoadEach(dir, func(d *faq.Document) {
		mu.Lock()
		defer mu.Unlock()
		seen[d.ID] = d.Passages[0].Text
		d.Passages[0].Text = ""
	})
	if err != nil || fp != wantFP || len(lib.Documents) != len(want.Documents) || len(lib.Synonyms) != len(want.Synonyms) {
		t.Fatalf("LoadEach = %d documents, %s, %v; want LoadFingerprint's %d documents, %s", len(lib.Documents), fp, err, len(want.Documents), wantFP)
	}
	for i, d := range lib.Documents {
		if seen[d.ID] != want.Documents[i].Passages[0].Text || d.Passages[0].Text != "" {
			t.Errorf("%s: each saw %q and left %q; want it to see the text and clear it", d.ID, seen[d.ID], d.Passages[0].Text)
		}
	}
}
