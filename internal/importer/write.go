package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// file is one content file to write: its name in the output directory and bytes.
type file struct {
	name string
	data []byte
}

// write puts files into dir all or nothing and returns the paths it replaced.
// Existing files are refused unless force is set. Every file is first written into
// a temporary directory beside dir (same file system), then renamed into place; if
// anything fails, the files already moved are removed and the ones they replaced
// restored, so an interrupted import leaves no half-written file and no partial
// result.
func write(ctx context.Context, dir string, files []file, force bool) ([]string, error) {
	return writeWith(ctx, dir, files, force, os.Rename)
}

// writeWith is write with the rename function given, so tests can make it fail.
func writeWith(ctx context.Context, dir string, files []file, force bool, rename func(from, to string) error) (replaced []string, err error) {
	dir = filepath.Clean(dir)
	existing := map[string]fs.DirEntry{}
	entries, err := os.ReadDir(dir)
	created := errors.Is(err, fs.ErrNotExist)
	if err != nil && !created {
		return nil, fmt.Errorf("read output directory: %w", err)
	}
	for _, e := range entries {
		existing[e.Name()] = e
	}
	var exists []string
	for _, f := range files {
		if e, ok := existing[f.name]; ok {
			target := filepath.Join(dir, f.name)
			if !e.Type().IsRegular() {
				return nil, fmt.Errorf("%s exists and is not a regular file", target)
			}
			exists = append(exists, target)
		}
	}
	if len(exists) > 0 && !force {
		sort.Strings(exists)
		return nil, &ExistsError{Paths: exists}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output directory: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".faqbot-import-")
	if err != nil {
		return nil, fmt.Errorf("create temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	backup := filepath.Join(tmp, "replaced")
	if err := os.Mkdir(backup, 0o755); err != nil {
		return nil, fmt.Errorf("create temporary directory: %w", err)
	}
	if err := writeTemp(ctx, tmp, files); err != nil {
		return nil, err
	}

	var placed, backedUp []string
	defer func() {
		if err == nil {
			return
		}
		replaced = nil
		for _, target := range placed {
			os.Remove(target)
		}
		for _, name := range backedUp {
			os.Rename(filepath.Join(backup, name), filepath.Join(dir, name))
		}
		if created {
			os.Remove(dir)
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		target := filepath.Join(dir, f.name)
		if _, ok := existing[f.name]; ok {
			if err := rename(target, filepath.Join(backup, f.name)); err != nil {
				return nil, fmt.Errorf("replace %s: %w", target, err)
			}
			backedUp = append(backedUp, f.name)
			replaced = append(replaced, target)
		}
		if err := rename(filepath.Join(tmp, f.name+".tmp"), target); err != nil {
			return nil, fmt.Errorf("move %s into place: %w", target, err)
		}
		placed = append(placed, target)
	}
	return replaced, nil
}

// writers is how many files are created at once. Creating a file costs a disk
// round trip on some file systems; several in flight hide most of that latency.
const writers = 8

// writeTemp writes every file into dir as "<name>.tmp".
func writeTemp(ctx context.Context, dir string, files []file) error {
	jobs := make(chan file)
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if err := os.WriteFile(filepath.Join(dir, f.name+".tmp"), f.data, 0o644); err != nil {
					errs <- fmt.Errorf("write %s: %w", f.name, err)
					return
				}
			}
		}()
	}
	var err error
feed:
	for _, f := range files {
		select {
		case jobs <- f:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if err != nil {
		return err
	}
	return <-errs // nil when the channel is empty
}
