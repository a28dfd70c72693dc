package index

import (
	"bufio"
	"cmp"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mailsift/mailsift/store"
)

// table is what the index keeps beside its bleve indexes: the messages in
// date order (a message's key is its position), the folders, the months and
// the people. Search loads it once per Reader: facets on source, date and
// category add up the msg and person facets through it, and hits get their
// message's subject and their person's name from it.
type table struct {
	Msgs    []Msg
	Sources []string    // folders, sorted; Msg.Sources index it
	Months  []string    // "2006-01", sorted; Msg.Month indexes it (-1: no date)
	People  []Person    // sorted by ID
	All     facetCounts // the facets of "*"

	bySHA      map[string]int // message_sha256 → key (not saved)
	byPerson   map[string]int // person id → index in People (not saved)
	monthStart []int          // key of the first message of each month, and the end of the dated ones (not saved)
}

// Msg is one message of the case, as the review page shows it.
type Msg struct {
	SHA256    string
	MessageID string
	Date      string // RFC 3339, as in the manifest
	From      string
	To, Cc    []string
	Subject   string // masked
	Sources   []int  // folders it was found in (the first is the findings' source)
	Month     int
}

// msgKeyWidth is the width of a msg key: fixed, so that the order of the
// keys as strings is the order of the messages by date.
const msgKeyWidth = 7

func msgKeyOf(i int) string {
	s := strconv.FormatInt(int64(i), 16)
	return strings.Repeat("0", max(0, msgKeyWidth-len(s))) + s
}

func parseMsgKey(k string) (int, bool) {
	n, err := strconv.ParseInt(k, 16, 64)
	return int(n), err == nil
}

