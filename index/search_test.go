package index

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/mailsift/mailsift/store"
)

// testFindings are 1,000 generated findings plus a few with Japanese names
// and tricky contexts that the generator does not make.
func testFindings() []store.Finding {
	fs := genFindings(1000, 42)
	extra := []store.Finding{
		{ID: "name-1", Type: "person_name", Value: "田中太郎", Masked: "田*太郎", Context: "担当の田中太郎様より連絡", Location: "body", Source: "INBOX", Date: "2024-05-02T10:11:12+09:00"},
		{ID: "name-2", Type: "person_name", Value: "山田花子", Masked: "山*花子", Context: "山田花子さんの履歴書を添付", Location: "attachment:履歴書.pdf", Source: "INBOX", Date: "2024-05-03T08:00:00+09:00"},
		{ID: "name-3", Type: "person_name", Value: "佐々木一郎", Masked: "佐**一郎", Context: "佐々木一郎（ｻｻｷｲﾁﾛｳ）", Location: "header:From", Source: "Sent"},
		{ID: "mail-1", Type: "email", Value: "taro@example.jp", Masked: "ta**@example.jp", Context: "連絡先: ta**@example.jp まで", Location: "body", Source: "INBOX", Date: "not a date"},
		// 口座 and 番号 apart: a bigram OR would find it for 口座番号.
		{ID: "split-1", Type: "bank_account", Value: "x/y", Masked: "x/*", Context: "口座の番号を教えてください", Location: "body", Source: "INBOX"},
	}
	return append(fs, extra...)
}

var (
	sharedOnce sync.Once
	sharedIdx  *Index
	sharedErr  error
)

// sharedIndex is one index of testFindings for the read-only tests, built
// once in sharedDir (see TestMain).
func sharedIndex(t *testing.T) *Index {
	t.Helper()
	sharedOnce.Do(func() {
		sharedIdx, sharedErr = Open(filepath.Join(sharedDir, "index"))
		if sharedErr == nil {
			sharedErr = sharedIdx.Index(testFindings())
		}
	})
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedIdx
}

func date(t *testing.T, f store.Finding) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, f.Date)
	if err != nil {
		return time.Time{}
	}
	return d
}

