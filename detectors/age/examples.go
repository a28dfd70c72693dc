package age

import "github.com/mailsift/mailsift/detectors"

// Examples implements detectors.Exampler: true positives and hard
// negatives as they appear in mail.
func (*Detector) Examples() detectors.Examples {
	return detectors.Examples{
		Positives: []string{
			"35歳",
			"満35歳",
			"年齢：42",
			"年齢: 42歳",
			"山田花子（２８歳）",
			"田中太郎 35歳・男性",
			"女性 42才",
			"享年八十八歳",
			"当時三十五歳の会社員",
			"Age: 35",
			"age 35",
			"aged 35",
			"at the age of 35",
			"a 35-year-old engineer",
			"He is 35 years old.",
			"a 17 year old mother-of-three said",
			"Diagnosed at age 23",
			"died in 1979 at the age of 40.",
			"I stopped smoking after the age of 30",
		},
		Negatives: []string{
			"創業100年",
			"築30年のマンション",
			"3歳児健診のお知らせ",
			"20歳以上の方",
			"20歳未満の飲酒は禁止されています",
			"65歳から受給できます",
			"3〜5歳のお子様",
			"30歳代の社員",
			"対象年齢 3歳以上",
			"平均年齢 42歳",
			"定年60歳",
			"年齢制限: 18",
			"肌年齢 25歳",
			"歳入歳出決算",
			"天才的な才能",
			"Average age: 42",
			"ages 3-5",
			"under 18 years old",
			"Open to applicants age 18 and up!",
			"Customers age 65+ get a discount",
			"3 to 5 years old",
			"Anyone can apply for a grant from 18 years old and up!",
			"Children 12 years old or older ride free",
			"Page 35",
			"message 35",
			"年齢：1234",
			"150歳",
			"1.5歳",
			"2024年5月2日",
			// Ages of no one (issue 15, real mail): things, general
			// statements, policy limits, example people, comparisons.
			"We are a 14 year old fortune 500 company, and we have grown",
			"The amount of GH after the age of 21 falls about 14% per decade",
			"Humans produce 500 micrograms per year at age 20, 200 micrograms at age 40",
			"Policy expires at age 95.",
			"* Assumes 55 year old making a maximum tax deductible contribution.",
			"Speeding Ticket goes to warrant for your 17-year-old son.",
			"My biological age is now that of a 40 year old!",
			"-->18 Year Old Girls Bare it ALL!<--",
		},
	}
}