// readMessages reads the messages of a case's manifest, in date order
// (messages without a date last, then by hash, so the order is total), and
// which findings are committed.
func readMessages(caseDir string) (*table, *store.CommitFilter, error) {
	t := &table{bySHA: map[string]int{}}
	sources := map[string]int{}
	srcOf := func(s string) int {
		i, ok := sources[s]
		if !ok {
			i = len(sources)
			sources[s] = i
		}
		return i
	}
	cf, err := store.CommittedEach(caseDir, func(e *store.Entry) error {
		switch e.Kind {
		case store.KindMessage:
			if _, ok := t.bySHA[e.MessageSHA256]; ok {
				return nil
			}
			t.bySHA[e.MessageSHA256] = len(t.Msgs)
			t.Msgs = append(t.Msgs, Msg{SHA256: e.MessageSHA256, MessageID: e.MessageID, Date: e.Date,
				From: e.From, To: e.To, Cc: e.Cc, Subject: e.Subject, Sources: []int{srcOf(e.Source)}})
		case store.KindSeen:
			if i, ok := t.bySHA[e.MessageSHA256]; ok {
				s := srcOf(e.Source)
				if !slices.Contains(t.Msgs[i].Sources, s) {
					t.Msgs[i].Sources = append(t.Msgs[i].Sources, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// Folders sorted by name; renumber.
	t.Sources = make([]string, len(sources))
	for s, i := range sources {
		t.Sources[i] = s
	}
	order := make([]int, len(t.Sources))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(t.Sources[a], t.Sources[b]) })
	renum := make([]int, len(order))
	sorted := make([]string, len(order))
	for to, from := range order {
		renum[from] = to
		sorted[to] = t.Sources[from]
	}
	t.Sources = sorted
	months := map[string]bool{}
	dateKey := func(m *Msg) string {
		if d, ok := encodeDate(m.Date); ok {
			return d
		}
		return "~" // after every date
	}
	for i := range t.Msgs {
		m := &t.Msgs[i]
		for j := range m.Sources {
			m.Sources[j] = renum[m.Sources[j]]
		}
		if d, ok := encodeDate(m.Date); ok {
			months[d[:7]] = true
		}
	}
	slices.SortFunc(t.Msgs, func(a, b Msg) int {
		return cmp.Or(strings.Compare(dateKey(&a), dateKey(&b)), strings.Compare(a.SHA256, b.SHA256))
	})
	for m := range months {
		t.Months = append(t.Months, m)
	}
	slices.Sort(t.Months)
	for i := range t.Msgs {
		m := &t.Msgs[i]
		t.bySHA[m.SHA256] = i
		m.Month = -1
		if d, ok := encodeDate(m.Date); ok {
			m.Month, _ = slices.BinarySearch(t.Months, d[:7])
		}
	}
	return t, cf, nil
}

// setPeople keeps the people, sorted by ID.
func (t *table) setPeople(ps []Person) {
	t.People = slices.Clone(ps)
	slices.SortFunc(t.People, func(a, b Person) int { return strings.Compare(a.ID, b.ID) })
	t.index()
}

func (t *table) index() {
	t.byPerson = make(map[string]int, len(t.People))
	for i, p := range t.People {
		t.byPerson[p.ID] = i
	}
	if t.bySHA == nil {
		t.bySHA = make(map[string]int, len(t.Msgs))
		for i, m := range t.Msgs {
			t.bySHA[m.SHA256] = i
		}
	}
	// Dated messages come first, in month order.
	t.monthStart = make([]int, len(t.Months)+1)
	mo := 0
	for i, m := range t.Msgs {
		if m.Month < 0 {
			break
		}
		for mo <= m.Month {
			t.monthStart[mo] = i
			mo++
		}
		t.monthStart[len(t.Months)] = i + 1
	}
}

// msgKey is the msg key of f's message ("" if the manifest lacks it).
func (t *table) msgKey(f *store.Finding) string {
	i, ok := t.bySHA[f.MessageSHA256]
	if !ok {
		return ""
	}
	return msgKeyOf(i)
}

// person returns the person with this id, if known.
func (t *table) person(id string) (*Person, bool) {
	i, ok := t.byPerson[id]
	if !ok {
		return nil, false
	}
	return &t.People[i], true
}

// writeMessages indexes the messages: what message fields of a query
// search (see resolveMessages).
func (t *table) writeMessages(ctx context.Context, dir string) error {
	m, err := messageMapping()
	if err != nil {
		return err
	}
	x, err := newBleve(dir, m)
	if err != nil {
		return err
	}
	batch := x.NewBatch()
	for i := range t.Msgs {
		msg := &t.Msgs[i]
		doc := document.NewDocument(msgKeyOf(i))
		kw := func(name, v string) {
			if v != "" {
				doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v), bindex.IndexField, nil))
			}
		}
		kw(fieldMessageID, msg.MessageID)
		kw(fieldMessageSHA256, msg.SHA256)
		for _, s := range msg.Sources {
			kw(fieldSource, t.Sources[s])
		}
		if d, ok := encodeDate(msg.Date); ok {
			kw(fieldDate, d)
		}
		kw(fieldFrom, strings.ToLower(msg.From))
		for _, a := range msg.To {
			kw(fieldTo, strings.ToLower(a))
		}
		for _, a := range msg.Cc {
			kw(fieldTo, strings.ToLower(a))
		}
		if err := batch.IndexAdvanced(doc); err != nil {
			return errors.Join(err, x.Close())
		}
		if batch.Size() >= buildBatch {
			if err := x.Batch(batch); err != nil {
				return errors.Join(err, x.Close())
			}
			batch = x.NewBatch()
			if err := ctx.Err(); err != nil {
				return errors.Join(err, x.Close())
			}
		}
	}
	if err := x.Batch(batch); err != nil {
		return errors.Join(err, x.Close())
	}
	return closeCompacted(ctx, x, dir)
}

// write saves the table (gob: a tenth of the time JSON takes to load).
func (t *table) write(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := gob.NewEncoder(w).Encode(t); err != nil {
		_ = f.Close()
		return fmt.Errorf("write table: %w", err)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// readTable loads a table saved by write.
func readTable(path string) (*table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	defer f.Close()
	t := &table{}
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(t); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, path, err)
	}
	t.index()
	return t, nil
}
