package names

import "strings"

// LatinKind returns the name kinds of a Latin-script word (any case) from
// the committed lists: common English given names and family names, and
// the romanized (Hepburn, with common variants) Japanese ones, since
// Japanese mail signs "Taro Tanaka" and "TANAKA Taro". Words that are
// also everyday English words ("Will", "Mark", "Rose", "Bill", "May") are
// left out on purpose: a capitalized sentence start must not be a name.
func LatinKind(word string) Kind {
	if len(word) < 2 || len(word) > 20 {
		return 0
	}
	w := strings.ToLower(word)
	var k Kind
	if _, ok := latinGiven[w]; ok {
		k |= Given
	}
	if _, ok := latinSurname[w]; ok {
		k |= Surname
	}
	return k
}

// IsLatinName reports whether LatinKind(word) != 0, without allocating.
func IsLatinName(word string) bool {
	if len(word) < 2 || len(word) > 20 {
		return false
	}
	var buf [20]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	w := buf[:len(word)]
	if _, ok := latinGiven[string(w)]; ok {
		return true
	}
	_, ok := latinSurname[string(w)]
	return ok
}

// The lists are small on purpose (a few hundred entries each): they
// confirm a candidate that structure (header, signature, salutation,
// label) has already proposed; they do not find names on their own.
// Sources: the most frequent names of the US Census 2010 surname table and
// the SSA baby-name tables (both US government works, public domain), and
// frequent Japanese surnames and given names in Hepburn romanization
// (compiled by hand; facts, no copied text). Entries that are common
// English words were removed by hand.
var (
	latinGiven   = wordSet(englishGiven + " " + japaneseGivenRomaji)
	latinSurname = wordSet(englishSurnames + " " + japaneseSurnamesRomaji)
)

func wordSet(s string) map[string]struct{} {
	stop := make(map[string]bool)
	for _, w := range strings.Fields(commonWords) {
		stop[w] = true
	}
	m := make(map[string]struct{})
	for _, w := range strings.Fields(s) {
		if !stop[w] {
			m[w] = struct{}{}
		}
	}
	return m
}

// commonWords are names that are also everyday English words, and so no
// evidence of a name ("Best Regards", "Long time", "Dear Customer").
const commonWords = `
white green young king hill long price cook wood gray bell west ford black rose stone fox
rice grant hart knight lane ray berry day may page love small house good best church branch
case bean short strong moon snow rich golden person glass frost noble sharp cross mills
fields banks rivers walls chase park little brown english french hunt hunter mason carter
parker baker turner cooper porter potter fisher gardner farmer sawyer booth waters wells
powers sparks flowers summers winters hood wise bass flynn lucky cash price bond bush ball
brewer dean carpenter weaver tanner page bishop marsh bridges bates hale holt haynes
`

const englishGiven = `
james john robert michael david richard joseph thomas charles christopher daniel matthew
anthony donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose
adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger
terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce
gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell
bobby mason philip louis liam oliver lucas william
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
janice jean abigail alice judy sophia denise doris marilyn danielle beverly isabella theresa
diana natalie brittany charlotte marie kayla alexis lori ava mia amelia harper ella chloe
grace lily zoe nora hazel aria scarlett jane susan claire sophie lucy hanna anne
`

