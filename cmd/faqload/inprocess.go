package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"io"
)

// inProcess is an endpoint started by faqload itself.
type inProcess struct {
	url  string
	stop func()
}

// startInProcess is completed once the engine and discord.Bot.Respond exist.
func startInProcess(ctx context.Context, o options, pub ed25519.PublicKey, stderr io.Writer) (*inProcess, error) {
	return nil, errors.New("in-process mode is not available yet; use -url")
}
