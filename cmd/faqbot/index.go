package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
)

func runIndex(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	force := fs.Bool("force", false, "put the build in service even when must-answer checks fail (logged)")
	f := addIndexFlags(fs, s)
	if err := parseNoArgs(fs, args, stderr); err != nil {
		return err
	}
	svc, err := cliService(s, f, stderr)
	if err != nil {
		return err
	}
	defer svc.Store.Close()
	// The build in service, if any, is what the report compares with.
	if err := svc.Store.Open(); err != nil {
		return err
	}
	r, err := svc.Reindex(ctx, faq.ReindexRequest{Origin: cliOrigin, Force: *force})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintln(stdout, r.Summary())
	if len(r.Overridden) > 0 {
		fmt.Fprintln(stdout, index.FailureLines(r.Overridden))
	}
	return nil
}

func runRollback(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rollback", flag.ContinueOnError)
	f := addIndexFlags(fs, s)
	if err := parseNoArgs(fs, args, stderr); err != nil {
		return err
	}
	svc, err := cliService(s, f, stderr)
	if err != nil {
		return err
	}
	defer svc.Store.Close()
	r, err := svc.Rollback(ctx, faq.ReindexRequest{Origin: cliOrigin})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintln(stdout, r.Summary())
	return nil
}
