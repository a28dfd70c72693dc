package outlook

import (
	"strings"
	"time"
)

// field is one line of a card: a label and where its value is.
type field struct {
	label string
	id    uint16 // tagged property, or 0
	set   GUID   // named property set, when id is 0
	lid   uint32
}

// cardFields are the fields of contacts, distribution lists,
// appointments, tasks and journal entries that hold personal data, in the
// order Outlook shows them. The labels are what a form would print, so
// the detectors read them as they read a form in a mail body.
var cardFields = []field{
	{label: "Name", id: PidTagDisplayName},
	{label: "Name prefix", id: 0x3A45},
	{label: "Given name", id: 0x3A06},
	{label: "Middle name", id: 0x3A44},
	{label: "Surname", id: 0x3A11},
	{label: "Generation", id: 0x3A05},
	{label: "Yomi given name", set: PSETIDAddress, lid: 0x802C},
	{label: "Yomi surname", set: PSETIDAddress, lid: 0x802D},
	{label: "Nickname", id: 0x3A4F},
	{label: "File as", set: PSETIDAddress, lid: 0x8005},
	{label: "Company", id: 0x3A16},
	{label: "Yomi company", set: PSETIDAddress, lid: 0x802E},
	{label: "Department", id: 0x3A18},
	{label: "Job title", id: 0x3A17},
	{label: "Office", id: 0x3A19},
	{label: "Profession", id: 0x3A46},
	{label: "Manager", id: 0x3A4E},
	{label: "Assistant", id: 0x3A30},
	{label: "E-mail", set: PSETIDAddress, lid: 0x8083},
	{label: "E-mail display name", set: PSETIDAddress, lid: 0x8080},
	{label: "E-mail 2", set: PSETIDAddress, lid: 0x8093},
	{label: "E-mail 2 display name", set: PSETIDAddress, lid: 0x8090},
	{label: "E-mail 3", set: PSETIDAddress, lid: 0x80A3},
	{label: "E-mail 3 display name", set: PSETIDAddress, lid: 0x80A0},
	{label: "IM address", set: PSETIDAddress, lid: 0x8062},
	{label: "Mobile phone", id: 0x3A1C},
	{label: "Home phone", id: 0x3A09},
	{label: "Home phone 2", id: 0x3A2F},
	{label: "Business phone", id: 0x3A08},
	{label: "Business phone 2", id: 0x3A1B},
	{label: "Company main phone", id: 0x3A57},
	{label: "Primary phone", id: 0x3A1A},
	{label: "Other phone", id: 0x3A1F},
	{label: "Assistant phone", id: 0x3A2E},
	{label: "Callback phone", id: 0x3A02},
	{label: "Car phone", id: 0x3A1E},
	{label: "Radio phone", id: 0x3A1D},
	{label: "Pager", id: 0x3A21},
	{label: "ISDN", id: 0x3A2D},
	{label: "TTY/TDD phone", id: 0x3A4B},
	{label: "Home fax", id: 0x3A25},
	{label: "Business fax", id: 0x3A24},
	{label: "Primary fax", id: 0x3A23},
	{label: "Home address", set: PSETIDAddress, lid: 0x801A},
	{label: "Home street", id: 0x3A5D},
	{label: "Home city", id: 0x3A59},
	{label: "Home state", id: 0x3A5C},
	{label: "Home postal code", id: 0x3A5B},
	{label: "Home country", id: 0x3A5A},
	{label: "Home PO box", id: 0x3A5E},
	{label: "Business address", set: PSETIDAddress, lid: 0x801B},
	{label: "Business street", id: 0x3A29},
	{label: "Business city", id: 0x3A27},
	{label: "Business state", id: 0x3A28},
	{label: "Business postal code", id: 0x3A2A},
	{label: "Business country", id: 0x3A26},
	{label: "Business PO box", id: 0x3A2B},
	{label: "Other address", set: PSETIDAddress, lid: 0x801C},
	{label: "Other street", id: 0x3A63},
	{label: "Other city", id: 0x3A5F},
	{label: "Other state", id: 0x3A62},
	{label: "Other postal code", id: 0x3A61},
	{label: "Other country", id: 0x3A60},
	{label: "Postal address", id: 0x3A15},
	{label: "Web page", id: 0x3A50},
	{label: "Business web page", id: 0x3A51},
	{label: "Spouse", id: 0x3A48},
	{label: "Children", id: PidTagChildrensNames},
	{label: "Hobbies", id: 0x3A43},
	{label: "Government ID", id: 0x3A07},
	{label: "Customer ID", id: 0x3A4A},
	{label: "Account", id: 0x3A00},
	{label: "Location", set: PSETIDAppointment, lid: 0x8208},
	{label: "Attendees", set: PSETIDAppointment, lid: 0x8238},
	{label: "Required attendees", set: PSETIDAppointment, lid: 0x823B},
	{label: "Optional attendees", set: PSETIDAppointment, lid: 0x823C},
	{label: "Task owner", set: PSETIDTask, lid: 0x811F},
	{label: "Journal type", set: PSETIDLog, lid: 0x8700},
	{label: "Contacts", set: PSETIDCommon, lid: 0x853A},
	{label: "Companies", set: PSETIDCommon, lid: 0x8539},
}

