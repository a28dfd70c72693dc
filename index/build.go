package index

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mailsift/mailsift/store"
)

// Input is what Build indexes: the case's findings and messages, and the
// people resolved from them.
type Input struct {
	// Case is the case directory: Build reads its manifest and the
	// committed findings of its findings file.
	Case string
	// PersonOf maps a finding id to the id of the person it is about.
	PersonOf map[string]string
	// People are the people of the case, for name:, category: and the
	// hits' display names.
	People []Person
	// Stamp is kept with the index and returned by Reader.Stamp: what the
	// index was built from (the findings' size, the overrides' hash), for
	// the caller to tell whether it is stale.
	Stamp map[string]string
	// Resolve, when set, gives PersonOf and People: Build calls it in a
	// goroutine of its own as it starts, reads the messages and builds
	// their index meanwhile, and waits for it before the findings.
	Resolve func(ctx context.Context) (personOf map[string]string, people []Person, err error)
	// Shards is how many bleve indexes the findings are spread over, built
	// in parallel; 0 means one per CPU (at most 8).
	Shards int
	// Progress, when set, is called now and then with the bytes of the
	// findings file read so far.
	Progress func(done int64)
}

// Person is a person as the index knows them.
type Person struct {
	ID       string
	Display  string   // masked display name, for hits
	Names    []string // names as written (raw): what name: matches
	Category string   // category id
}

// Build (re)builds the index of a case at dir from in, and returns the
// number of findings indexed. The new index is built beside dir and swapped
// in only when complete, so a failed or interrupted build leaves dir as it
// was. Run it under the case's lock: the index is the case's.
func Build(ctx context.Context, dir string, in Input) (n int, err error) {
	kind, err := inspect(dir)
	if err != nil {
		return 0, err
	}
	if kind == dirOther {
		return 0, fmt.Errorf("index: build %s: directory is not empty and holds no index; not removing it", dir)
	}
	tmp := filepath.Clean(dir) + ".build"
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("index: build: %w", err)
	}
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return 0, fmt.Errorf("index: build: %w", err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	n, err = build(ctx, tmp, in)
	if err == nil {
		err = private(tmp)
	}
	if err != nil {
		return 0, fmt.Errorf("index: build %s: %w", dir, err)
	}
	// Move the old index aside before the new one takes its place, so that
	// a crash at any point leaves one of them at dir.
	old := filepath.Clean(dir) + ".old"
	if err := os.RemoveAll(old); err != nil {
		return 0, fmt.Errorf("index: build: %w", err)
	}
	if kind != dirMissing {
		if err := os.Rename(dir, old); err != nil {
			return 0, fmt.Errorf("index: build: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return 0, fmt.Errorf("index: build: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return 0, fmt.Errorf("index: build: remove old index: %w", err)
	}
	return n, nil
}

// private makes every file of dir 0600 and every directory 0700: bleve
// creates its own with the umask's modes, and a case is the owner's only.
func private(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := os.FileMode(0o600)
		if d.IsDir() {
			mode = 0o700
		}
		return os.Chmod(p, mode)
	})
}

// Files and directories of an index.
const (
	stampFile   = "mailsift-index.json"
	tableFile   = "table.gob"
	idsFile     = "ids"
	textsDir    = "texts"
	messagesDir = "messages"
	shardPrefix = "shard-"
)

// chunkLines is how many findings lines go to a shard at a time: shards get
// runs of consecutive findings, whose document IDs (offsets) share
// prefixes, which keeps their dictionaries small.
const chunkLines = 2048

// buildBatch is the bleve batch size per shard (see BenchmarkBuild: from
// 2,000 to 10,000 costs about the same; bigger holds more memory).
const buildBatch = 5000

