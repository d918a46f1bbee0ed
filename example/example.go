// Package example embeds the first customer document, 乐亭县市场监督管理局's
// 2024 performance goals as exported from Word to text, so that a new
// installation shows real data at once and tests run on the real thing.
package example

import _ "embed"

// Name is the file name the document is known by in messages.
const Name = "laoting-scjgj-2024.txt"

// Laoting is the document's bytes, unchanged from the customer's file.
//
//go:embed laoting-scjgj-2024.txt
var Laoting []byte
