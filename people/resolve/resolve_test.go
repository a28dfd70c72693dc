package resolve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mailsift/mailsift/store"
)

// mail builds the findings of one message: each spec is
// "location|start|type|value".
func mail(msg string, specs ...string) []store.Finding {
	var out []store.Finding
	for i, s := range specs {
		p := strings.SplitN(s, "|", 4)
		var start int
		fmt.Sscan(p[1], &start)
		out = append(out, store.Finding{ID: fmt.Sprintf("%s-%d", msg, i), MessageSHA256: msg, MessageID: "<" + msg + "@x>",
			Date: "2024-05-0" + msg[len(msg)-1:] + "T10:00:00+09:00", Location: p[0], Start: start, End: start + 5, Type: p[2], Value: p[3]})
	}
	return out
}

func resolve(t *testing.T, msgs ...[]store.Finding) *Result {
	t.Helper()
	res, err := Resolve(context.Background(), func(fn func(*store.Finding) error) error {
		for _, m := range msgs {
			for i := range m {
				if err := fn(&m[i]); err != nil {
					return err
				}
			}
		}
		return nil
	}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// who returns, per person, their first name or e-mail and their items.
func who(res *Result) []string {
	var out []string
	for _, p := range res.People {
		label := strings.Join(p.Emails, ",")
		if len(p.Names) > 0 {
			label = p.Names[0] + " " + label
		}
		out = append(out, strings.TrimSpace(label)+" ["+strings.Join(p.Items, " ")+"]")
	}
	slices.Sort(out)
	return out
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		msgs [][]store.Finding
		want []string
	}{
		{"header addresses with display names",
			[][]store.Finding{mail("m1",
				"header:From|0|person_name|山田太郎", "header:From|10|email|taro@example.jp",
				"header:To|0|person_name|佐藤花子", "header:To|10|email|hanako@example.co.jp",
				"header:To|30|email|jiro@example.com")},
			[]string{"jiro@example.com [email]", "佐藤花子 hanako@example.co.jp [person_name email]", "山田太郎 taro@example.jp [person_name email]"}},
		{"one address in two messages is one person",
			[][]store.Finding{
				mail("m1", "header:From|0|person_name|山田太郎", "header:From|10|email|taro@example.jp"),
				mail("m2", "header:To|0|email|Taro+news@Example.jp")},
			[]string{"山田太郎 taro@example.jp [person_name email]"}},
		{"a signature binds name, company, phones, address",
			[][]store.Finding{mail("m1",
				"body|500|person_name|伊藤亮", "body|520|company|テスト工業株式会社", "body|560|phone|+81665076250",
				"body|600|phone|+819011112222", "body|640|email|ito_r@test.example.co.jp", "body|700|address|大阪府大阪市北区1-2-3")},
			[]string{"伊藤亮 ito_r@test.example.co.jp [person_name phone email address company]"}},
		{"role and list mailboxes are nobody",
			[][]store.Finding{mail("m1",
				"header:From|0|person_name|Support Desk", "header:From|10|email|support@example.jp",
				"header:To|0|email|noreply@example.jp", "header:Cc|0|email|dev-owner@lists.example.org")},
			nil},
		{"two 佐藤 are two people; the name alone joins nobody",
			[][]store.Finding{
				mail("m1", "header:From|0|person_name|佐藤花子", "header:From|10|email|hanako@a.example.jp"),
				mail("m2", "header:From|0|person_name|佐藤花子", "header:From|10|email|sato@b.example.jp"),
				mail("m3", "body|0|person_name|佐藤花子")},
			[]string{"佐藤花子 [person_name]", "佐藤花子 hanako@a.example.jp [person_name email]", "佐藤花子 sato@b.example.jp [person_name email]"}},
		{"a family name in the body joins the signature of its message",
			[][]store.Finding{mail("m1", "body|0|person_name|佐藤", "body|900|person_name|佐藤花子", "body|920|phone|+819012345678")},
			[]string{"佐藤花子 [person_name phone]"}},
		{"a role address in a signature takes nobody with it",
			[][]store.Finding{mail("m1", "body|0|person_name|山田太郎", "body|20|phone|+819011112222", "body|40|email|info@example.jp")},
			[]string{"山田太郎 [person_name phone email]"}},
		{"a family name alone is nobody",
			[][]store.Finding{mail("m1", "body|0|person_name|佐藤")},
			nil},
		{"name and mobile link across messages and scripts stay apart without evidence",
			[][]store.Finding{
				mail("m1", "body|0|person_name|山田太郎", "body|20|phone|+819011112222"),
				mail("m2", "body|0|person_name|山田 太郎", "body|20|phone|+819011112222", "body|40|birth_date|1980-01-02"),
				mail("m3", "body|0|person_name|Taro Yamada", "body|20|email|ty@example.com")},
			[]string{"Taro Yamada ty@example.com [person_name email]", "山田 太郎 [person_name phone birth_date]"}},
		{"a switchboard links nobody",
			[][]store.Finding{
				mail("m1", "body|0|person_name|山田太郎", "body|20|phone|+81312345678"),
				mail("m2", "body|0|person_name|鈴木一郎", "body|20|phone|+81312345678")},
			[]string{"山田太郎 [person_name phone]", "鈴木一郎 [person_name phone]"}},
		{"each row of a customer list is one person",
			[][]store.Finding{mail("m1",
				"attachment:顧客一覧.xlsx#顧客!A2|0|person_name|田中一郎", "attachment:顧客一覧.xlsx#顧客!B2|0|email|ichiro@example.jp",
				"attachment:顧客一覧.xlsx#顧客!C2|0|passport|TK1234567",
				"attachment:顧客一覧.xlsx#顧客!A3|0|person_name|田中二郎", "attachment:顧客一覧.xlsx#顧客!C3|0|my_number|123456789018",
				"attachment:list.csv#A2|0|person_name|John Smith", "attachment:list.csv#B2|0|phone|+14155552671")},
			[]string{"John Smith [person_name phone]", "田中一郎 ichiro@example.jp [person_name passport email]", "田中二郎 [person_name my_number]"}},
		{"company and title above a name head its signature",
			[][]store.Finding{mail("m1",
				"body|0|person_name|太田修", "body|40|person_name|西村直人", "body|60|phone|+819011110000",
				"body|200|company|株式会社サンプル", "body|230|title|営業部部長", "body|260|person_name|山田太郎", "body|280|phone|+819022220000")},
			[]string{"太田修 [person_name]", "山田太郎 [person_name phone company title]", "西村直人 [person_name phone]"}},
		{"a name and its reading on the next line are one identity",
			[][]store.Finding{mail("m1", "body|0|person_name|山田太郎", "body|20|person_name|ヤマダタロウ", "body|50|birth_date|1980-01-02")},
			[]string{"山田太郎 [person_name birth_date]"}},
		{"two rows of one list with one name are namesakes",
			[][]store.Finding{mail("m1",
				"attachment:a.xlsx#S!A2|0|person_name|竹内健太", "attachment:a.xlsx#S!B2|0|email|k1@example.jp",
				"attachment:a.xlsx#S!A3|0|person_name|竹内健太", "attachment:a.xlsx#S!B3|0|email|k2@example.jp")},
			[]string{"竹内健太 k1@example.jp [person_name email]", "竹内健太 k2@example.jp [person_name email]"}},
		{"the sender's address and their form row in one message are one person",
			[][]store.Finding{mail("m1",
				"header:From|0|person_name|上田明美", "header:From|10|email|ueda@example.jp",
				"attachment:家族.xlsx#S!A2|0|person_name|上田明美", "attachment:家族.xlsx#S!B2|0|birth_date|1985-05-05")},
			[]string{"上田明美 ueda@example.jp [person_name birth_date email]"}},
		{"a full name mentioned alone is the one known person with it",
			[][]store.Finding{
				mail("m1", "attachment:list.csv#A2|0|person_name|岡本大輔", "attachment:list.csv#B2|0|phone|+819033330000"),
				mail("m2", "body|0|person_name|岡本大輔")},
			[]string{"岡本大輔 [person_name phone]"}},
		{"a kana word taken for a name links nobody through a company",
			[][]store.Finding{
				mail("m1", "body|0|person_name|みらい", "body|20|company|アセット株式会社", "body|40|email|a@mirai.example.jp"),
				mail("m2", "body|0|person_name|みらい", "body|20|company|アセット株式会社", "body|40|email|b@mirai.example.jp")},
			[]string{"みらい a@mirai.example.jp [person_name email company]", "みらい b@mirai.example.jp [person_name email company]"}},
		{"a family form's 続柄 belongs to the sender, the family member stays a person",
			[][]store.Finding{mail("m1",
				"header:From|0|person_name|上田明美", "header:From|10|email|ueda@example.jp",
				"attachment:家族.xlsx#S!A3|0|family|配偶者", "attachment:家族.xlsx#S!B3|0|person_name|上田大樹", "attachment:家族.xlsx#S!C3|0|birth_date|1980-03-03")},
			[]string{"上田大樹 [person_name birth_date]", "上田明美 ueda@example.jp [person_name email family]"}},
		{"findings about nobody are unattributed",
			[][]store.Finding{mail("m1", "body|0|phone|+81312345678", "body|1000|address|東京都千代田区1-1")},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := resolve(t, tt.msgs...)
			if got := who(res); !slices.Equal(got, tt.want) {
				t.Errorf("people\n got %q\nwant %q", got, tt.want)
			}
			n := 0
			for _, m := range tt.msgs {
				n += len(m)
			}
			if len(res.Person)+res.Unattributed != n {
				t.Errorf("%d findings attributed + %d unattributed, want %d in all", len(res.Person), res.Unattributed, n)
			}
		})
	}
}

