package personname

import "strings"

// Display names that name no person (issue 15, real mail): companies and
// shops ("Affordable Computer Supply"), mailing lists and their readers
// ("Reg Subscribers"), campaigns ("Robert Reich For Governor"), places
// ("North Dublin") and advertising personas ("Jazzy Girl"). names.IsRole
// knows the words of teams and services; these are the words of the
// other classes, as display names use them. None is in the name lists
// (TestHeaderWordsAreNoNames): a person's display name holds none of them.
var (
	// headerOrgWords: organisations, businesses, trades and what they sell.
	headerOrgWords = wordSet(`
		campaign campaigns foundation foundations trust institute council federation union league
		ministry government governor senate congress party coalition alliance initiative
		subscribers subscriber readers reader fans supporters volunteers friends lovers
		lists forum forums archive archives developers dev devel unsubscribe subscribe edition
		delivers shopper auctions boards reporter times tribune herald gazette chronicle
		company companies corporation co ltd limited plc gmbh mfg mfy int intl international
		global worldwide direct express holdings industries enterprises ventures associates
		consulting consultants solutions technologies technology tech labs lab research
		insights learning academy institute properties realty estate mortgage mortgages
		insurance financial finance loans loan lending debt credit card cards relief freedom
		wealth income investor investors investments investment equity capital lottery
		supply supplies computer computers electronics wireless distribution wholesale
		outlet depot warehouse factory trading imports exports motor motors
		inn hotel motel resort restaurant cafe pub salon spa studio studios gallery
		travel tours cruises souvenirs gifts florist steaks wines smokes novels
		pharmacy dental medical health fitness printing publishing productions
		entertainment events agency advice advisory experts expert consultation
		quote quotes selling discount deals bargains cheap lowest savings buy special
		business businesses corporate professional markets market marketplace
		firewall anonymizer internet web website site sites mail email
		world words history topic today movie tribute advantage campus membership response
		signal adult sex goods weight hormone get lose
		name address example sample
		for of and at from with your our now how they`)

	// headerPersonaWords: persona nicknames of advertisements and adult spam.
	headerPersonaWords = wordSet(`
		girl girls boy boys babes chicks hottie cutie sweetie sweetheart
		lover mommy housewife housewives teen teens milf slut sluts tits celebs xxx sexy
		hot naked horny`)

	// headerCompass words first in a display name make it a region ("North
	// Dublin", "West Coast"); as a surname "West" comes last.
	headerCompass = wordSet(`north south east west northern southern eastern western central
		upper lower greater`)

	// headerPlaces are countries and places that are nobody's name.
	headerPlaces = wordSet(`usa uk american americas ireland irish britain british europe
		european asian africa african australia canada canadian japan china
		dublin chicago tokyo omaha florida california texas`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// notPersonDisplay reports whether the words of a Latin display name
// (forms of address dropped) name no person: an organisation, a persona
// or a place word among them. (A display name that only spells its
// address, "Omaha Steaks" <omahasteaks@…>, is no sign: on the corpora
// most of them are people, "Colin Nevin" <colin.nevin@…>.)
func notPersonDisplay(words []string) bool {
	for i, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, "."))
		if headerOrgWords[lw] || headerPersonaWords[lw] || headerPlaces[lw] ||
			i == 0 && len(words) > 1 && headerCompass[lw] {
			return true
		}
	}
	return false
}