func build(ctx context.Context, dir string, in Input) (int, error) {
	// (Raising GOGC to 400 for the build saved up to 15% of its CPU time
	// on bench/scan.sh's case, and took the peak RSS from 0.8 to 1.1 GB:
	// not worth it.)
	type resolved struct {
		personOf map[string]string
		people   []Person
		err      error
	}
	var people chan resolved
	if in.Resolve != nil {
		rctx, cancel := context.WithCancel(ctx)
		people = make(chan resolved, 1)
		go func() {
			var r resolved
			r.personOf, r.people, r.err = in.Resolve(rctx)
			people <- r
		}()
		// An early return does not leave it running.
		defer func() {
			cancel()
			if people != nil {
				<-people
			}
		}()
	}
	tab, cf, err := readMessages(in.Case)
	if err != nil {
		return 0, err
	}
	tab.All = newFacetCounts()
	// The messages index needs only the table: it is built beside the
	// findings' shards.
	msgDone := make(chan error, 1)
	mctx, mcancel := context.WithCancel(ctx)
	defer mcancel()
	go func() { msgDone <- tab.writeMessages(mctx, filepath.Join(dir, messagesDir)) }()
	// stop returns err once the messages index stopped writing into dir,
	// which the caller removes.
	stop := func(err error) (int, error) {
		mcancel()
		<-msgDone
		return 0, err
	}

	shards := in.Shards
	if shards <= 0 {
		shards = min(runtime.GOMAXPROCS(0), 8)
	}
	fm, err := findingMapping()
	if err != nil {
		return stop(err)
	}
	once, err := singleContexts(filepath.Join(in.Case, store.FindingsFile))
	if err != nil {
		return stop(err)
	}
	if people != nil {
		r := <-people
		people = nil
		if r.err != nil {
			return stop(r.err)
		}
		in.PersonOf, in.People = r.personOf, r.people
	}
	// Not read by writeMessages, which runs meanwhile: it indexes the
	// messages alone.
	tab.setPeople(in.People)
	b := &builder{ctx: ctx, in: &in, tab: tab, cf: cf, texts: newTextSet(), once: once}
	b.ctx, b.cancel = context.WithCancelCause(ctx)
	b.textAnalyzer = fm.AnalyzerNamed(textAnalyzer)
	defer b.cancel(nil)
	idx := make([]bleve.Index, shards)
	for i := range idx {
		idx[i], err = newBleve(filepath.Join(dir, shardPrefix+strconv.Itoa(i)), fm)
		if err != nil {
			closeAll(idx)
			return stop(err)
		}
	}
	chunks := make([]chan chunk, shards)
	var wg sync.WaitGroup
	for i := range chunks {
		chunks[i] = make(chan chunk, 2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.shard(idx[i], filepath.Join(dir, shardPrefix+strconv.Itoa(i)), chunks[i])
			if b.ctx.Err() == nil {
				idx[i] = nil // closed
			}
		}()
	}
	readErr := b.read(chunks)
	for _, c := range chunks {
		close(c)
	}
	wg.Wait()
	msgErr := <-msgDone
	if err := errors.Join(context.Cause(b.ctx), closeAll(idx), msgErr); err != nil {
		return 0, err // a shard's error (which stopped the reader) or a cancel
	}
	if readErr != nil {
		return 0, readErr
	}
	if err := b.writeTexts(filepath.Join(dir, textsDir)); err != nil {
		return 0, err
	}
	if err := writeIDs(filepath.Join(dir, idsFile), b.ids); err != nil {
		return 0, err
	}
	if err := tab.write(filepath.Join(dir, tableFile)); err != nil {
		return 0, err
	}
	st := stamp{Version: mappingVersion, Shards: shards, Findings: int(b.count.Load()), Stamp: in.Stamp}
	js, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, stampFile), js, 0o600); err != nil {
		return 0, fmt.Errorf("write %s: %w", stampFile, err)
	}
	return st.Findings, nil
}

// stamp is the index's description of itself.
type stamp struct {
	Version  string            `json:"version"`
	Shards   int               `json:"shards"`
	Findings int               `json:"findings"`
	Stamp    map[string]string `json:"stamp,omitempty"`
}

// newBleve creates a bleve index for a build. (scorch's unsafe_batch, which
// skips a batch's fsync, also loses the batches not yet persisted when the
// index is closed.)
func newBleve(dir string, m *mapping.IndexMappingImpl) (bleve.Index, error) {
	cfg := map[string]interface{}{
		"bolt_timeout": "2s",
		// No merging while the build adds batches: compact merges every
		// segment once at the end (see compact).
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentsPerTier": 1 << 20},
	}

	bi, err := bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	return bi, nil
}

func closeAll(idx []bleve.Index) error {
	var errs []error
	for _, x := range idx {
		if x != nil {
			errs = append(errs, x.Close())
		}
	}
	return errors.Join(errs...)
}

// builder is one build in progress.
type builder struct {
	ctx          context.Context
	cancel       context.CancelCauseFunc
	textAnalyzer analysis.Analyzer
	in           *Input
	tab          *table
	cf           *store.CommitFilter
	texts        *textSet
	once         *contextCounts
	count        atomic.Int64

	idsMu sync.Mutex
	ids   []idEntry
}

// chunk is consecutive lines of the findings file.
type chunk struct {
	data []byte  // the lines, each ending in '\n'
	offs []int64 // the offset of each line in the file
}

