package jsondoc

import "jixiao"

// EvaluationJSON converts a self-evaluation to the exchange format's
// "evaluation" shape, so that its history and the audit trail read like an
// export and no second encoding of it exists.
func EvaluationJSON(e *jixiao.Evaluation) *Evaluation {
	if e == nil {
		return nil
	}
	by, at := stamp(e.Entered)
	je := &Evaluation{AdjustedBudgetFen: int64(e.AdjustedBudget), Reason: e.Reason, Actuals: []Actual{}, EnteredBy: by, EnteredAt: at}
	if e.HasExecuted {
		v := int64(e.Executed)
		je.ExecutedFen = &v
	}
	for _, a := range e.Actuals {
		ja := Actual{Indicator: a.Indicator, Value: a.Value, Grade: a.Grade, Reason: a.Reason, Source: a.Source}
		if a.HasScore {
			ja.Score = a.Score.String()
		}
		je.Actuals = append(je.Actuals, ja)
	}
	return je
}

// SpendingJSON converts one spending record to the exchange shape. The
// exchange format names a corrected record by its position in the
// project's list, which one record alone does not know, so Replaces is
// left 0 here: callers that show a single record carry the id beside it.
func SpendingJSON(s jixiao.Spending) Spending {
	by, at := stamp(s.Entered)
	return Spending{Date: s.Date.String(), AmountFen: int64(s.Amount), Note: s.Note, EnteredBy: by, EnteredAt: at}
}

// ProgressJSON converts one progress report to the exchange shape, with
// Replaces left 0 as in SpendingJSON.
func ProgressJSON(r jixiao.Progress) Progress {
	by, at := stamp(r.Entered)
	return Progress{Indicator: r.Indicator, AsOf: r.AsOf.String(), Value: r.Value, Cause: r.Cause,
		Likelihood: r.Likelihood, Measures: r.Measures, EnteredBy: by, EnteredAt: at}
}
