package importer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// file is one content file to write: its name in the output directory and bytes.
type file struct {
	name string
	data []byte
}

// write puts files into dir all or nothing. Existing files are refused unless force
// is set. Every file is first written into a temporary directory beside dir (same
// file system), then renamed into place; if anything fails, the files already moved
// are removed and the ones they replaced restored, so an interrupted import leaves
// no half-written file and no partial result.
func write(ctx context.Context, dir string, files []file, force bool) (err error) {
	dir = filepath.Clean(dir)
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("output %s is not a directory", dir)
	}
	var exists []string
	for _, f := range files {
		target := filepath.Join(dir, f.name)
		fi, err := os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("check %s: %w", target, err)
		case !fi.Mode().IsRegular():
			return fmt.Errorf("%s exists and is not a regular file", target)
		default:
			exists = append(exists, target)
		}
	}
	if len(exists) > 0 && !force {
		sort.Strings(exists)
		return &ExistsError{Paths: exists}
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	_, statErr := os.Stat(dir)
	created := errors.Is(statErr, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create output directory: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".faqbot-import-")
	if err != nil {
		return fmt.Errorf("create temporary directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	backup := filepath.Join(tmp, "replaced")
	if err := os.Mkdir(backup, 0o755); err != nil {
		return fmt.Errorf("create temporary directory: %w", err)
	}

	for i, f := range files {
		if i%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := os.WriteFile(filepath.Join(tmp, f.name+".tmp"), f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}

	var placed, replaced []string
	defer func() {
		if err == nil {
			return
		}
		for _, target := range placed {
			os.Remove(target)
		}
		for _, name := range replaced {
			os.Rename(filepath.Join(backup, name), filepath.Join(dir, name))
		}
		if created {
			os.Remove(dir)
		}
	}()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		target := filepath.Join(dir, f.name)
		if _, err := os.Lstat(target); err == nil {
			if !force {
				return &ExistsError{Paths: []string{target}}
			}
			if err := os.Rename(target, filepath.Join(backup, f.name)); err != nil {
				return fmt.Errorf("replace %s: %w", target, err)
			}
			replaced = append(replaced, f.name)
		}
		if err := os.Rename(filepath.Join(tmp, f.name+".tmp"), target); err != nil {
			return fmt.Errorf("move %s into place: %w", target, err)
		}
		placed = append(placed, target)
	}
	return nil
}
