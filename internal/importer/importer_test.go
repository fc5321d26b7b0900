package importer

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readDir returns the files in dir (name -> content); nil if dir does not exist.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}

func TestImportGolden(t *testing.T) {
	tests := []struct {
		from     string
		format   string
		rows     int
		docs     int
		merged   int
		ignored  []string
		reviewed time.Time
	}{
		{from: "faq.csv", format: FormatCSV, rows: 6, docs: 4, merged: 1, ignored: []string{"Internal ID"}},
		{from: "faq.jsonl", format: FormatJSONL, rows: 6, docs: 3, merged: 2, ignored: []string{"id", "qtype"},
			reviewed: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "content")
			rep, err := Import(context.Background(), Options{From: filepath.Join("testdata", tt.from), Out: out, Reviewed: tt.reviewed})
			if err != nil {
				t.Fatalf("Import(%s): %v", tt.from, err)
			}
			if rep.Format != tt.format || rep.Rows != tt.rows || rep.Documents != tt.docs || rep.Merged != tt.merged ||
				rep.Entries != tt.rows-tt.merged || !slices.Equal(rep.Ignored, tt.ignored) {
				t.Errorf("Import(%s) = %+v; want format %s, %d rows, %d documents, %d merged, %d entries, ignored %q",
					tt.from, rep, tt.format, tt.rows, tt.docs, tt.merged, tt.rows-tt.merged, tt.ignored)
			}
			if len(rep.Files) != tt.docs || len(rep.Replaced) != 0 {
				t.Errorf("Files = %q, Replaced = %q; want %d files, none replaced", rep.Files, rep.Replaced, tt.docs)
			}
			got := readDir(t, out)
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(tt.from, ".", "_"))
			if *update {
				os.RemoveAll(golden)
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				for name, data := range got {
					if err := os.WriteFile(filepath.Join(golden, name), []byte(data), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			want := readDir(t, golden)
			for name, data := range want {
				if got[name] != data {
					t.Errorf("%s:\n%s\nwant (%s):\n%s", name, got[name], filepath.Join(golden, name), data)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("unexpected file %s written", name)
				}
			}
		})
	}
}

