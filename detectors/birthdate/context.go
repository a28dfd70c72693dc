package birthdate

import (
	"strings"
	"unicode/utf8"

	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/internal/jdate"
	"github.com/mailsift/mailsift/detectors/internal/textscan"
)

const (
	// windowRunes is how far before a date its keyword is looked for
	// (pii-formats B7: 30–50 characters; Macie: 30).
	windowRunes = 40
	// labelRunes is the widest gap between a keyword and the date that
	// still reads as "label: value" ("生年月日は", "DOB (dd/mm/yyyy): ").
	labelRunes = 8
	// weakRunes is how near a weak keyword (誕生日, birthday, born) must be.
	weakRunes = 20
	// afterRunes is how far after a date a birth marker (生, 生まれ, (39歳))
	// or a time of day is looked for.
	afterRunes = 16
)

// strongWords name a date of birth.
var strongWords = textscan.NewWordPrefixes(
	"生年月日", "生年", "出生", "生まれ", "生れ",
	"dob", "d.o.b", "date of birth", "birth date", "birthdate", "birth_date", "birth-date", "bday", "b-day",
)

// weakWords often, but not always, precede a date of birth: "誕生日おめで
// とう 2024年5月2日" is this year's birthday.
var weakWords = textscan.NewWordPrefixes("誕生日", "誕生", "birthday", "born")

// vetoWords name other dates that stand next to a birth date in forms and
// mail: issue and expiry dates of ID documents, meetings, deadlines,
// orders. Where a veto word is nearer to a date than a birth keyword, the
// date is not a birth date ("生年月日 1985/03/12 発行日 2020/01/01").
var vetoWords = textscan.NewWordPrefixes(
	"発行", "交付", "有効", "期限", "満了", "更新", "登録", "取得", "入社", "退社", "退職", "入学", "卒業",
	"入会", "申込", "申し込", "申請", "作成", "送信", "受信", "受付", "発送", "配達", "到着", "納品", "納期",
	"締切", "締め切り", "〆切", "支払", "請求", "契約", "開始", "終了", "予定", "日時", "開催", "会議",
	"打ち合わせ", "打合せ", "面接", "記入日", "提出日", "変更日", "死亡", "逝去", "結婚", "入籍", "日付", "本日",
	"期間", "出荷", "注文", "購入", "着任", "就任", "異動", "施行", "改定", "公開", "掲載", "誕生日会",
	"誕生日パーティ", "誕生日プレゼント", "誕生日祝い", "作業日", "実施",
	"date", "issue", "issued", "expiry", "expiration", "expires", "exp", "valid", "sent", "received",
	"meeting", "due", "deadline", "delivery", "order", "invoice", "start", "end", "until", "joined",
	"hired", "registered", "created", "updated", "modified", "dated", "birthday party",
)

// columnKind is what a table column header says about its cells.
type columnKind int

const (
	otherColumn columnKind = iota
	birthColumn
	vetoed
)

func classifyColumn(col string) columnKind {
	if col == "" {
		return otherColumn
	}
	b := max(strongWords.LastEnd(col), weakWords.LastEnd(col))
	v := vetoWords.LastEnd(col)
	switch {
	case b >= 0 && b >= v:
		return birthColumn
	case v >= 0:
		return vetoed
	}
	return otherColumn
}

// candidates returns the dates of t, and in a birth column or right after
// a strong label also compact dates (19850312).
func (d *Detector) candidates(t *detectors.Text, column columnKind) []jdate.Span {
	spans := jdate.Find(t.Norm)
	s := t.Norm
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i == 8 && (i == 0 || !isAlnum(s[i-1])) && (j == len(s) || !isAlnum(s[j])) {
			if date, err := jdate.Parse(s[i:j]); err == nil {
				sp := jdate.Span{Start: i, End: j, Date: date, Form: jdate.FormCompact}
				if column == birthColumn || labelGap(t, sp) {
					spans = insert(spans, sp)
				}
			}
		}
		i = j
	}
	return spans
}

// labelGap reports whether a strong keyword stands right before the span
// with only separators between ("生年月日:19850312").
func labelGap(t *detectors.Text, sp jdate.Span) bool {
	before := t.Before(sp.Start, labelRunes+16)
	k := strongWords.LastEnd(before)
	if k < 0 || vetoWords.LastEnd(before) > k {
		return false
	}
	return strings.Trim(before[k:], " \t:=|()[]") == ""
}

