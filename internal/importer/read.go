package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Formats an input file can have.
const (
	FormatCSV   = "csv"
	FormatJSONL = "jsonl"
)

// field is a column of the input that the importer uses.
type field int

const (
	fieldNone field = iota
	fieldQuestion
	fieldAnswer
	fieldURL
	fieldTopic
	fieldAlternates
	fieldSource
)

var fieldNames = [...]string{"", "question", "answer", "url", "topic", "alternates", "source"}

// aliases maps a normalised column name to the field it fills.
var aliases = map[string]field{
	"question": fieldQuestion, "q": fieldQuestion, "title": fieldQuestion,
	"answer": fieldAnswer, "a": fieldAnswer, "body": fieldAnswer,
	"url": fieldURL, "source_url": fieldURL, "link": fieldURL,
	"topic": fieldTopic, "group": fieldTopic, "category": fieldTopic, "document": fieldTopic,
	"alternates": fieldAlternates, "also_asked": fieldAlternates, "alternate_phrasings": fieldAlternates,
	"source": fieldSource, "site": fieldSource,
}

// columnField returns the field a column name stands for: case-insensitive, with
// spaces and hyphens read as underscores ("Alternate phrasings" = alternate_phrasings).
func columnField(name string) field {
	n := []byte(strings.ToLower(strings.TrimSpace(name)))
	for i, c := range n {
		if c == ' ' || c == '-' {
			n[i] = '_'
		}
	}
	return aliases[string(n)]
}

// row is one question and answer read from the input.
type row struct {
	line       int
	question   string
	answer     string
	url        string
	topic      string
	source     string
	alternates []string
}

// input is what reading a file yields.
type input struct {
	format  string
	rows    []row
	ignored []string // column or field names that were not used
	bad     []*RowError
}

// read reads rows in the format the file name or its content suggests.
func read(ctx context.Context, path string, r io.Reader) (input, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	skipBOM(br)
	format, err := detect(path, br)
	if err != nil {
		return input{}, err
	}
	in := input{format: format}
	if format == FormatJSONL {
		err = readJSONL(ctx, path, br, &in)
	} else {
		err = readCSV(ctx, path, br, &in)
	}
	return in, err
}

func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
}

// detect tells CSV from JSON Lines by extension, else by the first non-blank byte.
func detect(path string, br *bufio.Reader) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv":
		return FormatCSV, nil
	case ".jsonl", ".ndjson":
		return FormatJSONL, nil
	}
	for n := 64; ; n *= 2 {
		b, err := br.Peek(n)
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 {
			switch t[0] {
			case '{':
				return FormatJSONL, nil
			case '[':
				return "", fmt.Errorf("%s: a JSON array; want JSON Lines (one object a line)", path)
			}
			return FormatCSV, nil
		}
		if err != nil || n >= br.Size() {
			return "", fmt.Errorf("%s: no rows", path)
		}
	}
}

// readJSONL reads one JSON object a line; blank lines are skipped.
func readJSONL(ctx context.Context, path string, br *bufio.Reader, in *input) error {
	ignored := map[string]bool{}
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			if line%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			r, problems := jsonRow(b, ignored)
			r.line = line
			in.add(path, r, problems)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
	in.ignored = sortedKeys(ignored)
	return nil
}

// jsonRow decodes one JSON Lines object.
func jsonRow(b []byte, ignored map[string]bool) (row, []error) {
	if !utf8.Valid(b) {
		return row{}, []error{errors.New("invalid UTF-8")}
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return row{}, []error{errors.New("not a JSON object")}
		}
		return row{}, []error{fmt.Errorf("invalid JSON: %v", err)}
	}
	if obj == nil {
		return row{}, []error{errors.New("not a JSON object")}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // problems in a stable order
	var r row
	var problems []error
	seen := map[field]string{}
	for _, key := range keys {
		f := columnField(key)
		if f == fieldNone {
			ignored[key] = true
			continue
		}
		if prev, ok := seen[f]; ok {
			problems = append(problems, fmt.Errorf("fields %q and %q both give the %s", prev, key, fieldNames[f]))
			continue
		}
		seen[f] = key
		switch v := obj[key].(type) {
		case nil:
		case string:
			r.set(f, v)
		case []any:
			if f != fieldAlternates {
				problems = append(problems, fmt.Errorf("field %q: want a string", key))
				continue
			}
			for _, a := range v {
				s, ok := a.(string)
				if !ok {
					problems = append(problems, fmt.Errorf("field %q: want a string or a list of strings", key))
					break
				}
				r.alternates = append(r.alternates, s)
			}
		default:
			problems = append(problems, fmt.Errorf("field %q: want a string", key))
		}
	}
	return r, problems
}

// set stores a text value for field f.
func (r *row) set(f field, v string) {
	switch f {
	case fieldQuestion:
		r.question = v
	case fieldAnswer:
		r.answer = v
	case fieldURL:
		r.url = v
	case fieldTopic:
		r.topic = v
	case fieldSource:
		r.source = v
	case fieldAlternates:
		r.alternates = strings.FieldsFunc(v, func(c rune) bool { return c == '|' || c == '\n' })
	}
}

// add validates a row and keeps it, or records its problems.
func (in *input) add(path string, r row, problems []error) {
	if len(problems) == 0 {
		problems = r.check()
	}
	for _, p := range problems {
		in.bad = append(in.bad, &RowError{Path: path, Line: r.line, Err: p})
	}
	if len(problems) == 0 {
		in.rows = append(in.rows, r)
	}
}

// check reports what is wrong with a decoded row.
func (r *row) check() []error {
	var problems []error
	for _, v := range append([]string{r.question, r.answer, r.url, r.topic, r.source}, r.alternates...) {
		if !utf8.ValidString(v) {
			return []error{errors.New("invalid UTF-8")}
		}
	}
	r.question = strings.TrimSpace(r.question)
	r.answer = strings.TrimSpace(r.answer)
	r.url = strings.TrimSpace(r.url)
	if r.question == "" {
		problems = append(problems, errors.New("missing question"))
	}
	if r.answer == "" {
		problems = append(problems, errors.New("missing answer"))
	}
	if r.url != "" {
		u, err := url.Parse(r.url)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problems = append(problems, fmt.Errorf("url %q is not an http(s) URL", r.url))
		}
	}
	return problems
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