// importString imports data saved as a file called name and returns the error.
func importString(t *testing.T, name, data string) (Report, string, error) {
	t.Helper()
	dir := t.TempDir()
	from := filepath.Join(dir, name)
	if err := os.WriteFile(from, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	rep, err := Import(context.Background(), Options{From: from, Out: out})
	return rep, out, err
}

func TestImportBadRows(t *testing.T) {
	tests := []struct {
		name string
		file string
		data string
		want []string // "line: problem" for every bad row, in order
	}{
		{"missing question and answer", "f.csv",
			"question,answer\nok?,yes\n,no question\nno answer?,\n  ,  \n",
			[]string{"3: missing question", "4: missing answer", "5: missing question", "5: missing answer"}},
		{"wrong field count", "f.csv",
			"question,answer,url\na?,b,https://x.org\nc?,d\ne?,f,https://x.org,extra\n",
			[]string{"3: 2 fields; the header has 3", "4: 4 fields; the header has 3"}},
		{"quotes", "f.csv",
			"question,answer\nbad\"quote?,x\ngood?,y\n\"unterminated?,z\nlast?,w\n",
			[]string{`2: bare " in non-quoted-field (column 4)`,
				`4: extraneous or missing " in quoted-field (in a record running from here to line 5)`}},
		{"line of a multi-line record", "f.csv",
			"question,answer\n\"multi\nline?\",\"an\nanswer\"\n,missing\n",
			[]string{"5: missing question"}},
		{"url not http", "f.csv",
			"question,answer,link\na?,b,ftp://x.org/f\nc?,d,www.example.com\ne?,f,https://ok.example.com/\ng?,h,javascript:alert(1)\n",
			[]string{`2: url "ftp://x.org/f" is not an http(s) URL`, `3: url "www.example.com" is not an http(s) URL`,
				`5: url "javascript:alert(1)" is not an http(s) URL`}},
		{"invalid UTF-8 csv", "f.csv",
			"question,answer\na?,b\nc\xff?,d\n",
			[]string{"3: invalid UTF-8"}},
		{"json syntax", "f.jsonl",
			"{\"question\": \"a?\", \"answer\": \"b\"}\n{\"question\": \"c?\", \"answer\": }\n\n[1]\n{\"q\": \"d?\", \"a\": \"e\"\n",
			[]string{"2: invalid JSON: invalid character '}' looking for beginning of value", "4: not a JSON object",
				"5: invalid JSON: unexpected end of JSON input"}},
		{"json fields", "f.jsonl",
			"{\"question\": \"a?\"}\n{\"question\": 5, \"answer\": \"b\"}\n{\"q\": \"c?\", \"question\": \"c?\", \"answer\": \"d\"}\n{\"question\": \"e?\", \"answer\": \"f\", \"url\": \"mailto:x@y.org\"}\n",
			[]string{"1: missing answer", `2: field "question": want a string`, `3: fields "q" and "question" both give the question`,
				`4: url "mailto:x@y.org" is not an http(s) URL`}},
		{"invalid UTF-8 json", "f.jsonl",
			"{\"question\": \"a?\", \"answer\": \"b\"}\n{\"question\": \"\xc3\x28?\", \"answer\": \"b\"}\n",
			[]string{"2: invalid UTF-8"}},
		{"content detected as JSON Lines", "faq.txt",
			"\n{\"question\": \"a?\", \"answer\": \"\"}\n",
			[]string{"2: missing answer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, err := importString(t, tt.file, tt.data)
			var bad *BadRowsError
			if !errors.As(err, &bad) {
				t.Fatalf("Import(%q) error = %v; want a *BadRowsError", tt.data, err)
			}
			var got []string
			for _, r := range bad.Rows {
				got = append(got, strings.TrimPrefix(r.Error(), bad.Path+":"))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Import(%q) bad rows:\n%s\nwant:\n%s", tt.data, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if files := readDir(t, out); files != nil {
				t.Errorf("Import wrote %d files after bad rows; want none", len(files))
			}
		})
	}
}

func TestImportBadRowsMessage(t *testing.T) {
	var b strings.Builder
	b.WriteString("question,answer\n")
	for range 25 {
		b.WriteString("no answer?,\n")
	}
	_, out, err := importString(t, "many.csv", b.String())
	if err == nil {
		t.Fatal("Import of 25 bad rows succeeded")
	}
	msg := err.Error()
	lines := strings.Split(msg, "\n")
	if want := "many.csv: 25 bad rows, nothing written:"; !strings.HasSuffix(lines[0], want) {
		t.Errorf("first line %q; want suffix %q", lines[0], want)
	}
	if len(lines) != 1+maxListed+1 || !strings.HasSuffix(lines[1], "many.csv:2: missing answer") ||
		!strings.HasSuffix(lines[maxListed], "many.csv:21: missing answer") || lines[maxListed+1] != "... and 5 more" {
		t.Errorf("error message:\n%s\nwant the first %d rows (lines 2 to 21) and \"... and 5 more\"", msg, maxListed)
	}
	if files := readDir(t, out); files != nil {
		t.Errorf("Import wrote %d files; want none", len(files))
	}
}

func TestImportBadInput(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"empty", "f.csv", "", "no rows"},
		{"header only", "f.csv", "question,answer\n", "no rows"},
		{"no answer column", "f.csv", "question,reply\na?,b\n", "f.csv:1: the header row has no answer column"},
		{"no header", "f.csv", "How do I pay?,By card\n", "f.csv:1: the header row has no question column"},
		{"two question columns", "f.csv", "question,q,answer\n", `f.csv:1: columns "question" and "q" both give the question`},
		{"json array", "f.json", `[{"question": "a?", "answer": "b"}]`, "a JSON array; want JSON Lines"},
		{"blank jsonl", "f.jsonl", "\n\n", "no rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, out, err := importString(t, tt.file, tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Import(%q) error = %v; want one containing %q", tt.data, err, tt.want)
			}
			if files := readDir(t, out); files != nil {
				t.Errorf("Import wrote %d files; want none", len(files))
			}
		})
	}
	if _, err := Import(context.Background(), Options{From: filepath.Join(t.TempDir(), "missing.csv")}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Import(missing file) error = %v; want fs.ErrNotExist", err)
	}
}