// Card returns the fields of a non-mail item (contact, appointment,
// task, journal entry, distribution list...) as "Label: value" lines, or
// "" for a mail message or an item without such fields.
func Card(p *Props) string {
	class := strings.ToUpper(p.String(PidTagMessageClass))
	if class == "" || class == "IPM" || strings.HasPrefix(class, "IPM.NOTE") || strings.HasPrefix(class, "REPORT.") || strings.HasPrefix(class, "IPM.POST") {
		return ""
	}
	var sb strings.Builder
	line := func(label, value string) {
		value = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(value, "\r\n", "\n"), "\n", " / "))
		if value != "" {
			sb.WriteString(label + ": " + value + "\n")
		}
	}
	line("Item", class)
	for _, f := range cardFields {
		if f.id != 0 {
			line(f.label, p.String(f.id))
		} else {
			line(f.label, p.NamedString(f.set, f.lid))
		}
	}
	if d, ok := birthday(p, 0x80DE, PidTagBirthday); ok {
		line("Birthday", d)
	}
	if d, ok := birthday(p, 0x80DF, PidTagWeddingAnniversary); ok {
		line("Anniversary", d)
	}
	if g, ok := p.Int(PidTagGender); ok && (g == 1 || g == 2) {
		line("Gender", map[int64]string{1: "female", 2: "male"}[g])
	}
	start, ok := p.NamedTime(PSETIDAppointment, 0x820D)
	if !ok {
		start, ok = p.Time(PidTagStartDate)
	}
	if ok {
		line("Start", start.Format("2006-01-02 15:04 MST"))
	}
	end, ok := p.NamedTime(PSETIDAppointment, 0x820E)
	if !ok {
		end, ok = p.Time(PidTagEndDate)
	}
	if ok {
		line("End", end.Format("2006-01-02 15:04 MST"))
	}
	if sb.Len() == len("Item: "+class+"\n") {
		return ""
	}
	return sb.String()
}

// birthday returns a date-only property as YYYY-MM-DD. The local form
// (named, newer Outlook) is used when present; the UTC form holds local
// midnight converted to UTC, so it is rounded to the nearest day (Tokyo's
// midnight is 15:00 UTC the day before).
func birthday(p *Props, localLID uint32, utcID uint16) (string, bool) {
	if t, ok := p.NamedTime(PSETIDAddress, localLID); ok {
		return t.Add(12 * time.Hour).Format("2006-01-02"), true
	}
	if t, ok := p.Time(utcID); ok {
		return t.Add(12 * time.Hour).Format("2006-01-02"), true
	}
	return "", false
}