// read splits the findings file into chunks, handed to the shards in turn.
func (b *builder) read(out []chan chunk) error {
	f, err := os.Open(filepath.Join(b.in.Case, store.FindingsFile))
	if err != nil {
		return fmt.Errorf("open findings: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var pos int64
	next := 0
	c := chunk{}
	send := func() error {
		select {
		case out[next] <- c:
		case <-b.ctx.Done():
			return context.Cause(b.ctx)
		}
		next = (next + 1) % len(out)
		c = chunk{}
		if b.in.Progress != nil {
			b.in.Progress(pos)
		}
		return nil
	}
	for {
		line, err := readLine(r)
		if err == io.EOF {
			break // a partial last line belongs to an interrupted scan
		}
		if err != nil {
			return fmt.Errorf("read findings: %w", err)
		}
		c.offs = append(c.offs, pos)
		c.data = append(c.data, line...)
		pos += int64(len(line))
		if len(c.offs) == chunkLines {
			if err := send(); err != nil {
				return err
			}
		}
	}
	if len(c.offs) > 0 {
		return send()
	}
	return nil
}

// shard indexes the chunks it is given into x (at dir), and closes x
// unless it fails.
func (b *builder) shard(x bleve.Index, dir string, in <-chan chunk) {
	batch := x.NewBatch()
	all := newFacetCounts()
	var ids []idEntry
	fail := func(err error) {
		b.cancel(err)
		for range in { // let the reader finish
		}
	}
	for c := range in {
		data := c.data
		for _, off := range c.offs {
			end := bytes.IndexByte(data, '\n') + 1
			line := data[:end]
			data = data[end:]
			var f store.Finding
			if err := store.DecodeFinding(line, &f); err != nil {
				fail(fmt.Errorf("%s at byte %d: %w", store.FindingsFile, off, err))
				return
			}
			if !b.cf.Has(&f) {
				continue
			}
			doc := b.document(&f, off, b.once.single(line), all)
			if err := batch.IndexAdvanced(doc); err != nil {
				fail(fmt.Errorf("finding %s: %w", f.ID, err))
				return
			}
			ids = append(ids, idEntry{id: f.ID, off: off, person: b.in.PersonOf[f.ID]})
			if batch.Size() >= buildBatch {
				if err := x.Batch(batch); err != nil {
					fail(err)
					return
				}
				b.count.Add(int64(batch.Size()))
				batch = x.NewBatch()
			}
		}
		if b.ctx.Err() != nil {
			fail(context.Cause(b.ctx))
			return
		}
	}
	if batch.Size() > 0 {
		if err := x.Batch(batch); err != nil {
			b.cancel(err)
			return
		}
		b.count.Add(int64(batch.Size()))
	}
	if err := closeCompacted(b.ctx, x, dir); err != nil {
		b.cancel(err)
		return
	}
	b.idsMu.Lock()
	b.ids = append(b.ids, ids...)
	b.tab.All.merge(all)
	b.idsMu.Unlock()
}

// facetCounts are the facets of every finding, per field: what a search of
// every finding ("*") answers without counting a million hits again.
type facetCounts map[string]*fieldCount

type fieldCount struct {
	Terms          map[string]int
	Total, Missing int
}

func newFacetCounts() facetCounts {
	out := facetCounts{}
	for _, f := range []string{fieldType, fieldLocation, fieldPerson, fieldSource, fieldMonth} {
		out[f] = &fieldCount{Terms: map[string]int{}}
	}
	return out
}

func (c facetCounts) merge(o facetCounts) {
	for name, oc := range o {
		cc := c[name]
		if cc == nil {
			cc = &fieldCount{Terms: map[string]int{}}
			c[name] = cc
		}
		for t, n := range oc.Terms {
			cc.Terms[t] += n
		}
		cc.Total += oc.Total
		cc.Missing += oc.Missing
	}
}

// docID is a finding's document ID: its offset in the findings file, in
// fixed-width hex. Offsets grow through the file, so a shard's IDs are
// nearly consecutive, which makes bleve's ID dictionary cheap to build
// (random finding ids cost twice the CPU time per finding).
func docID(off int64) string {
	return fmt.Sprintf("%012x", off)
}

// parseDocID is docID's inverse.
func parseDocID(id string) (int64, bool) {
	off, err := strconv.ParseInt(id, 16, 64)
	return off, err == nil && len(id) == 12
}

// document is the bleve document of f. Keyword fields are added without an
// analyzer: bleve then makes the value its one token, without running the
// keyword analyzer for each.
func (b *builder) document(f *store.Finding, off int64, single bool, all facetCounts) *document.Document {
	doc := document.NewDocument(docID(off))
	seen := map[string]bool{}
	kw := func(name, v string) {
		if v == "" {
			return
		}
		opts := bindex.IndexField
		if docValueFields[name] {
			opts |= bindex.DocValues
			if c := all[name]; c != nil {
				c.Terms[v]++
				c.Total++
				seen[name] = true
			}
		}
		doc.AddField(document.NewTextFieldCustom(name, nil, []byte(v), opts, nil))
	}
	kw(fieldType, f.Type)
	kw(fieldValue, f.Value)
	kw(fieldConfidence, encodeConfidence(f.Confidence))
	if f.Detector != f.Type {
		// Most detectors are named after their one type: the field is
		// indexed only when it says more (see detectorQuery).
		kw(fieldDetector, f.Detector)
	}
	kw(fieldLocation, f.Location)
	kw(fieldPart, f.Part)
	kw(fieldPerson, b.in.PersonOf[f.ID])
	switch {
	case f.Context == "":
	case single:
		// A context no other finding has is indexed in place: a key of
		// its own would make a query that matches many such contexts a
		// term per finding.
		doc.AddField(document.NewTextFieldCustom(fieldContext, nil, []byte(f.Context),
			bindex.IndexField|bindex.IncludeTermVectors, b.textAnalyzer))
	default:
		kw(fieldCtx, b.texts.key(f.Context))
	}
	if i, ok := b.tab.bySHA[f.MessageSHA256]; ok {
		m := &b.tab.Msgs[i]
		kw(fieldMsg, msgKeyOf(i))
		for _, s := range m.Sources {
			kw(fieldSource, b.tab.Sources[s])
		}
		if m.Month >= 0 {
			kw(fieldMonth, b.tab.Months[m.Month])
		}
		if m.Subject != "" {
			// Subjects are texts many findings share, as contexts are.
			kw(fieldSubj, b.texts.key(m.Subject))
		}
	}
	for name, c := range all {
		if !seen[name] {
			c.Missing++
		}
	}
	return doc
}

// textSet gives each distinct text (context) a key: many findings share
// one context (a header line, a signature block), and the text is indexed
// once, in the texts index.
type textSet struct {
	mu    sync.Mutex
	keys  map[string]string
	texts []string
}

func newTextSet() *textSet { return &textSet{keys: map[string]string{}} }

func (t *textSet) key(s string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if k, ok := t.keys[s]; ok {
		return k
	}
	k := strconv.FormatInt(int64(len(t.texts)), 36)
	t.keys[s] = k
	t.texts = append(t.texts, s)
	return k
}

// writeTexts indexes the distinct texts.
func (b *builder) writeTexts(dir string) error {
	m, err := textMapping()
	if err != nil {
		return err
	}
	a := m.AnalyzerNamed(textAnalyzer)
	x, err := newBleve(dir, m)
	if err != nil {
		return err
	}
	batch := x.NewBatch()
	for i, s := range b.texts.texts {
		doc := document.NewDocument(strconv.FormatInt(int64(i), 36))
		doc.AddField(document.NewTextFieldCustom(fieldText, nil, []byte(s), bindex.IndexField|bindex.IncludeTermVectors, a))
		if err := batch.IndexAdvanced(doc); err != nil {
			return errors.Join(err, x.Close())
		}
		if batch.Size() >= buildBatch {
			if err := x.Batch(batch); err != nil {
				return errors.Join(err, x.Close())
			}
			batch = x.NewBatch()
			if err := b.ctx.Err(); err != nil {
				return errors.Join(err, x.Close())
			}
		}
	}
	if err := x.Batch(batch); err != nil {
		return errors.Join(err, x.Close())
	}
	return closeCompacted(b.ctx, x, dir)
}

// compactPlan merges every segment of an index into one, in one task.
var compactPlan = mergeplan.MergePlanOptions{
	MaxSegmentsPerTier:   1,
	MaxSegmentSize:       mergeplan.MaxSegmentSizeLimit,
	MaxSegmentFileSize:   1 << 50,
	TierGrowth:           1.0,
	SegmentsPerMergeTask: 1 << 20,
	FloorSegmentSize:     1 << 30,
	ReclaimDeletesWeight: 2.0,
	FloorSegmentFileSize: 1 << 50,
}

// closeCompacted merges the segments of x (at dir) into one and closes it.
// A build leaves one segment per batch, and a search looks each of its
// terms up in every segment: the queries that resolve to thousands of
// terms (a date range, source:, subject:, the contexts of a word) paid
// that many look-ups per segment. Merging once at the end costs less than
// scorch's tiered merging during the build (switched off in newBleve),
// which merged most documents twice. The merged index is copied to a new
// directory that takes dir's place: scorch removes merged-away segment
// files in the background, and a closed index keeps them (deleting them by
// hand raced with scorch persisting the merge, and lost a segment the root
// still named).
func closeCompacted(ctx context.Context, x bleve.Index, dir string) (err error) {
	tmp := filepath.Clean(dir) + ".compact"
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	if err := compact(ctx, x); err != nil {
		return errors.Join(err, x.Close())
	}
	c, ok := x.(bleve.IndexCopyable)
	if !ok {
		return errors.Join(errors.New("index: cannot copy a bleve index"), x.Close())
	}
	if err := c.CopyTo(bleve.FileSystemDirectory(tmp)); err != nil {
		return errors.Join(fmt.Errorf("copy the merged index: %w", err), x.Close())
	}
	if err := x.Close(); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	return os.Rename(tmp, dir)
}

// compact force-merges x until it has one segment, persisted.
func compact(ctx context.Context, x bleve.Index) error {
	adv, err := x.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("index: not a scorch index")
	}
	for try := 0; ; try++ {
		keep, n, err := segmentFiles(s)
		if err != nil {
			return err
		}
		// Segments still in memory are merged once persisted: try again.
		if n <= 1 && len(keep) == n {
			return nil
		}
		if try == 100 {
			return fmt.Errorf("index: %d segments (%d persisted) after merging", n, len(keep))
		}
		if len(keep) < n {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		plan := compactPlan
		if err := s.ForceMerge(ctx, &plan); err != nil {
			return fmt.Errorf("merge segments: %w", err)
		}
	}
}

// segmentFiles returns the files of the persisted segments of s and the
// number of segments.
func segmentFiles(s *scorch.Scorch) (map[string]bool, int, error) {
	r, err := s.Reader()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, 0, fmt.Errorf("index: unexpected reader %T", r)
	}
	keep := map[string]bool{}
	for _, seg := range snap.Segments() {
		if p, ok := seg.Segment().(interface{ Path() string }); ok && p.Path() != "" {
			keep[filepath.Base(p.Path())] = true
		}
	}
	return keep, len(snap.Segments()), nil
}

// idEntry is a finding id and the offset of its line.
type idEntry struct {
	id     string
	off    int64
	person string
}

// writeIDs writes the id → document table, sorted by id, one line each
// ("id docid person\n", person "-" for none), for id: queries and the
// person of a hit (see lookupIDs): a stored field would cost every finding
// what a page of hits costs once.
func writeIDs(path string, ids []idEntry) error {
	slices.SortFunc(ids, func(a, b idEntry) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.off, b.off))
	})
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write ids: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for _, e := range ids {
		w.WriteString(e.id)
		w.WriteByte(' ')
		w.WriteString(docID(e.off))
		w.WriteByte(' ')
		w.WriteString(cmp.Or(e.person, "-"))
		w.WriteByte('\n')
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		return fmt.Errorf("write ids: %w", err)
	}
	return nil
}

