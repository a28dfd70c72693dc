package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mailsift/mailsift/detectors/registry"
)

// newLicencesCmd prints the notices of the models compiled into the
// binary: OpenCV's licence requires binaries to reproduce its notice.
func newLicencesCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "licences",
		Aliases: []string{"licenses"},
		Short:   "Print the licences of the models bundled in this binary",
		Long: `licences prints the notices of the data compiled into mailsift that its
licence asks a binary to carry: OpenCV's face cascades. The README's
"Bundled models and their licences" lists every bundled model.`,
		Example: `  mailsift licences > THIRD-PARTY-NOTICES.txt`,
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(ios.Out, registry.Notices())
			return err
		},
	}
}