func TestSearch(t *testing.T) {
	x := sharedIndex(t)
	fs := testFindings()
	jst := time.FixedZone("JST", 9*3600)
	feb := time.Date(2023, 2, 1, 0, 0, 0, 0, jst)
	mar := time.Date(2023, 3, 1, 0, 0, 0, 0, jst)
	mid := time.Date(2023, 1, 15, 0, 0, 0, 0, jst)
	has := func(s string) func(store.Finding) bool {
		return func(f store.Finding) bool { return strings.Contains(f.Context, s) }
	}
	tests := []struct {
		q    string
		want func(store.Finding) bool
	}{
		{`type:email`, func(f store.Finding) bool { return f.Type == "email" }},
		{`+type:phone +source:INBOX`, func(f store.Finding) bool { return f.Type == "phone" && f.Source == "INBOX" }},
		{`+type:phone -source:INBOX`, func(f store.Finding) bool { return f.Type == "phone" && f.Source != "INBOX" }},
		{`+date:>="2023-02-01T00:00:00+09:00" +date:<"2023-03-01T00:00:00+09:00"`, func(f store.Finding) bool {
			d := date(t, f)
			return !d.IsZero() && !d.Before(feb) && d.Before(mar)
		}},
		{`+type:passport +date:>="2023-01-15T00:00:00+09:00"`, func(f store.Finding) bool {
			return f.Type == "passport" && !date(t, f).IsZero() && !date(t, f).Before(mid)
		}},
		// A date without a time is midnight UTC, as bleve parses it.
		{`+date:>="2023-01-10" +date:<"2023-01-20"`, func(f store.Finding) bool {
			d := date(t, f)
			return !d.IsZero() && !d.Before(time.Date(2023, 1, 10, 0, 0, 0, 0, time.UTC)) &&
				d.Before(time.Date(2023, 1, 20, 0, 0, 0, 0, time.UTC))
		}},
		{`context:口座番号`, has("口座番号")},
		{`口座番号`, has("口座番号")},
		{`context:電話番号`, has("電話番号")},
		{`context:口座番`, has("口座番")},
		{`context:番号`, has("番号")},
		{`context:座番`, has("座番")},
		{`context:"口座番号は"`, has("口座番号は")},
		{`context:番`, has("番")},
		{`context:invoice`, has("invoice")},
		{`context:Invoice`, has("invoice")},
		{`context:ｻｻｷ`, has("ｻｻｷ")},
		{`context:ササキ`, has("ｻｻｷ")},
		{`location:xlsx`, func(f store.Finding) bool { return strings.Contains(f.Location, "xlsx") }},
		{`location:body`, func(f store.Finding) bool { return f.Location == "body" }},
		{`location:社員名簿`, func(f store.Finding) bool { return strings.Contains(f.Location, "社員名簿") }},
		{`+type:bank_account +location:xlsx`, func(f store.Finding) bool {
			return f.Type == "bank_account" && strings.Contains(f.Location, "xlsx")
		}},
		{`value:田中`, func(f store.Finding) bool { return strings.Contains(f.Value, "田中") }},
		{`value:々木`, func(f store.Finding) bool { return strings.Contains(f.Value, "々木") }},
		{`value:taro@example.jp`, func(f store.Finding) bool { return f.Value == "taro@example.jp" }},
		{`person_name:田中`, func(f store.Finding) bool { return f.Type == "person_name" && strings.Contains(f.Value, "田中") }},
		{`person_name:花子`, func(f store.Finding) bool { return f.Type == "person_name" && strings.Contains(f.Value, "花子") }},
		{`email:example.jp`, func(f store.Finding) bool { return f.Type == "email" && strings.Contains(f.Value, "example.jp") }},
		{`confidence:>=0.9`, func(f store.Finding) bool { return f.Confidence >= 0.9 }},
		{`id:f-00000042`, func(f store.Finding) bool { return f.ID == "f-00000042" }},
		{`person:` + fs[3].Person, func(f store.Finding) bool { return f.Person == fs[3].Person }},
		{`part:1.2`, func(f store.Finding) bool { return f.Part == "1.2" }},
		{`message_sha256:` + fs[10].MessageSHA256, func(f store.Finding) bool { return f.MessageSHA256 == fs[10].MessageSHA256 }},
		{`*`, func(store.Finding) bool { return true }},
		{`location:"attachment:顧客一覧.xlsx"`, func(f store.Finding) bool { return f.Location == "attachment:顧客一覧.xlsx" }},
		{`location:顧客一覧`, func(f store.Finding) bool { return strings.Contains(f.Location, "顧客一覧") }},
		{`location:XLSX`, func(f store.Finding) bool { return strings.Contains(f.Location, "xlsx") }},
		{`value:田`, func(f store.Finding) bool { return strings.Contains(f.Value, "田") }},
		{`confidence:0.9`, func(f store.Finding) bool { return f.Confidence == 0.9 }},
		{`+confidence:>0.6 +confidence:<=0.65`, func(f store.Finding) bool { return f.Confidence > 0.6 && f.Confidence <= 0.65 }},
		{`date:>"2023-02-01T00:00:00+09:00"`, func(f store.Finding) bool { return date(t, f).After(feb) }},
		{`date:<="2023-01-02T00:00:00Z"`, func(f store.Finding) bool {
			d := date(t, f)
			return !d.IsZero() && !d.After(time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC))
		}},
		{`+date:>="2023-02-01T00:00:00+09:00" +date:>"2023-01-20T00:00:00+09:00" +date:<"2023-03-01T00:00:00+09:00" +date:<="2023-03-01T00:00:00+09:00"`, func(f store.Finding) bool {
			d := date(t, f)
			return !d.IsZero() && !d.Before(feb) && d.Before(mar)
		}},
		{`+date:>"` + fs[40].Date + `" +date:>="` + fs[40].Date + `" +date:<="` + fs[60].Date + `"`, func(f store.Finding) bool {
			d := date(t, f)
			return d.After(date(t, fs[40])) && !d.After(date(t, fs[60]))
		}},
		{`id:f-0000004*`, func(f store.Finding) bool { return strings.HasPrefix(f.ID, "f-0000004") }},
		{`id:"name-1"`, func(f store.Finding) bool { return f.ID == "name-1" }},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			var want []string
			for _, f := range fs {
				if tt.want(f) {
					want = append(want, f.ID)
				}
			}
			if len(want) == 0 {
				t.Fatalf("test data has no finding for %s", tt.q)
			}
			res, err := x.Search(context.Background(), tt.q, len(fs), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			slices.Sort(want)
			slices.Sort(got)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("Search(%s) IDs (-want +got):\n%s", tt.q, d)
			}
			if res.Total != uint64(len(want)) {
				t.Errorf("Search(%s).Total = %d, want %d", tt.q, res.Total, len(want))
			}
		})
	}
}