func TestPersonIDsAreStable(t *testing.T) {
	msgs := [][]store.Finding{
		mail("m1", "header:From|0|person_name|山田太郎", "header:From|10|email|taro@example.jp"),
		mail("m2", "body|0|person_name|鈴木一郎", "body|20|phone|+819011112222"),
	}
	a, b := resolve(t, msgs...), resolve(t, msgs[1], msgs[0])
	for f, p := range a.Person {
		if b.Person[f] != p {
			t.Errorf("finding %s: person %s, then %s", f, p, b.Person[f])
		}
	}
}

func TestConflictsAreListed(t *testing.T) {
	res := resolve(t,
		mail("m1", "header:From|0|person_name|山田太郎", "header:From|10|email|shared@example.jp"),
		mail("m2", "header:From|0|person_name|鈴木一郎", "header:From|10|email|shared@example.jp"),
		mail("m3", "body|0|person_name|田中一郎", "body|10|birth_date|1980-01-01", "body|20|phone|+819011112222"),
		mail("m4", "body|0|person_name|田中一郎", "body|10|birth_date|1981-02-02", "body|20|phone|+819011112222"))
	kinds := map[string]int{}
	for _, c := range res.Conflicts {
		kinds[c.Kind]++
		if c.Person == "" {
			t.Errorf("conflict %+v names no person", c)
		}
	}
	if kinds["names"] != 1 || kinds["birth_date"] != 1 {
		t.Errorf("conflicts %+v", res.Conflicts)
	}
}

func TestTheSameMessageTwiceCountsOnce(t *testing.T) {
	m := mail("m1", "body|0|person_name|小林", "body|20|phone|+81522120407", "header:From|0|email|a@example.jp")
	one, two := resolve(t, m), resolve(t, m, m)
	if got, want := who(two), who(one); !slices.Equal(got, want) {
		t.Errorf("twice: %q, once: %q", got, want)
	}
}
