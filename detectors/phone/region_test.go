package phone

import (
	"strings"
	"testing"

	"github.com/mailsift/mailsift/detectors/internal/detectortest"
)

// TestRegionFromEvidence: a number without a country code is read in the
// region its own shape or the text names, never in a default one (issue
// 15); numbers no evidence places, and identifiers shaped like phones, are
// not reported.
func TestRegionFromEvidence(t *testing.T) {
	const (
		bare = BareConfidence
		ctx  = ContextConfidence
	)
	tests := []struct {
		name, in string
		want     []found
	}{
		// The number's own shape.
		{"french pairs", "Tél : 01 44 54 32 82", []found{{"01 44 54 32 82", "+33144543282", ctx}}},
		{"french pairs in french text", "Un conseiller vous répond\n01 44 54 32 82\n", []found{{"01 44 54 32 82", "+33144543282", bare}}},
		{"french pairs dots", "Tél. 01.44.54.32.82", []found{{"01.44.54.32.82", "+33144543282", ctx}}},
		{"nanp dashes", "Call 617-864-0455 today", []found{{"617-864-0455", "+16178640455", ctx}}},
		{"nanp parentheses", "(617) 864-0455", []found{{"(617) 864-0455", "+16178640455", bare}}},
		{"nanp dots", "617.864.0455", []found{{"617.864.0455", "+16178640455", bare}}},
		{"nanp leading 1", "1-617-864-0455", []found{{"1-617-864-0455", "+16178640455", bare}}},
		{"nanp spaces with keyword", "Phone: 617 864 0455", []found{{"617 864 0455", "+16178640455", ctx}}},
		{"chinese mobile with keyword", "Mobile:13951228561", []found{{"13951228561", "+8613951228561", ctx}}},
		{"chinese mobile grouped", "139-5122-8561", []found{{"139-5122-8561", "+8613951228561", bare}}},
		{"japanese mobile digits with keyword", "Mobile: 09012345678", []found{{"09012345678", "+819012345678", ctx}}},

		// The text around it.
		{"kana", "田中です。09012345678までお願いします", []found{{"09012345678", "+819012345678", bare}}},
		{"japanese keyword", "電話 0312345678", []found{{"0312345678", "+81312345678", ctx}}},
		{"spaced 2-4-4 without evidence (Japan or Australia)", "03 1234 5678", nil},
		{"hangul", "문의전화 02-2613-1470 부동산", []found{{"02-2613-1470", "+82226131470", ctx}}},
		{"simplified chinese keyword", "电话：020-87515870", []found{{"020-87515870", "+862087515870", ctx}}},
		{"irish by +353 in the signature", "Tel: +353 1 6188428\nMobile: 086 6048101", []found{
			{"+353 1 6188428", "+35316188428", ctx},
			{"086 6048101", "+353866048101", ctx},
		}},
		{"irish by the e-mail domain", "Tel : 086-8888975\nmartin@example.ie", []found{{"086-8888975", "+353868888975", ctx}}},
		{"british by the country", "Phone 020 7946 0018\nLondon, United Kingdom", []found{{"020 7946 0018", "+442079460018", ctx}}},
		{"german by the city", "Tel. 030 1234567, 10115 Berlin", []found{{"030 1234567", "+49301234567", ctx}}},
		{"us by state and zip", "Cambridge, MA 02139\nTel 6178640455", []found{{"6178640455", "+16178640455", ctx}}},
		{"japanese shape beats a us address", "San Jose, CA 95134\nTel: 03-1234-5678", []found{{"03-1234-5678", "+81312345678", ctx}}},
		{"french shape in japanese text", "パリ事務所：01 44 54 32 82", []found{{"01 44 54 32 82", "+33144543282", bare}}},
		{"international number after an identifier's label", "Tel No: Your country Intl. access code +8821652098236", []found{
			{"+8821652098236", "+8821652098236", InternationalConfidence},
		}},

		// No evidence of a region, or not a phone's shape.
		{"mime boundary", "--= Multipart Boundary 0925021429\nContent-Type: text/plain", nil},
		{"timestamp", "sent 0925021429 from the gateway", nil},
		{"undivided without evidence", "09012345678", nil},
		{"part number", "Part No. 096400-1600", nil},
		{"part number list", "(NIPPON DENSO)\n096400-0920\n096400-0143\n", nil},
		{"part number in japanese text", "部品は096400-1600です", nil},
		{"url parameter", "product_id=0735613788&partner_id=65", nil},
		{"irish number without evidence", "Tel : 086-8888975", nil},
		{"spaced 4-3-3", "a German number 0567 123 124 you would dial", nil},
		{"taiwan mobile shape", "0968-523-989", nil},
		{"japanese order label", "注文No. 03-1234-5678", nil},
		{"received order number", "受注番号 03-1234-5678", nil},
		{"application number", "申込番号：090-1234-5678", nil},
		{"member id", "会員ID：0312345678", nil},
		{"product code", "商品コード 0120-123-456", nil},
		{"item number", "品番 045-123-4567", nil},
		{"confirmation number", "Confirmation No. 03-1234-5678", nil},
		{"serial", "Serial: 090-1234-5678", nil},
		{"bare number label", "No. 03-1234-5678", nil},
		{"customer id", "Customer ID: 0312345678", nil},
		{"lottery draw", "Wednesday September 11, 2002 Draw Results:\n03 06 26 39 48 PB 28", nil},
		{"hex dump", "Example probe response:\n01 01 00 00 00 00 00 00  00 00 00 00", nil},
		{"pairs without evidence", "01 44 54 32 82", nil},
		{"italian registry number", "Via Roma 1, Milano, Italy\nReg. Imprese MI 01442240030 - Partita IVA 10914660153", nil},
		{"leading groups of a foreign run", "Fax: + 45 45 94 55 00, Denmark", nil},
	}
	detectortest.Table(t, MustNew(), tests)
}