func insert(spans []jdate.Span, sp jdate.Span) []jdate.Span {
	i := len(spans)
	for i > 0 && spans[i-1].Start > sp.Start {
		i--
	}
	spans = append(spans, jdate.Span{})
	copy(spans[i+1:], spans[i:])
	spans[i] = sp
	return spans
}

// judge returns the confidence that the date span is a birth date, or 0.
// prevEnd is the end of the date before it (-1 if none).
func (d *Detector) judge(t *detectors.Text, sp jdate.Span, prevEnd int, column columnKind) float64 {
	after := t.After(sp.End, afterRunes)
	if timeFollows(after) {
		return 0 // a timestamp: 1985/03/12 10:00
	}
	if birthMarkerAfter(after, strings.HasSuffix(t.Norm[sp.Start:sp.End], "日")) {
		return LabelConfidence
	}
	before := t.Before(sp.Start, windowRunes)
	strong, weak := strongWords.LastEnd(before), weakWords.LastEnd(before)
	kw := max(strong, weak)
	switch {
	case kw < 0 || vetoWords.LastEnd(before) > kw:
		// No birth keyword, or another kind of date is nearer.
	case sp.Start-len(before)+kw < prevEnd:
		// The keyword belongs to an earlier date.
	case weak > strong:
		gap := before[weak:]
		if utf8.RuneCountInString(gap) <= weakRunes && sp.Date.YearsTo(d.ref) >= 1 && sp.Form != jdate.FormCompact {
			return WeakConfidence
		}
	default:
		gap := before[strong:]
		if utf8.RuneCountInString(gap) <= labelRunes && !strings.Contains(gap, "\n") {
			return LabelConfidence
		}
		if sp.Form != jdate.FormCompact {
			return NearConfidence
		}
	}
	if column == birthColumn {
		return LabelConfidence
	}
	return 0
}

// birthMarkerAfter reports whether the text after a date marks it as a
// birth date: 生まれ, 生れ, 生誕, an age ("(39歳)", "満39歳", "(age 39)"),
// or, after a date ending in 日, a bare 生 (not 生産, 生活 …). Each of
// these holds a keyword of the detector ("日生", "生まれ", "歳", "(age"),
// as the Runner's prefilter requires.
func birthMarkerAfter(after string, endsInDay bool) bool {
	s := strings.TrimLeft(after, " ")
	if rest, ok := strings.CutPrefix(s, "生"); ok {
		if strings.HasPrefix(rest, "まれ") || strings.HasPrefix(rest, "れ") || strings.HasPrefix(rest, "誕") {
			return true
		}
		r, _ := utf8.DecodeRuneInString(rest)
		return endsInDay && len(after) == len(s) && !isIdeograph(r)
	}
	english := false
	for _, p := range []string{"(age ", "(aged ", "(Age ", "(Aged "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, english = rest, true
			break
		}
	}
	if !english {
		s = strings.TrimPrefix(s, "(")
		s = strings.TrimPrefix(s, "満")
	}
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 3 {
		return false
	}
	if english {
		return true
	}
	rest := strings.TrimLeft(s[n:], " ")
	if !strings.HasPrefix(rest, "歳") && !strings.HasPrefix(rest, "才") {
		return false
	}
	return !strings.HasPrefix(rest[len("歳"):], "児") // 3歳児健診 is a checkup
}

// timeFollows reports whether a time of day follows the date, perhaps
// after a weekday: "2024/05/02 10:00", "2024年5月2日(木)10:00", "…T10:11".
func timeFollows(after string) bool {
	s := strings.TrimLeft(after, " ")
	if strings.HasPrefix(s, "(") {
		if i := strings.IndexByte(s, ')'); i > 0 && i <= 12 {
			s = strings.TrimLeft(s[i+1:], " ")
		}
	}
	s = strings.TrimPrefix(s, "T")
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n >= 1 && n <= 2 && n+2 < len(s) && s[n] == ':' && s[n+1] >= '0' && s[n+1] <= '9'
}

func isIdeograph(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}
