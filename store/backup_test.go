package store

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"jixiao"
)

// A backup taken while saves commit is one consistent snapshot: opened
// as a store it holds whole documents, each exactly as stored at some
// moment, a prefix of the saves, and an audit trail that verifies with
// one entry per save. It leaves no other file beside it and refuses to
// replace a file unless told to.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, Config{SQLite: filepath.Join(dir, "live.db")})
	docs := genDocs(6, 20)
	save(t, s, docs[0])

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the other documents, one save each, during the backup
		defer wg.Done()
		for _, d := range docs[1:] {
			if _, err := s.SaveDocuments(ctx, []*jixiao.Document{d}, "writer"); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	path := filepath.Join(dir, "backups", "jixiao-2024.db")
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Backup(ctx, path, false)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Path != path || rep.Documents < 1 || rep.Audit < 1 || rep.Bytes <= 0 {
		t.Fatalf("report %+v", rep)
	}
	if names, _ := os.ReadDir(filepath.Dir(path)); len(names) != 1 {
		t.Errorf("the backup directory holds %v, want the backup alone", names)
	}

	c := openTest(t, Config{SQLite: path})
	list, err := c.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != rep.Documents {
		t.Fatalf("backup lists %d documents, report says %d", len(list), rep.Documents)
	}
	var keys []jixiao.Key
	for _, m := range list {
		keys = append(keys, m.Key)
	}
	for i, d := range docs { // a prefix of the saves, each document whole
		if i < len(list) != slices.Contains(keys, d.Key()) {
			t.Fatalf("backup of %d documents: document %d (%s) present %v", len(list), i, d.Key(), !(i < len(list)))
		}
		if i < len(list) {
			sameDoc(t, read(t, c, d.Key()), read(t, s, d.Key()))
		}
	}
	if broken, err := c.VerifyAudit(ctx); broken != 0 || err != nil {
		t.Fatalf("backup's audit chain: %d, %v", broken, err)
	}

	// An existing file is kept unless the backup is told to replace it.
	before, _ := os.ReadFile(path)
	if _, err := s.Backup(ctx, path, false); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if after, _ := os.ReadFile(path); !slices.Equal(before, after) {
		t.Fatal("a refused backup changed the existing file")
	}
	rep, err = s.Backup(ctx, path, true)
	if err != nil || rep.Documents != len(docs) {
		t.Fatalf("backup with overwrite: %+v, %v", rep, err)
	}
}

// PostgreSQL is backed up with its own tools; Backup says so and writes
// nothing.
func TestBackupPostgresRefused(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *Store) {
		if s.Dialect() != "postgres" {
			return
		}
		path := filepath.Join(t.TempDir(), "x.db")
		if _, err := s.Backup(ctx, path, false); !errors.Is(err, ErrBackupUnsupported) {
			t.Fatalf("backup on PostgreSQL: %v", err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Fatal("a file was written")
		}
	})
}
