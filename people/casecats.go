package people

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mailsift/mailsift/store"
)

// ErrManyCategories means a case holds several categories files and none
// was named.
var ErrManyCategories = errors.New("several categories files")

// CaseCategories loads the categories file at path or, when path is "",
// the one the case keeps in its config directory (a copy made by scan
// --categories); nil when there is none.
func CaseCategories(caseDir, path string) (*Categories, error) {
	if path == "" {
		found, err := CategoriesFiles(caseDir)
		if err != nil {
			return nil, err
		}
		switch len(found) {
		case 0:
			return nil, nil
		case 1:
			path = found[0]
		default:
			return nil, fmt.Errorf("the case holds %d categories files in %s: %w", len(found), store.ConfigDir, ErrManyCategories)
		}
	}
	return LoadCategories(path)
}

// CategoriesFiles lists the categories files in the case's config
// directory, sorted.
func CategoriesFiles(caseDir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(caseDir, store.ConfigDir))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read the case's categories: %w", err)
	}
	var found []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && (strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			found = append(found, filepath.Join(caseDir, store.ConfigDir, n))
		}
	}
	slices.Sort(found)
	return found, nil
}
