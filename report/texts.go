package report

import "fmt"

// texts are the words of one report language. Fields are exported for the
// HTML template.
type texts struct {
	Title, Generated, View string
	// Views translate the Report's View ("all messages", "messages the
	// attacker accessed"), keyed in lower case.
	Views map[string]string

	Summary, TotalLabel string
	totalSentence       string // fmt with the formatted number

	Scope, Item, Content, Number                                           string
	Cases, Folders, Period, Messages, Duplicates, Findings, Errors, Locked string
	// Rows of the scope when the case records what the attacker accessed.
	AuditLog, AccessedMessages, SyncedMessages, MissingAccess, PeopleInView string

	ByCategory, CategoryTable, CategoryDetails string
	ItemsMark, PeopleMark                      string
	Category, CategoryID, People, Total        string
	ByItem                                     string

	Combinations, CombinationsNote, No string

	Special, MyNumber, IDDocument, Financial string

	Review, Conflicts, NameOnly, Overrides, Unattributed string

	Unmatched, UnmatchedNote, Domain string

	Definition, Rule string

	PeopleList, ID, Names, Emails, Phones, Companies, Items, MessageCount string
	FirstDate, LastDate, MessageIDs, Internal, Reasons, Yes               string

	Evidence, EvidenceNote, ShownIDs string

	ChartPeople, ChartItems  string
	Unit, HeatNote, Contents string

	None, Dash, Sep, To, Check string

	// Sheets are the xlsx sheet names.
	SheetCategories, SheetCombinations, SheetSpecial, SheetReview, SheetUnmatched, SheetScope, SheetDefinition, SheetPeople string

	people, messages, count func(n int) string
}

func textsFor(lang string) *texts {
	if lang == "en" {
		return &en
	}
	return &ja
}

// Total is the sentence that states how many people.
func (t *texts) TotalSentence(n int) string { return fmt.Sprintf(t.totalSentence, t.people(n)) }

// PeopleN is a count of people with its unit: "2,540 人", "2,540 people".
func (t *texts) PeopleN(n int) string { return t.people(n) }

// MessagesN is a count of messages with its unit.
func (t *texts) MessagesN(n int) string { return t.messages(n) }

var ja = texts{
	Title:     "個人情報漏えい調査報告書",
	Generated: "作成日時",
	View:      "集計対象",
	Views: map[string]string{
		"all messages":                   "全メール",
		"all":                            "全メール",
		"messages the attacker accessed": "攻撃者がアクセスしたメール",
		"accessed":                       "攻撃者がアクセスしたメール",
	},
	Summary:       "漏えい人数",
	TotalLabel:    "漏えい人数（合計）",
	totalSentence: "調査により %s の個人情報が漏えいしたことが判明しました。",

	Scope: "調査範囲", Item: "項目", Content: "内容", Number: "件数",
	Cases: "ケース", Folders: "フォルダ", Period: "メールの期間", Messages: "メール数",
	Duplicates: "重複メール", Findings: "検出件数", Errors: "解析エラーのメール", Locked: "開けなかった暗号化添付ファイル",
	AuditLog: "監査ログ（MailItemsAccessed）", AccessedMessages: "攻撃者がアクセスしたメール", SyncedMessages: "うちフォルダ同期（Sync）によるもの",
	MissingAccess: "監査ログにあり調査対象にないメール・フォルダ（削除済みの可能性）", PeopleInView: "漏えい人数（%s）",

	ByCategory: "関係区分別の漏えい項目と人数", CategoryTable: "関係区分別の一覧", CategoryDetails: "関係区分ごとの詳細",
	ItemsMark: "◆漏えいした個人情報項目", PeopleMark: "◆漏えいした個人情報の人数",
	Category: "区分", CategoryID: "区分ID", People: "人数", Total: "合計",
	ByItem: "項目別の人数",

	Combinations:     "漏えいした項目の組み合わせ別人数",
	CombinationsNote: "「✓」は漏えいした項目を表します。人数の多い組み合わせから順に記載しています。",
	No:               "No.",

	Special:    "特記事項",
	MyNumber:   "特定個人情報（マイナンバー）を含む人数",
	IDDocument: "本人確認書類（旅券・運転免許証・顔写真等）を含む人数",
	Financial:  "銀行口座・クレジットカード番号を含む人数（財産的被害のおそれ）",

	Review: "要確認事項", Conflicts: "矛盾する同一性（同じ証拠で異なる氏名等）", NameOnly: "氏名のみで特定された人物",
	Overrides: "適用した調査者の修正", Unattributed: "人物に紐付かない検出",

	Unmatched:     "未分類のドメイン",
	UnmatchedNote: "既定の区分に入った人のメールドメインです（人数の多い順）。区分ファイルへの追加候補です。",
	Domain:        "ドメイン",

	Definition: "集計の定義", Rule: "規則",

	PeopleList: "人物一覧", ID: "ID", Names: "氏名", Emails: "メールアドレス", Phones: "電話番号",
	Companies: "会社名", Items: "漏えい項目", MessageCount: "メール数",
	FirstDate: "最初のメール", LastDate: "最後のメール", MessageIDs: "Message-ID", Internal: "社内", Reasons: "統合理由", Yes: "○",

	Evidence:     "根拠メール",
	EvidenceNote: "各人物の根拠となったメールの Message-ID です。",
	ShownIDs:     "うち %s 件の Message-ID を表示",

	ChartPeople: "関係区分別の人数", ChartItems: "漏えい項目別の人数（関係区分の内訳）",
	Unit: "人", HeatNote: "セルの色の濃さは、その区分の人数に占める割合を表します。数字を押すと該当する人物の一覧に移動します。", Contents: "目次",

	None: "なし", Dash: "—", Sep: "、", To: " 〜 ", Check: "✓",

	SheetCategories: "カテゴリ別", SheetCombinations: "組み合わせ", SheetSpecial: "特記事項", SheetReview: "要確認",
	SheetUnmatched: "未分類ドメイン", SheetScope: "調査範囲", SheetDefinition: "集計の定義", SheetPeople: "人物一覧",

	people:   func(n int) string { return comma(n) + " 人" },
	messages: func(n int) string { return comma(n) + " 通" },
	count:    func(n int) string { return comma(n) + " 件" },
}

