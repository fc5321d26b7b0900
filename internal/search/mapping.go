package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// analyzer is the text analysis of the content and the questions: English (lower
// case, stop words, possessives, Porter stemming). The language's other data is
// generic.txt, dictionary.txt and the interrogatives in asking.go.
const analyzer = en.AnalyzerName

// Indexed fields and how much a match in each weighs. FAQ questions, alternate
// phrasings and headings weigh more than body text.
const (
	fieldTitle      = "title"
	fieldAlternates = "alternates"
	fieldSection    = "section"
	fieldDocument   = "document"
	fieldBody       = "body"
)

// fieldBoosts lists every searched field with its weight.
var fieldBoosts = []struct {
	name  string
	boost float64
}{
	{fieldTitle, 3.0},
	{fieldAlternates, 2.5},
	{fieldSection, 1.0},
	{fieldDocument, 0.5},
	{fieldBody, 1.0},
}

// record is what is indexed for one passage. Nothing is stored: the engine renders
// answers from its own copy of the library, keyed by passage ID.
type record struct {
	Title      string   `json:"title"`
	Alternates []string `json:"alternates"`
	Section    string   `json:"section"`
	Document   string   `json:"document"`
	Body       string   `json:"body"`
}

// newMapping returns the explicit index mapping: English analysis on every field,
// BM25 scoring, no dynamic fields, nothing stored.
func newMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = analyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	doc := bleve.NewDocumentStaticMapping()
	for _, f := range fieldBoosts {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.DocValues = false
		// Term vectors give match locations, which the answer decision uses to see
		// which of the question's terms a passage contains.
		fm.IncludeTermVectors = true
		doc.AddFieldMappingsAt(f.name, fm)
	}
	// No "_all" field: every query names its fields, and composing one costs
	// a fifth of the analysis time of a build.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	return m
}
