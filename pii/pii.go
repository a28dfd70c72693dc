// Package pii is the one list of finding types: the kinds of personal data
// mailsift reports (shared/spec/interface.md, "Finding types"). Detectors
// emit them, the index accepts them as query fields, reports print their
// labels. It imports nothing of the project, so every package may use it.
//
// To add a type: add its constant and its row in Types, then write the
// detector that emits it.
package pii

// The finding types.
const (
	PersonName       = "person_name"
	Passport         = "passport"
	DriversLicense   = "drivers_license"
	BankAccount      = "bank_account"
	Phone            = "phone"
	BirthDate        = "birth_date"
	Email            = "email"
	Address          = "address"
	MyNumber         = "my_number"
	Company          = "company"
	Title            = "title"
	Nationality      = "nationality"
	Gender           = "gender"
	Age              = "age"
	FacePhoto        = "face_photo"
	IDDocument       = "id_document"
	AccountantNumber = "accountant_number"
	CreditCard       = "credit_card"
	Career           = "career"
	Family           = "family"
	Hobby            = "hobby"
)

// Type describes one finding type.
type Type struct {
	Name string // the finding's "type" field
	// Label is the item's name as Japanese breach notices write it
	// (漏えいした項目), for reports.
	Label string
	// English is the item's name in English reports.
	English string
}

// types is in the order of the interface's type table: the six types the
// mission names first.
var types = [...]Type{
	{PersonName, "氏名", "name"},
	{Passport, "旅券番号", "passport number"},
	{DriversLicense, "運転免許証番号", "driver's licence number"},
	{BankAccount, "銀行口座情報", "bank account"},
	{Phone, "電話番号", "phone number"},
	{BirthDate, "生年月日", "date of birth"},
	{Email, "メールアドレス", "e-mail address"},
	{Address, "住所", "postal address"},
	{MyNumber, "個人番号（マイナンバー）", "My Number (Individual Number)"},
	{Company, "会社名", "company"},
	{Title, "所属部署・役職", "department and title"},
	{Nationality, "国籍", "nationality"},
	{Gender, "性別", "gender"},
	{Age, "年齢", "age"},
	{FacePhoto, "顔写真", "face photo"},
	{IDDocument, "本人確認書類", "identity document"},
	{AccountantNumber, "公認会計士等登録番号", "professional registration number"},
	{CreditCard, "クレジットカード番号", "credit card number"},
	{Career, "略歴・職歴・学歴", "career and education history"},
	{Family, "家族の個人名・続柄", "family members and relationships"},
	{Hobby, "趣味", "hobbies"},
}

// Types returns every finding type, in the order of the interface's table.
// The slice is a copy: callers may keep or change it.
func Types() []Type { return append([]Type(nil), types[:]...) }

// Names returns the Name of every type, in the order of Types.
func Names() []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.Name
	}
	return out
}

// Lookup returns the type called name.
func Lookup(name string) (Type, bool) {
	for _, t := range types {
		if t.Name == name {
			return t, true
		}
	}
	return Type{}, false
}

// Known reports whether name is a finding type.
func Known(name string) bool {
	_, ok := Lookup(name)
	return ok
}
