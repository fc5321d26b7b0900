package safety

import (
	_ "embed"
	"fmt"
)

// DefaultEmergencyMessage is the Markdown reply to a message saying someone has taken,
// or is about to take, too much of something, or was poisoned. It is shown instead
// of an answer: no passage and no medical advice beyond whom to call.
const DefaultEmergencyMessage = `**If someone may have taken too much of something or been poisoned, get help now — don't wait for symptoms.**

- **If they are unconscious, having trouble breathing or having a seizure:** call your local emergency number (911 in the US) right away.
- **US:** call Poison Control at **1-800-222-1222** (free, confidential, 24/7), or get help online at https://www.poisonhelp.org
- **Elsewhere:** call your local emergency number or poison centre.

Keep the container or the pills to show them what was taken.`

//go:embed emergency.txt
var emergencyData string

// EmergencyDetector recognises messages saying that someone has taken, or is about
// to take, too much of something, or swallowed, drank or breathed something harmful
// ("I just took a whole bottle of …", "my son swallowed …"). Questions about what
// would happen ("can you overdose on ketamine?", "what happens if someone takes too
// much …") are not emergencies. The phrases are data: emergency.txt, with the
// rewrites and fuzzy words of phrases.txt. Build one with NewEmergencyDetector and
// share it: it is safe for concurrent use.
//
// A message can be both an emergency and a crisis ("I'm about to take a whole pack of
// sleeping pills"); the answering service then gives the emergency reply first, with
// the crisis resources after it.
type EmergencyDetector struct {
	d *Detector
}

// NewEmergencyDetector returns an EmergencyDetector built from the embedded phrase
// data. The data is checked by the package tests, so a failure to compile it is a
// programming error and panics, like regexp.MustCompile.
func NewEmergencyDetector() *EmergencyDetector {
	d, err := compile("emergency", source{"phrases.txt", phrasesData}, source{"emergency.txt", emergencyData})
	if err != nil {
		panic(fmt.Sprintf("safety: %v", err))
	}
	return &EmergencyDetector{d: d}
}

// IsEmergency reports whether text says someone has taken, or is about to take, too
// much of something, or was poisoned. It accepts any input: empty, huge or invalid
// UTF-8; time and memory are linear in the length of text.
func (e *EmergencyDetector) IsEmergency(text string) bool {
	_, ok := e.d.match(text)
	return ok
}