// TestIDLabels: a phone keyword before an identifier's suffix keeps the
// label a phone's.
func TestIDLabels(t *testing.T) {
	tests := []struct {
		window string
		want   bool
	}{
		{"電話番号：", false},
		{"携帯電話番号: ", false},
		{"FAX番号 ", false},
		{"TEL No. ", false},
		{"Telephone Number: ", false},
		{"Mobile No.", false},
		{"Contact No: ", false},
		{"Tel.No:", false},
		{"ご連絡先: ", false},
		{"注文番号 ", true},
		{"注文No.", true},
		{"Part Number: ", true},
		{"会員ID ", true},
		{"No. ", true},
		{"Casino ", false},
		{"he paid ", false},
	}
	for _, tt := range tests {
		ks, ke := keyWords.Last(tt.window)
		ctx, _ := keywordAt(tt.window, ks, ke)
		label, ok := idLabel(tt.window)
		if got := ok && !(ctx == phoneContext && endsWithKeyword(label, ks, ke)); got != tt.want {
			t.Errorf("%q: identifier's label %v, want %v", tt.window, got, tt.want)
		}
	}
}

// TestWithRegionFallback: WithRegion reads numbers where the text names no
// region, as the mailbox's own.
func TestWithRegionFallback(t *testing.T) {
	detectortest.Table(t, MustNew(WithRegion("JP")), []struct {
		name, in string
		want     []found
	}{
		{"undivided", "09012345678", []found{{"09012345678", "+819012345678", BareConfidence}}},
		{"evidence first", "Tel: +353 1 6188428\nMobile: 086 6048101", []found{
			{"+353 1 6188428", "+35316188428", ContextConfidence},
			{"086 6048101", "+353866048101", ContextConfidence},
		}},
	})
}

// TestCollectEvidence: the regions a text names, by domain, country code,
// place, US state and ZIP code, French words.
func TestCollectEvidence(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"mail martin@example.ie today", []string{"IE"}},
		{"see www.example.co.uk.", []string{"GB", "GB"}}, // the domain, and "uk" as a word
		{"http://example.fr/page", []string{"FR"}},
		{"Tel: +353 1 6188428", []string{"IE"}},
		{"+1 vote", nil},
		{"Dublin 4, Ireland", []string{"IE", "IE"}},
		{"IRELAND", []string{"IE"}},
		{"Indiana", nil},
		{"Cambridge, MA 02139", []string{"US"}},
		{"ID 12345", nil},
		{"New York, U.S.A.", []string{"US", "US"}},
		{"United Kingdom", []string{"GB"}},
		{"Un conseiller vous répond", []string{"FR"}},
		{"联系电话：0574-65762474", []string{"CN", "CN"}},
		{"ソウル支社", []string{"KR"}},
		{"me@example.tv", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range collectEvidence(tt.text, nil) {
			got = append(got, e.region)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("collectEvidence(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
