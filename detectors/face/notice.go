package face

import _ "embed"

// Notice is the licence of the bundled cascades, which their licence
// requires every binary distribution to reproduce (mailsift licences).
//
//go:embed model/LICENSE
var Notice string
