/* Time-bounded links: a link's dates (agreement party, platform host,
 * project partner, team member) lie within its parent's where the parent
 * has dates. The parent's own updates re-run this through the core's
 * recheck of dependents, so moving an agreement's end before a party's is
 * refused too. */
#include "columns.h"
#include "rules.h"

/* "<link>.<col>: <d> is <rel> <parent> <id>'s <pcol> (<pd>)" */
static int outside(ce_db *db, const ce_table_def *link, int col, ce_date d, const char *rel,
                   const ce_table_def *parent, int64_t pid, int pcol, ce_date pd)
{
	char a[16], b[16];
	ce_date_format(a, sizeof a, d);
	ce_date_format(b, sizeof b, pd);
	return ce__fail(db, CE_EINVALID, "%s.%s: %s is %s %s %lld's %s (%s)", link->name,
	                link->columns[col].name, a, rel, parent->name, (long long)pid,
	                parent->columns[pcol].name, b);
}

int ce__link_dates_within(ce_db *db, const ce_table_def *link, const ce_value *row, int start,
                          int end, int parent_col, const char *pstart, const char *pend)
{
	const ce_value *s = &row[start], *e = &row[end];
	if ((s->null && e->null) || row[parent_col].null)
		return CE_OK;
	const ce_table_def *pt = ce__entity_table((ce_entity)link->columns[parent_col].ref);
	int64_t pid = row[parent_col].i;
	int ps = ce__column_by_name(pt, pstart), pe = pend ? ce__column_by_name(pt, pend) : -1;
	ce_value parent[CE_MAX_COLUMNS];
	int rc = ce__fetch_copy(db, pt, pid, parent);
	if (rc != CE_OK)
		return rc;
	const ce_value *from = ps >= 0 ? &parent[ps] : NULL, *to = pe >= 0 ? &parent[pe] : NULL;
	bool has_from = from && !from->null, has_to = to && !to->null;
	if (!s->null && has_from && s->i < from->i)
		rc = outside(db, link, start, (ce_date)s->i, "before", pt, pid, ps, (ce_date)from->i);
	else if (!s->null && has_to && s->i > to->i)
		rc = outside(db, link, start, (ce_date)s->i, "after", pt, pid, pe, (ce_date)to->i);
	else if (!e->null && has_to && e->i > to->i)
		rc = outside(db, link, end, (ce_date)e->i, "after", pt, pid, pe, (ce_date)to->i);
	else if (!e->null && has_from && e->i < from->i)
		rc = outside(db, link, end, (ce_date)e->i, "before", pt, pid, ps, (ce_date)from->i);
	ce__row_clear(pt, parent);
	return rc;
}
