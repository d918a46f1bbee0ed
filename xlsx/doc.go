// Package xlsx reads and writes performance-goal documents as Excel .xlsx
// workbooks.
//
// Writing gives the printed form: a first sheet "部门整体绩效目标" with part
// one, one paragraph a row in column A, then one sheet per project named
// "N.项目名称" holding its goal table in the official layout over columns
// A–G with merged cells as in the Word document. Amounts and percentages
// are written as text so they read back exactly. The fiscal year is the
// workbook's custom property 年度.
//
// Reading accepts two shapes, chosen per workbook by the header rows:
//
// (a) The printed form, as written above or laid out by hand (one project
// per sheet or several stacked in one sheet, each after its title row
// "N.项目名称绩效目标表"). Merged cells count once; it is read by textdoc,
// so the same content gives the same Document as the text and Word forms.
//
// (b) The flat export of a budget-integration system: one row per
// indicator under a header row naming the columns 一级指标, 二级指标,
// 三级指标 (or 指标名称), 指标性质 (≥ ≤ = 定性), 指标值, 度量单位, 权重,
// 指标方向性 (正向/反向), optionally 绩效指标描述 and 指标值确定依据. Above
// each project's indicator header come its header rows, a label then its
// value (several pairs may share a row):
//
//	预算单位 | 414001乐亭县市场监督管理局本级   (or 单位编码 | … | 单位名称 | …)
//	年度     | 2024
//	项目编码 | 13022524P00260210037A
//	项目名称 | 办公楼运维费
//	预算数   | 10.36     (万元; a label "预算数（元）" means 元)
//	财政资金 | 10.36     其他资金 | 0
//	资金用途 | …         绩效目标 | …
//
// A 项目编码 row after indicator rows starts the next project; 预算单位 and
// 年度 carry over to following projects and sheets. Header names are
// matched tolerantly (blanks, full-width brackets, a trailing "（%）",
// synonyms). Targets are built from 指标性质 + 指标值 + 度量单位 and
// Indicator.Value is the combined text ("≥95%"); 定性 gives a qualitative
// target; direction and weight are kept.
//
// A sheet that fits neither shape is refused naming the sheet and row. The
// workbook is untrusted: it is opened through docx.OpenArchive (size limits
// while inflating, no DOCTYPE) and rows and columns are bounded.
package xlsx
