package questionlog_test

import (
	"testing"

	"github.com/faqbot/faqbot/internal/questionlog"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"can I take ketamine with lexapro?", "can I take ketamine with lexapro?"},
		{"my email is jane.doe+faq@example-clinic.co.uk, can you check my dose",
			"my email is [email], can you check my dose"},
		{"call me on (555) 123-4567 or +44 20 7946 0958 about my infusion",
			"call me on [phone] or [phone] about my infusion"},
		{"my number: 555.123.4567", "my number: [phone]"},
		{"is 20 mg of lexapro with 0.5 mg/kg ketamine ok? bp 120/80", "is 20 mg of lexapro with 0.5 mg/kg ketamine ok? bp 120/80"},
		{"I read https://www.healthline.com/health/ketamine?utm=abc that it's fine", "I read [link] that it's fine"},
		{"see www.reddit.com/r/TherapeuticKetamine and spravato.com/faq", "see [link] and [link]"},
		{"join discord.gg/abc123 for support", "join [link] for support"},
		{"<@123456789012345678> said <@!234567890123456789> and <@&345678901234567890> in <#456789012345678901>",
			"[mention] said [mention] and [mention] in [mention]"},
		{"@everyone my friend @jane_doe99 asked this", "[mention] my friend [mention] asked this"},
		{"user 987654321098765432 told me", "user [id] told me"},
		{"my MRN is 00123456 and card 4111 1111 1111 1111", "my MRN is [number] and card [phone]"},
		{"born 1984-03-12, is it safe?", "born [phone], is it safe?"},
		{"took 2 doses in 2024", "took 2 doses in 2024"},
		{"  spaces\n\tfolded  ", "spaces folded"},
	}
	for _, tc := range tests {
		if got := questionlog.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
