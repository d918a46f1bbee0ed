package store

import (
	"context"
	"fmt"
	"strconv"

	"jixiao"
)

// Filter selects documents for EachDocument; zero fields select all.
type Filter struct {
	Unit string // unit code
	Year int
}

// chunkProjects is about how many projects EachDocument reads at once: a
// few documents, so that a province is read in few queries (one per table
// per chunk) while memory holds one chunk, never the province.
const chunkProjects = 2000

// EachDocument calls fn with every stored document the filter selects, by
// unit code, newest year first, each with all its projects, indicators and
// records, as Document would return it. It exists for computations over
// many documents (review, monitoring, scoring of a whole province): every
// table is read once per chunk of documents instead of once per document,
// all as of one moment, and only one chunk is in memory at a time. fn may
// keep the document it is given. An error from fn stops the walk and is
// returned as it is.
func (s *Store) EachDocument(ctx context.Context, f Filter, fn func(*jixiao.Document) error) error {
	opts := s.d.readTx
	tx, err := s.read.BeginTx(ctx, &opts)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	defer tx.Rollback()
	q := `SELECT ` + headColumns + ` FROM documents d JOIN units u ON u.code = d.unit_code WHERE 1 = 1`
	var args []any
	if f.Unit != "" {
		args = append(args, f.Unit)
		q += ` AND d.unit_code = $` + strconv.Itoa(len(args))
	}
	if f.Year != 0 {
		args = append(args, f.Year)
		q += ` AND d.year = $` + strconv.Itoa(len(args))
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY d.unit_code, d.year DESC`, args...)
	if err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	var heads []head
	for rows.Next() {
		h, err := scanHead(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("读取绩效目标失败：%w", err)
		}
		heads = append(heads, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("读取绩效目标失败：%w", err)
	}
	for len(heads) > 0 {
		n, projects := 0, int64(0)
		for n < len(heads) && (n == 0 || projects+heads[n].projects <= chunkProjects) && n < 500 {
			projects += heads[n].projects
			n++
		}
		c := newChunk(ctx, tx, heads[:n], true)
		if err := c.read(); err != nil {
			return fmt.Errorf("读取绩效目标失败：%w", err)
		}
		for _, d := range c.docs {
			if err := fn(d); err != nil {
				return err
			}
		}
		heads = heads[n:]
	}
	return nil
}
