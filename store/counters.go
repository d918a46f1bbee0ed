package store

import (
	"context"
	"database/sql"
	"fmt"
)

// recount sets the counters kept on the document's row (projects,
// indicators, total budget) from its stored projects and indicators. Call
// it in the same transaction as every write that adds or removes projects
// or indicators or changes a budget, after the write: the list of
// documents reads the counters instead of counting.
func recount(ctx context.Context, tx *sql.Tx, doc int64) error {
	_, err := tx.ExecContext(ctx, `
UPDATE documents SET
	project_count = (SELECT COUNT(*) FROM projects p WHERE p.document_id = $1 AND p.seq > 0),
	budget_total = (SELECT COALESCE(SUM(p.budget), 0) FROM projects p WHERE p.document_id = $1 AND p.seq > 0),
	indicator_count = (SELECT COUNT(*) FROM indicators i JOIN projects p ON p.id = i.project_id
	                   WHERE p.document_id = $1 AND p.seq > 0)
WHERE id = $1`, doc)
	if err != nil {
		return fmt.Errorf("更新文件的项目和指标计数失败：%w", err)
	}
	return nil
}
