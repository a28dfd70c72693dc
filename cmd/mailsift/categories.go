package main

import (
	"errors"
	"fmt"

	"github.com/mailsift/mailsift/people"
)

// loadCategories validates the categories file before a scan starts: a
// bad file is bad input (exit 2) naming file, line and problem.
func loadCategories(path string) (*people.Categories, error) {
	if path == "" {
		return nil, nil
	}
	c, err := people.LoadCategories(path)
	if err != nil {
		var ce *people.ConfigError
		if errors.As(err, &ce) {
			return nil, usageError{err}
		}
		return nil, usagef("--categories %s: %v", path, err)
	}
	return c, nil
}

func copyCategories(c *people.Categories, dest string) error {
	if err := people.Copy(c, dest); err != nil {
		return fmt.Errorf("copy categories into the case: %w", err)
	}
	return nil
}
