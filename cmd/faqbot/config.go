package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strconv"
	"time"

	"github.com/joho/godotenv"

	"github.com/faqbot/faqbot/internal/faq"
)

// settings resolves configuration: a flag set on the command line wins, then the
// process environment, then the .env file, then the default.
type settings struct {
	getenv func(string) string
	dotenv map[string]string
}

// loadSettings reads .env from the working directory if it exists.
func loadSettings(getenv func(string) string) (*settings, error) {
	env, err := godotenv.Read(".env")
	if errors.Is(err, fs.ErrNotExist) {
		env = map[string]string{}
	} else if err != nil {
		return nil, fmt.Errorf("read .env: %w", err)
	}
	return &settings{getenv: getenv, dotenv: env}, nil
}

// get returns the configured value of key, or def.
func (s *settings) get(key, def string) string {
	if v := s.getenv(key); v != "" {
		return v
	}
	if v := s.dotenv[key]; v != "" {
		return v
	}
	return def
}

func (s *settings) duration(key string, def time.Duration) (time.Duration, error) {
	v := s.get(key, "")
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a duration such as 3s: %w", key, v, err)
	}
	return d, nil
}

// cooldown reads a duration where "off" or "0" turns the pause off (a negative
// duration for answer.Config).
func (s *settings) cooldown(key string) (time.Duration, error) {
	switch v := s.get(key, ""); v {
	case "":
		return 0, nil
	case "0", "off":
		return -1, nil
	}
	d, err := s.duration(key, 0)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 3s, or off", key, s.get(key, ""))
	}
	if d == 0 {
		return -1, nil
	}
	return d, nil
}

func (s *settings) float(key string, def float64) (float64, error) {
	v := s.get(key, "")
	if v == "" {
		return def, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a number: %w", key, v, err)
	}
	return f, nil
}

func (s *settings) int(key string, def int) (int, error) {
	v := s.get(key, "")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s=%q: want a whole number: %w", key, v, err)
	}
	return n, nil
}

// period reads a length of calendar time such as "12 months" (faq.ParsePeriod).
func (s *settings) period(key string, def faq.Period) (faq.Period, error) {
	v := s.get(key, "")
	if v == "" {
		return def, nil
	}
	p, err := faq.ParsePeriod(v)
	if err != nil {
		return faq.Period{}, fmt.Errorf("%s: %w", key, err)
	}
	return p, nil
}

func (s *settings) bool(key string, def bool) (bool, error) {
	v := s.get(key, "")
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s=%q: want true or false: %w", key, v, err)
	}
	return b, nil
}

func (s *settings) logLevel(def slog.Level) (slog.Level, error) {
	v := s.get("LOG_LEVEL", "")
	if v == "" {
		return def, nil
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		return 0, fmt.Errorf("LOG_LEVEL=%q: want debug, info, warn or error", v)
	}
	return l, nil
}
