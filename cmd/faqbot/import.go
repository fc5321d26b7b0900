package main

import (
	"context"
	"errors"
	"io"
)

func runImport(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	return errors.New("import: not built yet")
}