var en = texts{
	Title:     "Personal data breach report",
	Generated: "Generated",
	View:      "Counted over",
	Views: map[string]string{
		"all":      "all messages",
		"accessed": "messages the attacker accessed",
	},
	Summary:       "People affected",
	TotalLabel:    "People affected (total)",
	totalSentence: "The investigation found that personal data of %s leaked.",

	Scope: "Scope", Item: "Item", Content: "Value", Number: "Count",
	Cases: "Cases", Folders: "Folders", Period: "Message dates", Messages: "Messages",
	Duplicates: "Duplicate messages", Findings: "Findings", Errors: "Messages with decoding errors", Locked: "Encrypted attachments not opened",
	AuditLog: "Audit log (MailItemsAccessed)", AccessedMessages: "Messages the attacker accessed", SyncedMessages: "of which by folder sync (Sync)",
	MissingAccess: "Messages and folders in the audit log but not in the case (perhaps deleted)", PeopleInView: "People affected (%s)",

	ByCategory: "People and leaked items by category", CategoryTable: "Categories", CategoryDetails: "Category details",
	ItemsMark: "◆ Personal data items leaked", PeopleMark: "◆ Number of people whose data leaked:",
	Category: "Category", CategoryID: "Category ID", People: "People", Total: "Total",
	ByItem: "People by item",

	Combinations:     "People by combination of leaked items",
	CombinationsNote: "✓ marks a leaked item. Most frequent combinations first.",
	No:               "No.",

	Special:    "Special counts",
	MyNumber:   "People with My Number data (specific personal information)",
	IDDocument: "People with identity documents (passport, driver's licence, face photo, ...)",
	Financial:  "People with bank accounts or card numbers (risk of financial damage)",

	Review: "For review", Conflicts: "Conflicting identities (shared evidence, different names)", NameOnly: "People known by a name alone",
	Overrides: "Investigator overrides applied", Unattributed: "Findings attributed to no person",

	Unmatched:     "Unmatched domains",
	UnmatchedNote: "E-mail domains of people in the default category, most frequent first: candidates for the categories file.",
	Domain:        "Domain",

	Definition: "Definition", Rule: "Rule",

	PeopleList: "People", ID: "ID", Names: "Names", Emails: "E-mail addresses", Phones: "Phone numbers",
	Companies: "Companies", Items: "Items leaked", MessageCount: "Messages",
	FirstDate: "First message", LastDate: "Last message", MessageIDs: "Message-ID", Internal: "Internal", Reasons: "Merge reasons", Yes: "yes",

	Evidence:     "Evidence",
	EvidenceNote: "The Message-IDs of the messages behind each person.",
	ShownIDs:     "%s Message-IDs shown",

	ChartPeople: "People by category", ChartItems: "People by leaked item (split by category)",
	Unit: "people", HeatNote: "Shading: the share of the category's people who have the item. Every number links to the people it counts.", Contents: "Contents",

	None: "none", Dash: "—", Sep: ", ", To: " to ", Check: "✓",

	SheetCategories: "Categories", SheetCombinations: "Combinations", SheetSpecial: "Special", SheetReview: "Review",
	SheetUnmatched: "Unmatched domains", SheetScope: "Scope", SheetDefinition: "Definition", SheetPeople: "People",

	people: func(n int) string {
		if n == 1 {
			return "1 person"
		}
		return comma(n) + " people"
	},
	messages: func(n int) string {
		if n == 1 {
			return "1 message"
		}
		return comma(n) + " messages"
	},
	count: func(n int) string { return comma(n) },
}
