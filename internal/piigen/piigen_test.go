package piigen

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/accuracy/generated.jsonl")

// Corpus parameters of the committed accuracy corpus.
const (
	CorpusSeed = 7
	CorpusSize = 600
)

func encode(docs []Doc) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		enc.Encode(d)
	}
	return b.Bytes()
}

// TestCorpusFile keeps testdata/accuracy/generated.jsonl what the
// generator writes: regenerate with go test ./internal/piigen -update.
func TestCorpusFile(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "accuracy", "generated.jsonl")
	got := encode(Generate(CorpusSeed, CorpusSize))
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./internal/piigen -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the generator's output; regenerate with: go test ./internal/piigen -update", path)
	}
}

func TestDeterministicAndLabelled(t *testing.T) {
	a, b := Generate(1, 200), Generate(1, 200)
	if !bytes.Equal(encode(a), encode(b)) {
		t.Fatal("same seed, different corpus")
	}
	types := map[string]int{}
	for _, d := range a {
		if d.Negative && len(d.Labels) > 0 {
			t.Errorf("%s: negative with labels", d.ID)
		}
		if !d.Negative && len(d.Labels) == 0 {
			t.Errorf("%s: positive without labels", d.ID)
		}
		for _, l := range d.Labels {
			types[l.Type]++
		}
	}
	for _, typ := range []string{"person_name", "passport", "drivers_license", "bank_account", "phone", "birth_date", "email", "address", "my_number", "company", "title", "credit_card", "gender", "nationality", "age"} {
		if types[typ] < 5 {
			t.Errorf("only %d labels of %s", types[typ], typ)
		}
	}
}

func TestMyNumberCheckDigit(t *testing.T) {
	// pii-formats B1 test vector: 621498320257 passes.
	d := []int{6, 2, 1, 4, 9, 8, 3, 2, 0, 2, 5}
	if c := MyNumberCheckDigit(d); c != 7 {
		t.Errorf("check digit %d, want 7", c)
	}
}
