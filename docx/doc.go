// Package docx reads and writes performance-goal documents as Word .docx
// files in the official two-part layout: part one (部门整体绩效目标) as
// headings and paragraphs, part two as one goal table per project with the
// 一级/二级 indicator cells merged vertically and header cells across.
//
// Reading treats the file as untrusted: the archive, every part and all
// parts together are size-limited while inflating (zip bombs are refused),
// the XML may not declare a DOCTYPE, and tables are bounded in rows and
// cells. The body is laid out as the text Word saves and read by textdoc, so
// a Word file and its text export give the same Document and the same
// refusals (with the table's title and row).
package docx
