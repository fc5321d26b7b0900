package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
)

func TestReads(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "content")
	for _, d := range []string{"sub/deep", ".hidden", "../elsewhere"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	symlink(t, filepath.Join(tmp, "elsewhere"), filepath.Join(root, "out-link")) // inside, leading out
	symlink(t, filepath.Join(root, "sub"), filepath.Join(tmp, "in-link"))        // outside, leading in
	symlink(t, root, filepath.Join(tmp, "root-link"))                            // the content directory itself

	tests := []struct {
		root, dir string
		want      bool
	}{
		{root, root, true},
		{root, root + string(filepath.Separator), true},
		{root, filepath.Join(root, "sub", "deep"), true},
		{root, filepath.Join(root, "sub", "new", "newer"), true}, // not created yet
		{root, filepath.Join(root, "sub", "..", "sub"), true},
		{root, filepath.Join(root, ".hidden"), false},
		{root, filepath.Join(root, ".hidden", "new"), false},
		{root, filepath.Join(root, ".."), false},
		{root, filepath.Join(tmp, "elsewhere"), false},
		{root, filepath.Join(tmp, "content-2"), false},
		{root, filepath.Join(root, "out-link"), false},
		{root, filepath.Join(tmp, "in-link"), true},
		{filepath.Join(tmp, "root-link"), filepath.Join(root, "sub"), true},
		{root, filepath.Join(tmp, "root-link", "new"), true},
	}
	for _, tt := range tests {
		if got := content.Reads(tt.root, tt.dir); got != tt.want {
			t.Errorf("Reads(%s, %s) = %v; want %v", tt.root, tt.dir, got, tt.want)
		}
	}

	// Relative paths are taken from the working directory.
	t.Chdir(tmp)
	if !content.Reads("content", filepath.Join(root, "sub")) || content.Reads("content", "elsewhere") {
		t.Errorf("Reads with a relative content directory: want content/sub read and elsewhere not")
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links not available: %v", err)
	}
}
