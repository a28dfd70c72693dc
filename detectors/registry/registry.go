package registry

import (
	"github.com/mailsift/mailsift/detectors"
	"github.com/mailsift/mailsift/detectors/accountant"
	"github.com/mailsift/mailsift/detectors/address"
	"github.com/mailsift/mailsift/detectors/age"
	"github.com/mailsift/mailsift/detectors/bank"
	"github.com/mailsift/mailsift/detectors/birthdate"
	"github.com/mailsift/mailsift/detectors/career"
	"github.com/mailsift/mailsift/detectors/company"
	"github.com/mailsift/mailsift/detectors/creditcard"
	"github.com/mailsift/mailsift/detectors/email"
	"github.com/mailsift/mailsift/detectors/face"
	"github.com/mailsift/mailsift/detectors/family"
	"github.com/mailsift/mailsift/detectors/gender"
	"github.com/mailsift/mailsift/detectors/hobby"
	"github.com/mailsift/mailsift/detectors/iddoc"
	"github.com/mailsift/mailsift/detectors/internal/names"
	"github.com/mailsift/mailsift/detectors/license"
	"github.com/mailsift/mailsift/detectors/mrz"
	"github.com/mailsift/mailsift/detectors/mynumber"
	"github.com/mailsift/mailsift/detectors/nationality"
	"github.com/mailsift/mailsift/detectors/passport"
	"github.com/mailsift/mailsift/detectors/personname"
	"github.com/mailsift/mailsift/detectors/phone"
	"github.com/mailsift/mailsift/detectors/title"
)

// Default returns new instances of all text detectors, in a fixed order.
// To add a detector, write its package and add one line here (an image
// detector's line goes in Images).
func Default() []detectors.Detector {
	lex := names.NewLexicon() // one name dictionary for the detectors that read names
	return []detectors.Detector{
		email.New(),
		phone.MustNew(),
		mynumber.New(),
		license.New(),
		passport.New(),
		mrz.New(),
		bank.New(),
		bank.NewIBAN(),
		creditcard.New(),
		accountant.New(),
		birthdate.New(),
		age.New(),
		gender.New(),
		nationality.New(),
		address.New(),
		personname.NewWithLexicon(lex),
		company.New(),
		title.New(),
		career.New(),
		family.NewWithLexicon(lex),
		hobby.New(),
	}
}

// Images returns new instances of all image detectors, in a fixed order:
// the ones the scanner runs on pictures (attachments, embedded images,
// rendered PDF pages).
func Images() []detectors.ImageDetector {
	return []detectors.ImageDetector{
		face.MustNew(),
		iddoc.New(),
	}
}