// contextCounts says which contexts occur once in the findings file.
type contextCounts struct {
	seed  maphash.Seed
	count map[uint64]uint8 // hash of the context as written in the line → occurrences, up to 2
}

// singleContexts counts the contexts of the findings file, from the line's
// bytes (a pass over the file that decodes nothing).
func singleContexts(path string) (*contextCounts, error) {
	c := &contextCounts{seed: maphash.MakeSeed(), count: map[uint64]uint8{}}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open findings: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for {
		line, err := readLine(r)
		if err == io.EOF {
			return c, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read findings: %w", err)
		}
		if raw := rawContext(line); raw != nil {
			h := maphash.Bytes(c.seed, raw)
			if c.count[h] < 2 {
				c.count[h]++
			}
		}
	}
}

// single reports whether the context of the finding line occurs once.
func (c *contextCounts) single(line []byte) bool {
	raw := rawContext(line)
	return raw != nil && c.count[maphash.Bytes(c.seed, raw)] == 1
}

// rawContext returns the context of a findings line as its JSON string
// (escapes and all), nil if it has none.
func rawContext(line []byte) []byte {
	key := []byte(`"context":"`)
	i := bytes.Index(line, key)
	if i < 0 {
		return nil
	}
	s := line[i+len(key):]
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return s[:j]
		}
	}
	return nil
}

// readLine reads a line without copying it when it fits the reader's
// buffer (the line is valid until the next read).
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// A line longer than the buffer: read it whole.
		long := append([]byte(nil), line...)
		rest, err2 := r.ReadBytes('\n')
		return append(long, rest...), err2
	}
	return line, err
}
