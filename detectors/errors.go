package detectors

import (
	"errors"
	"fmt"
)

// ErrPanic is what a *PanicError wraps: errors.Is(err, ErrPanic) tells
// whether a detector panicked during a Run.
var ErrPanic = errors.New("detector panicked")

// ErrInvalidMatch is wrapped by the error for a match that breaks the
// Detector contract (span out of range or not on runes, longer than
// MaxLen, unknown type, confidence outside (0,1], empty value). The match
// is dropped.
var ErrInvalidMatch = errors.New("invalid match")

// PanicError reports a detector that panicked on a chunk. The Runner
// recovers, records it and goes on with the other detectors and chunks.
type PanicError struct {
	Detector string // Name of the detector
	Offset   int    // where the chunk starts in the normalized text
	Value    any    // what the detector panicked with
	Stack    []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("detectors: %s panicked on the chunk at byte %d: %v", e.Detector, e.Offset, e.Value)
}

// Unwrap returns ErrPanic.
func (e *PanicError) Unwrap() error { return ErrPanic }
