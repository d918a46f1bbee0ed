package store

// Parts says which parts of each document EachDocument reads (Filter.Parts).
// A computation over a province reads only what its result depends on:
// every column left out is a cell the database does not send and a string
// the walk does not build and the collector does not mark. Zero means
// every part, as Document returns it. Projects' codes, names, amounts and
// versions, and the documents' unit, year and preset, are always read.
//
// A document read with some parts left out is shaped for the computations
// that need no more than those parts; it is never to be saved, shown or
// compared with a stored one as a whole.
type Parts uint32

const (
	// PartOne is 第一部分: the overall goals, the per-project goals (分项)
	// and the measures.
	PartOne Parts = 1 << iota
	// ProjectTexts are the projects' purpose (资金用途) and goal (绩效目标).
	ProjectTexts
	// Plans are the projects' spending plans.
	Plans
	// Indicators are the indicators' names (三级指标), values as written
	// and parsed targets.
	Indicators
	// IndicatorLevels are the indicators' 一级 and 二级指标 and weights:
	// what review checks and scoring groups and weighs indicators by.
	IndicatorLevels
	// IndicatorTexts are the indicators' descriptions and bases.
	IndicatorTexts
	// Spending is the payment records: id, date, amount, what each
	// corrects.
	Spending
	// Progress is the progress reports, without who entered them.
	Progress
	// Evaluations are the self-evaluations with their actual values,
	// without who entered them.
	Evaluations
	// Entered is who entered each record and when, payments' notes and
	// actual values' sources: the provenance no computation reads.
	Entered
	// Evaluated reads only the projects that have a self-evaluation (and
	// their rows): scoring scores no other project.
	Evaluated
)

// AllParts is every part of a document; Evaluated is a restriction, not a
// part, and is not in it.
const AllParts = PartOne | ProjectTexts | Plans | Indicators | IndicatorLevels | IndicatorTexts |
	Spending | Progress | Evaluations | Entered

// recordParts are the parts that are records rather than goals.
const recordParts = Spending | Progress | Evaluations | Entered

// The parts each computation over a province reads: exactly the fields
// of a jixiao.Document that review.Review, monitor.Document and
// score.Document read, so that each gives on such a document what it
// gives on the whole one.
const (
	// ForReview is what review reads: part one and the goal tables,
	// without the projects' purpose and goal texts, and no records.
	ForReview = PartOne | Plans | Indicators | IndicatorLevels | IndicatorTexts
	// ForMonitor is what monitoring reads: plans, indicators' names and
	// targets, payments and progress reports.
	ForMonitor = Plans | Indicators | Spending | Progress
	// ForScore is what scoring reads: the evaluated projects' indicators
	// with levels and weights, their evaluations, and their payments (for
	// an execution taken from them).
	ForScore = Indicators | IndicatorLevels | Spending | Evaluations | Evaluated
)

// normal is p with zero meaning every part.
func (p Parts) normal() Parts {
	if p == 0 {
		return AllParts
	}
	return p
}

// has reports whether p holds every part of q.
func (p Parts) has(q Parts) bool { return p&q == q }
