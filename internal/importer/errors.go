package importer

import (
	"fmt"
	"io/fs"
	"strings"
)

// maxListed is how many bad rows or existing files an error message lists before it
// gives only a count of the rest.
const maxListed = 20

// RowError is a problem with one row of the input file.
type RowError struct {
	Path string
	// Line is the 1-based line of the row in the input (its first line for a CSV
	// record that spans several).
	Line int
	Err  error
}

// Error returns "path:line: problem".
func (e *RowError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
}

// Unwrap returns the problem.
func (e *RowError) Unwrap() error { return e.Err }

// BadRowsError reports every bad row of an input file. When an import returns it,
// nothing has been written.
type BadRowsError struct {
	Path string
	Rows []*RowError
}

// Error lists the bad rows, the first maxListed of them, then a count of the rest.
func (e *BadRowsError) Error() string {
	var b strings.Builder
	noun := "rows"
	if len(e.Rows) == 1 {
		noun = "row"
	}
	fmt.Fprintf(&b, "%s: %d bad %s, nothing written:", e.Path, len(e.Rows), noun)
	for i, r := range e.Rows {
		if i == maxListed {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Rows)-maxListed)
			break
		}
		b.WriteString("\n")
		b.WriteString(r.Error())
	}
	return b.String()
}

// ExistsError says that files the import would write already exist and Force was not
// set. Nothing has been written. It matches fs.ErrExist with errors.Is.
type ExistsError struct {
	Paths []string
}

// Error lists the files, the first maxListed of them, then a count of the rest.
func (e *ExistsError) Error() string {
	var b strings.Builder
	if len(e.Paths) == 1 {
		b.WriteString("1 file already exists (overwrite it with -force), nothing written:")
	} else {
		fmt.Fprintf(&b, "%d files already exist (overwrite them with -force), nothing written:", len(e.Paths))
	}
	for i, p := range e.Paths {
		if i == maxListed {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Paths)-maxListed)
			break
		}
		b.WriteString("\n")
		b.WriteString(p)
	}
	return b.String()
}

// Unwrap returns fs.ErrExist.
func (e *ExistsError) Unwrap() error { return fs.ErrExist }