const englishSurnames = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson white harris
sanchez clark ramirez lewis robinson walker young allen king wright scott torres nguyen hill
flores green adams nelson baker hall rivera campbell mitchell carter roberts gomez phillips
evans turner diaz parker cruz edwards collins reyes stewart morris morales murphy cook rogers
gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson
watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo
sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell
coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson
alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera
gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison
fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker
guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason
dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox
warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan
gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos
hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews
alvarado ray delgado berry perkins hoffman johnston matthews pena richards willis carpenter
lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez wheeler
valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez
carr lawson jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson
gilbert dean sims espinoza howell li wong reid hanson le mccoy garrett burton fuller wang
weber welch rojas lucas marquez fields park yang little banks padilla day walsh bowman
schultz luna fowler mejia davidson acosta brewer may holland juarez newman pearson curtis
cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina stanley
hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe
frazier powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris
jennings watts duran walters cohen mcdaniel moran parks steele vaughn becker holt deleon
barker terry hale leon hail benson haynes horton miles lyons pham graves bush thornton
wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher page mccarthy love
robles cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel simon
velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis
robbins liu ramsey francis griffith paul blair oconnor cardenas pacheco cross calderon
quinn moss swanson chan rivas khan rodgers serrano fitzgerald rosales stevenson
christensen manning gill curry mclaughlin harmon mcgee gross doyle garner newton burgess
reese walton blake trujillo adkins brady goodman roman webster goodwin fischer huang potter
delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard
hodges zhang guerra wolf valencia saunders franco rowe gallagher farmer hammond hampton
townsend ingram wise gallegos clarke barton schroeder maxwell waters logan camacho strickland
norman person colon parsons frank harrington glover osborne buchanan casey floyd patton
ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer conner moody escobar
mcguire lloyd mueller hartman french kramer mcbride pope lindsey velazquez norton mccormick
sparks flynn yates hogan marsh macias villanueva zamora pratt stokes owen ballard lang
brock villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd
bautista ali shaffer lamb trevino mckenzie hess beil olsen cochran morton nash wilkins
petersen briggs shah roth nicholson holloway lozano rangel flowers hoover short arias mora
valenzuela bryan meyers weiss underwood bass greer summers houston carson morrow clayton
whitaker decker yoder collier zuniga carey wilcox melendez poole roberson larsen conley
davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony pittman huynh
randall singleton kirk combs mathis christian skinner bradford richard galvan wall boone
kirby wilkinson bridges bruce atkinson velez meza roy vincent york hodge villa abbott allison
tapia gates chase sosa sweeney farrell wyatt dalton horn barron phelps yu dickerson heath
foley atkins mathews bonilla acevedo benitez zavala hensley glenn cisneros harrell shields
rubio huffman choi boyer garrison arroyo bond kane hancock callahan dillon cline wiggins
grimes arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden
ware brennan mcdowell marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berg
wiley gilmore russo villegas hobbs keith wilkerson ahmed beard mcclain montes mata rosario
vang walter henson oneal mosley mcclure beasley stephenson snow huerta preston vance barry
johns eaton blackwell dyer prince macdonald solomon guevara stafford english hurst woodard
cortes shannon kemp nolan mccullough merritt murillo moon salgado strong kline cordova
barajas roach rosas winters jacobson lester knox bullock kerr leach meadows davila orr
whitehead pruitt kent conway mckee barr david dejesus marin berger mcintyre blankenship
gaines palacios cuevas bartlett durham dorsey mccall odonnell stein browning stout lowery
sloan mclean hendricks calhoun sexton chung gentry hull duarte ellison nielsen gillespie
buck middleton sellers leblanc esparza hardin bradshaw mcintosh howe livingston frost glass
morse knapp herman stark bravo noble spears weeks corona frederick buckley mcfarland hebert
enriquez hickman quintero randolph schaefer walls trejo house reilly pennington michael
conrad giles benjamin crosby fitzpatrick donovan mays mahoney valentine raymond medrano
hahn mcmillan small bentley felix peck lucero boyle hanna pace rush hurley harding mcconnell
bernal nava ayers everett ventura avery pugh mayer bender shepard mcmahon landry case
sampson moses magana blackburn dunlap gould duffy vaughan herring mckay espinosa rivers
farley bernard ashley friedman potts truong costa correa blevins nixon clements fry delarosa
best benton lugo portillo dougherty crane haley phan villalobos blanchard horne finley
quintana lynn esquivel bean dodson mullen xiong hayden cano levy huber richmond moyer lim
frye sheppard mccarty avalos booker waller parra woodward jaramillo krueger rasmussen
brandt peralta donaldson stuart faulkner maynard galindo coffey estes sanford burch
maddox vo oconnell vu andersen spence mcpherson church schmitt stanton leal cherry compton
dudley sierra pollard alfaro hester proctor lu hinton novak good madden mccann terrell
jarvis dickson reyna cantrell mayo branch hendrix rollins rowland whitney duke odom daugherty
travis tang archer
`

const japaneseSurnamesRomaji = `
sato satoh satou suzuki takahashi tanaka ito itoh itou watanabe yamamoto nakamura kobayashi
kato katoh katou yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
yamazaki yamasaki mori abe ikeda hashimoto yamashita ishikawa nakajima nakashima maeda
fujita ogawa goto gotoh gotou okada hasegawa murakami kondo kondoh kondou ishii saito saitoh
saitou sakamoto endo endoh endou aoki fujii nishimura fukuda ota ohta oota miura fujiwara
okamoto matsuda nakagawa nakano harada ono ohno oono tamura takeuchi kaneko wada nakayama
ishida ueda morita hara shibata sakai kudo kudoh kudou yokoyama miyazaki miyamoto uchida
takagi ando andoh andou taniguchi ohno maruyama imai takada fujimoto takeda murata ueno
sugiyama masuda sugawara hirano otsuka ohtsuka ootsuka chiba kubo matsui iwasaki sakurai
kinoshita noguchi matsuo kikuchi nomura arai watabe sano sugimoto furukawa onishi ohnishi
shimada iwata yamauchi nishida kikuchi kojima koizumi mizuno kawaguchi kitamura horiuchi
hirata taguchi nagai yasuda iida kawakami nakata nakatani higuchi tsuchiya okubo ohkubo
hoshino uchiyama kubota matsushita yano kawamura fukushima ishihara miyata ozawa takano
kawai kawasaki nagata yamanaka ishibashi yamaguchi kishi hattori morimoto araki sekine
nishikawa kaneda kurosawa shiraishi hirose honda tsuji kanno
`

const japaneseGivenRomaji = `
taro tarou taroh jiro jirou ichiro ichirou saburo hiroshi takashi takeshi makoto kenji
kenichi ken'ichi koichi kouichi shinichi shin'ichi yuichi yuuichi hiroyuki hideki kazuo
kazuhiro masahiro masashi naoki satoshi shigeru shota shouta shohei tsuyoshi yoshio yuki
yusuke yuusuke daisuke kosuke kousuke ryo ryou ryota ryouta kenta sho tatsuya tomoya
kazuki haruto sota souta yuto yuuto ren hayato yamato minato riku kaito takumi naoto
akira atsushi hajime isamu kazuya keisuke kiyoshi manabu minoru noboru osamu shingo
shinji shunsuke susumu tadashi takuya tetsuya toru tooru yasushi yoichi youichi yoshiaki
yoshihiro yutaka
hanako yoko youko yumiko keiko kyoko kyouko akiko michiko sachiko tomoko naoko junko
kazuko hiroko mayumi yumi yuko yuuko emi megumi ayumi kaori mika miki yuka yukiko
noriko reiko masako kumiko mariko chieko etsuko sakura yui yuna hina aoi mei rin
miyu misaki mio saki nanami haruka ayaka asuka natsuki yuri nozomi kana kanako
ai aya ayako erika eri mai maiko momoko rie risa sayaka shiori tomomi yuka
`
