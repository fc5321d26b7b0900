package main

import (
	"context"
	"errors"
	"io"
)

func runServe(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	return errors.New("serve: not built yet")
}
