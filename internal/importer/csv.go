package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// readCSV reads a CSV file whose first record names the columns.
func readCSV(ctx context.Context, path string, br *bufio.Reader, in *input) error {
	cr := csv.NewReader(br)
	cr.Comma = sniffComma(path, br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: no rows", path)
	}
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	columns := make([]field, len(header))
	byField := map[field]string{}
	for i, name := range header {
		f := columnField(name)
		columns[i] = f
		if f == fieldNone {
			in.ignored = append(in.ignored, strings.TrimSpace(name))
			continue
		}
		if prev, ok := byField[f]; ok {
			return fmt.Errorf("%s:1: columns %q and %q both give the %s", path, prev, name, fieldNames[f])
		}
		byField[f] = name
	}
	for _, f := range []field{fieldQuestion, fieldAnswer} {
		if _, ok := byField[f]; !ok {
			return fmt.Errorf("%s:1: the header row has no %s column (columns: %s; want a header row naming question and answer columns)",
				path, fieldNames[f], strings.Join(header, ", "))
		}
	}
	for n := 1; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			msg := fmt.Errorf("%w (column %d)", pe.Err, pe.Column)
			switch {
			case errors.Is(pe.Err, csv.ErrFieldCount):
				msg = fmt.Errorf("%d fields; the header has %d", len(rec), len(header))
			case pe.Line != pe.StartLine:
				msg = fmt.Errorf("%w (in a record running from here to line %d)", pe.Err, pe.Line)
			}
			in.bad = append(in.bad, &RowError{Path: path, Line: pe.StartLine, Err: msg})
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		line, _ := cr.FieldPos(0)
		r := row{line: line}
		for i, v := range rec {
			r.set(columns[i], v)
		}
		in.add(path, r, nil)
	}
	return nil
}

// sniffComma picks the delimiter: tab for .tsv, else whichever of comma, semicolon and
// tab splits the first line into the most known column names.
func sniffComma(path string, br *bufio.Reader) rune {
	if strings.EqualFold(filepath.Ext(path), ".tsv") {
		return '\t'
	}
	first, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	best, bestN := ',', 0
	for _, c := range []rune{',', ';', '\t'} {
		n := 0
		for _, name := range strings.Split(string(first), string(c)) {
			if columnField(strings.Trim(name, "\" \r")) != fieldNone {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}