func TestImportFormats(t *testing.T) {
	tests := []struct {
		name, file, data, format string
	}{
		{"semicolons", "f.csv", "Question;Answer;Topic\nHow?;Like this, and that.;Help\n", FormatCSV},
		{"tabs", "f.tsv", "q\ta\nHow?\tLike this; and that.\n", FormatCSV},
		{"BOM", "f.csv", "\xEF\xBB\xBFquestion,answer\nHow?,So.\n", FormatCSV},
		{"CRLF", "f.csv", "question,answer\r\nHow?,So.\r\n", FormatCSV},
		{"csv by content", "export", "title,body\nHow?,So.\n", FormatCSV},
		{"jsonl by content", "export.json", "{\"title\": \"How?\", \"body\": \"So.\"}\n", FormatJSONL},
		{"ndjson", "f.ndjson", "{\"Question\": \"How?\", \"Answer\": \"So.\"}", FormatJSONL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, out, err := importString(t, tt.file, tt.data)
			if err != nil {
				t.Fatalf("Import(%q): %v", tt.data, err)
			}
			if rep.Format != tt.format || rep.Rows != 1 || rep.Documents != 1 {
				t.Errorf("Import(%q) = %+v; want format %s, 1 row, 1 document", tt.data, rep, tt.format)
			}
			for _, data := range readDir(t, out) {
				if !strings.Contains(data, "\n### How?\n") {
					t.Errorf("Import(%q) wrote:\n%s\nwant a question \"How?\"", tt.data, data)
				}
			}
		})
	}
}

func TestImportExisting(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "faq.csv")
	csv := "question,answer,topic\nHow do I pay?,By card.,Billing\nHow do I log in?,With your email.,Account\n"
	if err := os.WriteFile(from, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "content")
	mine := filepath.Join(out, "billing.md")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("hand-written"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	_, err := Import(ctx, Options{From: from, Out: out})
	var exists *ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, fs.ErrExist) || !slices.Equal(exists.Paths, []string{mine}) {
		t.Fatalf("Import over an existing file: error %v; want an *ExistsError naming %s", err, mine)
	}
	if got := readDir(t, out); len(got) != 1 || got["billing.md"] != "hand-written" {
		t.Errorf("after a refused import the output holds %q; want only the untouched billing.md", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".faqbot-import-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %q", left)
	}

	rep, err := Import(ctx, Options{From: from, Out: out, Force: true})
	if err != nil {
		t.Fatalf("Import with Force: %v", err)
	}
	if !slices.Equal(rep.Replaced, []string{mine}) || len(rep.Files) != 2 {
		t.Errorf("Import with Force: Files %q, Replaced %q; want 2 files, %s replaced", rep.Files, rep.Replaced, mine)
	}
	got := readDir(t, out)
	if len(got) != 2 || !strings.Contains(got["billing.md"], "### How do I pay?") || !strings.Contains(got["account.md"], "### How do I log in?") {
		t.Errorf("after a forced import the output holds %q; want billing.md replaced and account.md", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".faqbot-import-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}

func TestImportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out := filepath.Join(t.TempDir(), "out")
	_, err := Import(ctx, Options{From: filepath.Join("testdata", "faq.csv"), Out: out})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Import with a cancelled context: error %v; want context.Canceled", err)
	}
	if files := readDir(t, out); files != nil {
		t.Errorf("cancelled Import wrote %d files; want none", len(files))
	}
}

func TestWriteRollsBack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "content")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "b.md"), []byte("old b"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []file{{"a.md", []byte("new a")}, {"b.md", []byte("new b")}, {"c.md", []byte("new c")}}
	// Fail the last rename: a.md and b.md are in place by then, b.md's old content backed up.
	failLast := func(from, to string) error {
		if filepath.Base(to) == "c.md" {
			return errors.New("disk full")
		}
		return os.Rename(from, to)
	}
	if _, err := writeWith(context.Background(), out, files, true, failLast); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("write with a failing rename: error %v; want disk full", err)
	}
	if got := readDir(t, out); len(got) != 1 || got["b.md"] != "old b" {
		t.Errorf("after a failed write the output holds %q; want only b.md with its old content", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".faqbot-import-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %q", left)
	}
}
