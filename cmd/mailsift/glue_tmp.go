package main

import (
	"github.com/mailsift/mailsift/store"
)

type categoriesFile struct{}

func (c *categoriesFile) copyInto(dir string) error { return nil }

func loadCategories(path string) (*categoriesFile, error) { return nil, nil }

type nopIndex struct{}

func (nopIndex) Index([]store.Finding) error { return nil }
func (nopIndex) Close() error                { return nil }

func openIndex(dir string, c *store.Case, rep *store.Repair, io *IOStreams) (nopIndex, error) {
	return nopIndex{}, nil
}
