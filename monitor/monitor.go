// Package monitor is in-year performance monitoring (运行监控, "双监控",
// DOMAIN.md §4): on any date of the fiscal year it compares each project's
// spending with its own spending plan, reads each indicator's latest
// reported progress against its target, and gives the project a traffic
// light; a department roll-up lists the worst projects first. It is pure:
// no I/O, plain values in and out.
package monitor

import (
	"jixiao"
)

// Lights, from good to bad. They are codes; Label gives the Chinese words.
const (
	Green  = "green"
	Yellow = "yellow"
	Red    = "red"
)

// Config holds the thresholds practice sets locally (DOMAIN.md §4 [P]/[S]):
// there is no national warning threshold, so they are settings.
type Config struct {
	// YellowPoints: a project whose spending is this many percentage points
	// or more behind its plan is yellow.
	YellowPoints jixiao.Decimal
	// RedPoints: more than this many points behind is red.
	RedPoints jixiao.Decimal
}

// DefaultConfig is the common practice: green below 10 points behind plan,
// yellow from 10 to 20, red above 20.
func DefaultConfig() Config {
	return Config{YellowPoints: jixiao.Dec(10), RedPoints: jixiao.Dec(20)}
}

// Label is the Chinese word for a light or an indicator status, for pages
// and forms.
func Label(code string) string {
	switch code {
	case Green:
		return "绿灯"
	case Yellow:
		return "黄灯"
	case Red:
		return "红灯"
	case StatusMet:
		return "已完成"
	case StatusOnTrack:
		return "进度正常"
	case StatusBehind:
		return "进度滞后"
	case StatusNone:
		return "未填报"
	case StatusUnrated:
		return "未评"
	}
	return code
}

// lightRank orders lights worst first.
func lightRank(light string) int {
	switch light {
	case Red:
		return 0
	case Yellow:
		return 1
	}
	return 2
}