func TestSearchReturnsFindings(t *testing.T) {
	x := sharedIndex(t)
	fs := testFindings()
	byID := map[string]store.Finding{}
	for _, f := range fs {
		byID[f.ID] = f
	}
	res, err := x.Search(context.Background(), `+type:person_name`, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Total < 3 {
		t.Fatalf("got %d hits of %d, want 2 of at least 3", len(res.Hits), res.Total)
	}
	for _, h := range res.Hits {
		if d := cmp.Diff(byID[h.ID], h.Finding); d != "" {
			t.Errorf("hit %s (-want +got):\n%s", h.ID, d)
		}
	}
}

func TestSearchFacets(t *testing.T) {
	x := sharedIndex(t)
	fs := testFindings()
	want := map[string]int{}
	for _, f := range fs {
		if f.Source == "INBOX" {
			want[f.Type]++
		}
	}
	res, err := x.Search(context.Background(), `+source:INBOX`, 0, []string{"type:100", "source"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 {
		t.Errorf("size 0 gave %d hits", len(res.Hits))
	}
	if len(res.Facets) != 2 || res.Facets[0].Field != "type" || res.Facets[1].Field != "source" {
		t.Fatalf("facets = %+v, want type then source", res.Facets)
	}
	got := map[string]int{}
	for _, term := range res.Facets[0].Terms {
		got[term.Term] = term.Count
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("type facet (-want +got):\n%s", d)
	}
	if src := res.Facets[1].Terms; len(src) != 1 || src[0].Term != "INBOX" || uint64(src[0].Count) != res.Total {
		t.Errorf("source facet = %+v, want only INBOX with %d", src, res.Total)
	}
}

func TestSearchErrors(t *testing.T) {
	x := sharedIndex(t)
	tests := []struct {
		q      string
		facets []string
		size   int
		want   string
	}{
		{q: `typ:email`, want: `unknown field "typ"`},
		{q: `start:>5`, want: `field "start" is not indexed`},
		{q: `masked:ta*`, want: `field "masked" is not indexed`},
		{q: `location_text:xlsx`, want: `unknown field "location_text"`},
		{q: `type:>5`, want: `field "type" is not numeric`},
		{q: `context:>"2024-01-01"`, want: `field "context" is not a date`},
		{q: `type:email date:>"yesterday"`, want: `invalid time`},
		{q: `type:email`, facets: []string{"value"}, want: `can facet on`},
		{q: `type:email`, facets: []string{"type:x"}, want: `want FIELD or FIELD:N`},
		{q: `type:email`, size: -1, want: `negative size`},
	}
	for _, tt := range tests {
		_, err := x.Search(context.Background(), tt.q, tt.size, tt.facets)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Search(%s, %v, %d) error = %v, want it to contain %q", tt.q, tt.facets, tt.size, err, tt.want)
		}
	}
}

func TestSearchCancelled(t *testing.T) {
	x := sharedIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := x.Search(ctx, `context:番号`, 10, nil); err == nil {
		t.Error("Search with a cancelled context succeeded")
	}
}
