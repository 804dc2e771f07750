/* The in-memory reference backend, tested through its vtable on a small
 * hand-made schema: every column type, a REF, a link table. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/memory/memory_private.h"
#include "coopedu/sys/backend.h"

extern const ce_backend ce__memory_backend;
static const ce_backend *const B = &ce__memory_backend;

/* The backend's open, through its version-3 entry point. */
static int mem_open(ce_backend_conn **out, const char *loc, const ce_schema *s,
                    unsigned int flags, int busy, char *err, size_t size)
{
	ce_backend_open_options o = { CE_BACKEND_OPEN_OPTIONS_VERSION, loc, s, flags, busy, NULL,
		                          err, size };
	return B->connect(out, &o);
}

/* ---- the schema ------------------------------------------------------ */

enum { T_ORG = 1, T_PERSON, T_MEMBER, T_COUNT };
enum { O_NAME, O_KIND, O_FOUNDED, O_SCORE, O_ACTIVE, O_TAGS, O_BUDGET, O_STAFF, O_REGION,
       O_PARENT, O_NCOLS };

static const char *const kind_tokens[] = { NULL, "university", "enterprise", "government" };
static const char *const tag_tokens[] = { "lab", "base", "park" };

/* name, type, flags, ref, tokens, ntokens, min, max, offset, since */
static const ce_column_def org_columns[O_NCOLS] = {
	{ "name", CE_TYPE_TEXT, CE_COL_REQUIRED | CE_COL_UNIQUE, 0, NULL, 0, 0, 0, 0, 1 },
	{ "kind", CE_TYPE_ENUM, CE_COL_REQUIRED, 0, kind_tokens, 4, 0, 0, 0, 1 },
	{ "founded", CE_TYPE_DATE, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "score", CE_TYPE_REAL, 0, 0, NULL, 0, 0, 100, 0, 1 },
	{ "active", CE_TYPE_BOOL, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "tags", CE_TYPE_FLAGS, 0, 0, tag_tokens, 3, 0, 0, 0, 1 },
	{ "budget", CE_TYPE_MONEY, CE_COL_NONNEG, 0, NULL, 0, 0, 0, 0, 1 },
	{ "staff", CE_TYPE_INT, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "region", CE_TYPE_TEXT, 0, 0, NULL, 0, 0, 0, 0, 1 },
	{ "parent", CE_TYPE_REF, CE_COL_INDEXED, T_ORG, NULL, 0, 0, 0, 0, 1 },
};
static const ce_column_def person_columns[] = {
	{ "name", CE_TYPE_TEXT, CE_COL_REQUIRED, 0, NULL, 0, 0, 0, 0, 1 },
	{ "org", CE_TYPE_REF, CE_COL_OWNER | CE_COL_INDEXED, T_ORG, NULL, 0, 0, 0, 0, 1 },
	{ "born", CE_TYPE_DATE, 0, 0, NULL, 0, 0, 0, 0, 1 },
};
static const char *const role_tokens[] = { NULL, "lead", "member" };
static const ce_column_def member_columns[] = {
	{ "org", CE_TYPE_REF, CE_COL_REQUIRED | CE_COL_OWNER, T_ORG, NULL, 0, 0, 0, 0, 1 },
	{ "person", CE_TYPE_REF, CE_COL_REQUIRED, T_PERSON, NULL, 0, 0, 0, 0, 1 },
	{ "role", CE_TYPE_ENUM, 0, 0, role_tokens, 3, 0, 0, 0, 1 },
};
static const ce_link_def org_links[] = { { "person", T_MEMBER, 0, 1 } };

static const ce_table_def org_table = { T_ORG, "org", "an organisation", O_NCOLS, org_columns,
	                                    NULL, 1, org_links, 0, NULL };
static const ce_table_def person_table = { T_PERSON, "person", "a person", 3, person_columns,
	                                       NULL, 0, NULL, 0, NULL };
static const ce_table_def member_table = { T_MEMBER, "membership", "a person in an org", 3,
	                                       member_columns, NULL, 0, NULL, 0, NULL };
static const ce_table_def *const tables[] = { NULL, &org_table, &person_table, &member_table };
static const ce_schema schema = { 1, T_COUNT, tables };

static const ce_table_def *const ORG = &org_table, *const PERSON = &person_table,
                          *const MEMBER = &member_table;

/* ---- helpers --------------------------------------------------------- */

static ce_backend_conn *c;

static void setup(void)
{
	char err[128];
	ck_assert_int_eq(mem_open(&c, "", &schema, 0, 5000, err, sizeof err), CE_OK);
	ck_assert_str_eq(B->errmsg(c), "");
}

static void teardown(void)
{
	B->close(c);
	c = NULL;
}

static ce_value I(int64_t i)
{
	ce_value v = { i, 0, NULL, 0 };
	return v;
}

static ce_value R(double r)
{
	ce_value v = { 0, r, NULL, 0 };
	return v;
}

static ce_value S(const char *s)
{
	ce_value v = { 0, 0, s, 0 };
	return v;
}

static ce_value N(void)
{
	ce_value v = { 0, 0, NULL, 1 };
	return v;
}

static void org_row(ce_value *row, const char *name, int kind, int32_t founded, double score,
                    const char *region)
{
	row[O_NAME] = S(name);
	row[O_KIND] = I(kind);
	row[O_FOUNDED] = founded ? I(founded) : N();
	row[O_SCORE] = R(score);
	row[O_ACTIVE] = I(1);
	row[O_TAGS] = I(0x5);
	row[O_BUDGET] = I(1234567);
	row[O_STAFF] = I(-3);
	row[O_REGION] = region ? S(region) : N();
	row[O_PARENT] = N();
}

static int64_t add_org(const char *name, int kind, int32_t founded, double score,
                       const char *region)
{
	ce_value row[O_NCOLS];
	int64_t id = 0;
	org_row(row, name, kind, founded, score, region);
	ck_assert_int_eq(B->insert(c, ORG, row, &id), CE_OK);
	return id;
}

static int64_t add_person(const char *name, int64_t org)
{
	ce_value row[3] = { S(name), org ? I(org) : N(), I(20000101) };
	int64_t id = 0;
	ck_assert_int_eq(B->insert(c, PERSON, row, &id), CE_OK);
	return id;
}

static int64_t add_member(int64_t org, int64_t person, int role)
{
	ce_value row[3] = { I(org), I(person), role ? I(role) : N() };
	int64_t id = 0;
	ck_assert_int_eq(B->insert(c, MEMBER, row, &id), CE_OK);
	return id;
}

/* A growable string. */
typedef struct sbuf {
	char *p;
	size_t len, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void dump_row(sbuf *b, const ce_table_def *t, int64_t id, const ce_value *row)
{
	sb_printf(b, "%s#%lld", t->name, (long long)id);
	for (int k = 0; k < t->ncolumns; k++) {
		if (row[k].null)
			sb_printf(b, " -");
		else if (t->columns[k].type == CE_TYPE_TEXT)
			sb_printf(b, " '%s'", row[k].s);
		else if (t->columns[k].type == CE_TYPE_REAL)
			sb_printf(b, " %.17g", row[k].r);
		else
			sb_printf(b, " %lld", (long long)row[k].i);
	}
	sb_printf(b, "\n");
}

/* Every row of every table, as text: states compare with strcmp. */
static char *dump(void)
{
	sbuf b = { NULL, 0, 0 };
	sb_printf(&b, "");
	for (int ti = 1; ti < T_COUNT; ti++) {
		const ce_table_def *t = tables[ti];
		ce_backend_cursor *cur;
		ce_value row[O_NCOLS];
		int64_t id;
		int rc;
		ck_assert_int_eq(B->scan_open(&cur, c, t, NULL), CE_OK);
		while ((rc = B->scan_next(cur, &id, row)) == CE_OK)
			dump_row(&b, t, id, row);
		ck_assert_int_eq(rc, CE_ITEROVER);
		B->scan_close(cur);
	}
	return b.p;
}

static int64_t count(const ce_table_def *t, const ce_query *q)
{
	int64_t n = -1;
	ck_assert_int_eq(B->count(c, t, q, &n), CE_OK);
	return n;
}

/* Ids matching conditions by scan, as "1,3,5"; also checks that count and
 * find_first agree with the scan. */
static const char *match(const ce_table_def *t, unsigned int n, const ce_condition *conds)
{
	static char out[4096];
	ce_query q = { n, conds };
	ce_backend_cursor *cur;
	ce_value row[O_NCOLS];
	int64_t id, first = 0, seen = 0;
	size_t len = 0;
	int rc;

	out[0] = '\0';
	ck_assert_int_eq(B->scan_open(&cur, c, t, &q), CE_OK);
	while ((rc = B->scan_next(cur, &id, row)) == CE_OK) {
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%lld", seen ? "," : "",
		                        (long long)id);
		if (!seen++)
			first = id;
	}
	ck_assert_int_eq(rc, CE_ITEROVER);
	B->scan_close(cur);
	ck_assert_int_eq(count(t, &q), seen);
	rc = B->find_first(c, t, &q, &id);
	if (seen) {
		ck_assert_int_eq(rc, CE_OK);
		ck_assert_int_eq(id, first);
	} else {
		ck_assert_int_eq(rc, CE_ENOTFOUND);
	}
	return out;
}

static ce_condition cond(ce_cond_op op, int column, ce_value low, ce_value high)
{
	ce_condition k = { op, column, NULL, low, high };
	return k;
}

/* ---- open, close, errors --------------------------------------------- */

START_TEST(open_fresh_store_each_time)
{
	ce_backend_conn *other;
	char err[128] = "x";
	add_org("华南理工大学", 1, 19521017, 90.5, "广东");
	ck_assert_int_eq(mem_open(&other, "ignored", &schema, 0, 0, err, sizeof err), CE_OK);
	ck_assert_str_eq(err, "");
	int64_t n = -1;
	ck_assert_int_eq(B->count(other, ORG, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(count(ORG, NULL), 1);
	B->close(other);
	B->close(NULL);
	ck_assert_str_eq(ce__memory_backend.scheme, "memory");
	ck_assert_int_eq(ce__memory_backend.version, CE_BACKEND_VERSION);
}
END_TEST

START_TEST(open_refuses_bad_schema)
{
	ce_backend_conn *other = c; /* any non-NULL value: open must clear it */
	char err[128] = "";
	const ce_table_def *bad_tables[] = { NULL, &person_table }; /* person has index 2 */
	ce_schema bad = { 1, 2, bad_tables };
	ck_assert_int_eq(mem_open(&other, "", NULL, 0, 0, err, sizeof err), CE_EINVALID);
	ck_assert_ptr_null(other);
	ck_assert_str_ne(err, "");
	ck_assert_int_eq(mem_open(&other, "", &bad, 0, 0, err, sizeof err), CE_EINVALID);
	ck_assert_int_eq(mem_open(&other, "", &bad, 0, 0, NULL, 0), CE_EINVALID);
}
END_TEST

START_TEST(unknown_table_and_bad_rows)
{
	static const ce_table_def stranger = { T_ORG, "org", "a copy, not the schema's", O_NCOLS,
		                                   org_columns, NULL, 0, NULL, 0, NULL };
	ce_value row[O_NCOLS];
	int64_t id;
	org_row(row, "x", 1, 0, 0, NULL);
	ck_assert_int_eq(B->insert(c, &stranger, row, &id), CE_EINVALID);
	ck_assert_ptr_nonnull(strstr(B->errmsg(c), "not in the open schema"));
	ck_assert_int_eq(B->insert(c, NULL, row, &id), CE_EINVALID);
	ck_assert_int_eq(B->insert(c, ORG, NULL, &id), CE_EINVALID);
	row[O_REGION].s = NULL; /* not NULL, but no string */
	row[O_REGION].null = 0;
	ck_assert_int_eq(B->insert(c, ORG, row, &id), CE_EINVALID);
	ck_assert_ptr_nonnull(strstr(B->errmsg(c), "org.region"));
	ck_assert_int_eq(count(ORG, NULL), 0);
}
END_TEST

/* ---- rows ------------------------------------------------------------ */

START_TEST(insert_fetch_every_type)
{
	char name[64], region[64];
	ce_value row[O_NCOLS], got[O_NCOLS];
	strcpy(name, "大连理工大学·产教融合中心");
	strcpy(region, "辽宁省大连市");
	org_row(row, name, 2, 20190315, 87.25, region);
	row[O_PARENT] = I(42);
	int64_t id = 0;
	ck_assert_int_eq(B->insert(c, ORG, row, &id), CE_OK);
	ck_assert_int_eq(id, 1);
	/* the store keeps its own copies */
	memset(name, 'x', sizeof name - 1);
	strcpy(region, "改了");

	memset(got, 0xab, sizeof got);
	ck_assert_int_eq(B->fetch(c, ORG, id, got), CE_OK);
	ck_assert_str_eq(got[O_NAME].s, "大连理工大学·产教融合中心");
	ck_assert_int_eq(got[O_NAME].null, 0);
	ck_assert_int_eq(got[O_KIND].i, 2);
	ck_assert_int_eq(got[O_FOUNDED].i, 20190315);
	ck_assert_double_eq(got[O_SCORE].r, 87.25);
	ck_assert_int_eq(got[O_ACTIVE].i, 1);
	ck_assert_int_eq(got[O_TAGS].i, 5);
	ck_assert_int_eq(got[O_BUDGET].i, 1234567);
	ck_assert_int_eq(got[O_STAFF].i, -3);
	ck_assert_str_eq(got[O_REGION].s, "辽宁省大连市");
	ck_assert_int_eq(got[O_PARENT].i, 42);
	for (int k = 0; k < O_NCOLS; k++)
		ck_assert_int_eq(got[k].null, 0);

	/* NULL cells come back as NULL, with the other members cleared */
	ce_value p[3] = { S("张伟"), N(), { 7, 7.0, "junk", 1 } };
	ck_assert_int_eq(B->insert(c, PERSON, p, &id), CE_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(B->fetch(c, PERSON, id, got), CE_OK);
	ck_assert_str_eq(got[0].s, "张伟");
	ck_assert(got[1].null && got[2].null);
	ck_assert_ptr_null(got[2].s);
	ck_assert_int_eq(got[2].i, 0);

	ck_assert_int_eq(B->fetch(c, ORG, 2, got), CE_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(B->errmsg(c), "org"));
	ck_assert_int_eq(B->fetch(c, ORG, 0, got), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(c, ORG, -1, got), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(c, ORG, 1, NULL), CE_OK); /* existence check */
}
END_TEST

START_TEST(ids_are_monotonic_and_never_reused)
{
	ck_assert_int_eq(add_org("甲", 1, 0, 0, NULL), 1);
	ck_assert_int_eq(add_org("乙", 1, 0, 0, NULL), 2);
	ck_assert_int_eq(add_org("丙", 1, 0, 0, NULL), 3);
	ck_assert_int_eq(add_person("李娜", 1), 1); /* ids are per table */
	ck_assert_int_eq(B->remove(c, ORG, 3), CE_OK);
	ck_assert_int_eq(add_org("丁", 1, 0, 0, NULL), 4);
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(add_org("戊", 1, 0, 0, NULL), 5);
	ck_assert_int_eq(B->rollback(c), CE_OK);
	ck_assert_int_eq(add_org("己", 1, 0, 0, NULL), 6);
	ck_assert_str_eq(match(ORG, 0, NULL), "1,2,4,6");
	ck_assert_int_eq(B->remove(c, ORG, 6), CE_OK);
	ck_assert_int_eq(add_org("庚", 1, 0, 0, NULL), 7);
}
END_TEST

START_TEST(update_and_remove)
{
	int64_t a = add_org("清华大学", 1, 19110429, 95, "北京");
	int64_t b = add_org("中国石化", 2, 20000225, 80, "北京");
	ce_value row[O_NCOLS], got[O_NCOLS];

	org_row(row, "中国石油化工集团", 2, 19830719, 81.5, NULL);
	row[O_PARENT] = I(a);
	ck_assert_int_eq(B->update(c, ORG, b, row), CE_OK);
	ck_assert_int_eq(B->fetch(c, ORG, b, got), CE_OK);
	ck_assert_str_eq(got[O_NAME].s, "中国石油化工集团");
	ck_assert_int_eq(got[O_FOUNDED].i, 19830719);
	ck_assert_double_eq(got[O_SCORE].r, 81.5);
	ck_assert(got[O_REGION].null);
	ck_assert_int_eq(got[O_PARENT].i, a);

	/* update from a fetched row: its strings are the stored ones */
	ck_assert_int_eq(B->fetch(c, ORG, a, got), CE_OK);
	got[O_STAFF] = I(3000);
	ck_assert_int_eq(B->update(c, ORG, a, got), CE_OK);
	ck_assert_int_eq(B->fetch(c, ORG, a, got), CE_OK);
	ck_assert_str_eq(got[O_NAME].s, "清华大学");
	ck_assert_str_eq(got[O_REGION].s, "北京");
	ck_assert_int_eq(got[O_STAFF].i, 3000);

	ck_assert_int_eq(B->update(c, ORG, 99, row), CE_ENOTFOUND);
	ck_assert_int_eq(B->update(c, ORG, a, NULL), CE_EINVALID);
	ck_assert_int_eq(B->remove(c, ORG, a), CE_OK);
	ck_assert_int_eq(B->remove(c, ORG, a), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(c, ORG, a, got), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(c, ORG, b, got), CE_OK);
	ck_assert_int_eq(count(ORG, NULL), 1);
}
END_TEST

/* ---- conditions ------------------------------------------------------ */

static void add_sample(void)
{
	add_org("浙江大学", 1, 18970521, 92.5, "浙江");     /* 1 */
	add_org("华为技术有限公司", 2, 19870915, 88, "广东"); /* 2 */
	add_org("深圳市科技创新委员会", 3, 0, 70, "广东");    /* 3: no date */
	add_org("阿里巴巴", 2, 19990909, 88, NULL);          /* 4: no region */
	add_org("广东工业大学", 1, 19580101, 75.25, "广东");  /* 5 */
}

START_TEST(cond_eq)
{
	add_sample();
	ce_condition k[2];
	k[0] = cond(CE_COND_EQ, O_REGION, S("广东"), N());
	ck_assert_str_eq(match(ORG, 1, k), "2,3,5");
	k[0] = cond(CE_COND_EQ, O_NAME, S("阿里巴巴"), N());
	ck_assert_str_eq(match(ORG, 1, k), "4");
	k[0] = cond(CE_COND_EQ, O_NAME, S("阿里"), N()); /* exact, not prefix */
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[0] = cond(CE_COND_EQ, O_KIND, I(2), N());
	ck_assert_str_eq(match(ORG, 1, k), "2,4");
	k[0] = cond(CE_COND_EQ, O_SCORE, R(88), N());
	ck_assert_str_eq(match(ORG, 1, k), "2,4");
	k[0] = cond(CE_COND_EQ, O_FOUNDED, I(19580101), N());
	ck_assert_str_eq(match(ORG, 1, k), "5");
	/* a NULL cell never equals, a NULL value matches nothing (SQL "= NULL") */
	k[0] = cond(CE_COND_EQ, O_FOUNDED, I(0), N());
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[0] = cond(CE_COND_EQ, O_REGION, N(), N());
	ck_assert_str_eq(match(ORG, 1, k), "");
	/* the int member is what counts for int-like columns */
	ce_value odd = { 2, 99.0, "x", 0 };
	k[0] = cond(CE_COND_EQ, O_KIND, odd, N());
	ck_assert_str_eq(match(ORG, 1, k), "2,4");
	/* conjunction */
	k[0] = cond(CE_COND_EQ, O_REGION, S("广东"), N());
	k[1] = cond(CE_COND_EQ, O_KIND, I(1), N());
	ck_assert_str_eq(match(ORG, 2, k), "5");
	ck_assert_str_eq(match(ORG, 0, NULL), "1,2,3,4,5");
}
END_TEST

START_TEST(cond_range)
{
	add_sample();
	ce_condition k[2];
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, I(19000101), I(19991231));
	ck_assert_str_eq(match(ORG, 1, k), "2,4,5");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, I(19870915), I(19870915)); /* inclusive */
	ck_assert_str_eq(match(ORG, 1, k), "2");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, N(), I(19600000)); /* open low end */
	ck_assert_str_eq(match(ORG, 1, k), "1,5");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, I(19600000), N()); /* open high end */
	ck_assert_str_eq(match(ORG, 1, k), "2,4");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, N(), N()); /* NULL cells still excluded */
	ck_assert_str_eq(match(ORG, 1, k), "1,2,4,5");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, I(20000101), I(19000101)); /* empty */
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[0] = cond(CE_COND_RANGE, O_SCORE, R(75.25), R(88)); /* REAL uses .r */
	ck_assert_str_eq(match(ORG, 1, k), "2,4,5");
	k[0] = cond(CE_COND_RANGE, O_SCORE, R(75.3), R(87.99));
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[0] = cond(CE_COND_RANGE, O_STAFF, I(-3), I(-3)); /* negative ints */
	ck_assert_str_eq(match(ORG, 1, k), "1,2,3,4,5");
	k[0] = cond(CE_COND_RANGE, O_NAME, S("A"), S("z")); /* TEXT: bytewise */
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[0] = cond(CE_COND_RANGE, O_REGION, S("广东"), S("广东"));
	ck_assert_str_eq(match(ORG, 1, k), "2,3,5");
	k[0] = cond(CE_COND_RANGE, O_FOUNDED, I(19000101), N());
	k[1] = cond(CE_COND_EQ, O_REGION, S("广东"), N());
	ck_assert_str_eq(match(ORG, 2, k), "2,5");
}
END_TEST

START_TEST(cond_null)
{
	add_sample();
	ce_condition k[2];
	k[0] = cond(CE_COND_NULL, O_FOUNDED, N(), N());
	ck_assert_str_eq(match(ORG, 1, k), "3");
	k[0] = cond(CE_COND_NULL, O_REGION, N(), N());
	ck_assert_str_eq(match(ORG, 1, k), "4");
	k[0] = cond(CE_COND_NULL, O_PARENT, N(), N());
	ck_assert_str_eq(match(ORG, 1, k), "1,2,3,4,5");
	k[1] = cond(CE_COND_NULL, O_NAME, N(), N());
	ck_assert_str_eq(match(ORG, 2, k), "");
}
END_TEST

START_TEST(cond_link)
{
	add_sample();
	int64_t wang = add_person("王芳", 2), zhao = add_person("赵磊", 5), sun = add_person("孙悦", 0);
	add_member(2, wang, 1);
	add_member(5, wang, 2);
	add_member(1, zhao, 0);
	add_member(5, zhao, 1);
	ce_condition k[2];
	k[0] = cond(CE_COND_LINK, 0, I(wang), N());
	k[0].link = &org_links[0];
	ck_assert_str_eq(match(ORG, 1, k), "2,5");
	k[0].low = I(zhao);
	ck_assert_str_eq(match(ORG, 1, k), "1,5");
	k[0].low = I(sun);
	ck_assert_str_eq(match(ORG, 1, k), "");
	k[1] = cond(CE_COND_EQ, O_KIND, I(1), N());
	k[0].low = I(wang);
	ck_assert_str_eq(match(ORG, 2, k), "5");
	/* the link follows removals */
	ck_assert_int_eq(B->remove(c, MEMBER, 2), CE_OK);
	ck_assert_str_eq(match(ORG, 1, k), "2");

	/* a REF equality works like any int */
	k[0] = cond(CE_COND_EQ, 1, I(5), N());
	ck_assert_str_eq(match(PERSON, 1, k), "2");
	k[0] = cond(CE_COND_NULL, 1, N(), N());
	ck_assert_str_eq(match(PERSON, 1, k), "3");
}
END_TEST

START_TEST(invalid_queries)
{
	add_sample();
	ce_condition k[1];
	ce_query q = { 1, k };
	ce_backend_cursor *cur = (ce_backend_cursor *)&cur;
	int64_t id, n;
	ce_link_def bad_link = { "x", 9, 0, 1 };

	k[0] = cond(CE_COND_EQ, O_NCOLS, I(1), N());
	ck_assert_int_eq(B->find_first(c, ORG, &q, &id), CE_EINVALID);
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	ck_assert_int_eq(B->scan_open(&cur, c, ORG, &q), CE_EINVALID);
	ck_assert_ptr_null(cur);
	k[0] = cond(CE_COND_EQ, -1, I(1), N());
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	k[0] = cond((ce_cond_op)9, 0, I(1), N());
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	k[0] = cond(CE_COND_LINK, 0, I(1), N()); /* no link */
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	k[0].link = &bad_link;
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	k[0] = cond(CE_COND_EQ, O_NAME, S(NULL), N()); /* TEXT value without string */
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	ck_assert_str_ne(B->errmsg(c), "");
	q.conditions = NULL;
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_EINVALID);
	q.nconditions = 0;
	ck_assert_int_eq(B->count(c, ORG, &q, &n), CE_OK);
	ck_assert_int_eq(n, 5);
}
END_TEST

/* ---- scans ----------------------------------------------------------- */

START_TEST(scan_copies_query)
{
	add_sample();
	char region[32];
	strcpy(region, "广东");
	ce_condition k = cond(CE_COND_EQ, O_REGION, S(region), N());
	ce_query q = { 1, &k };
	ce_backend_cursor *cur;
	ce_value row[O_NCOLS];
	int64_t id;
	ck_assert_int_eq(B->scan_open(&cur, c, ORG, &q), CE_OK);
	strcpy(region, "浙江"); /* neither the string nor the array is kept */
	k.column = O_NAME;
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, 2);
	ck_assert_str_eq(row[O_NAME].s, "华为技术有限公司");
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, 3);
	ck_assert_int_eq(B->scan_next(cur, &id, NULL), CE_OK);
	ck_assert_int_eq(id, 5);
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_ITEROVER);
	add_org("广州大学", 1, 0, 0, "广东");
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_ITEROVER); /* over stays over */
	B->scan_close(cur);
	B->scan_close(NULL);
}
END_TEST

START_TEST(scan_interleaved_with_writes)
{
	for (int k = 0; k < 10; k++) {
		char name[32];
		snprintf(name, sizeof name, "企业%d号", k + 1);
		add_org(name, 2, 0, k, "江苏");
	}
	ce_backend_cursor *cur;
	ce_value row[O_NCOLS], fresh[O_NCOLS];
	int64_t id;
	char seen[256] = "";

	ck_assert_int_eq(B->scan_open(&cur, c, ORG, NULL), CE_OK);
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, 1);
	ck_assert_int_eq(B->remove(c, ORG, 1), CE_OK);  /* the current row */
	ck_assert_int_eq(B->remove(c, ORG, 2), CE_OK);  /* the next row */
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, 3);
	/* rewrite the current row's strings while holding them */
	org_row(fresh, "改名后的企业三号", 2, 0, 0, "新的地区");
	ck_assert_int_eq(B->update(c, ORG, 3, fresh), CE_OK);
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(B->remove(c, ORG, 4), CE_OK);
	add_org("新企业", 2, 0, 0, NULL); /* 11: seen later */
	ck_assert_int_eq(B->scan_next(cur, &id, row), CE_OK);
	ck_assert_int_eq(id, 5);
	ck_assert_int_eq(B->rollback(c), CE_OK); /* 4 comes back behind us, 11 goes */
	for (int rc; (rc = B->scan_next(cur, &id, row)) != CE_ITEROVER;) {
		ck_assert_int_eq(rc, CE_OK);
		snprintf(seen + strlen(seen), sizeof seen - strlen(seen), "%lld:%s ", (long long)id,
		         row[O_NAME].s);
		if (id == 7) {
			B->remove(c, ORG, 10);
			add_org("最后一家", 2, 0, 0, NULL); /* 12 */
		}
	}
	ck_assert_str_eq(seen, "6:企业6号 7:企业7号 8:企业8号 9:企业9号 12:最后一家 ");
	B->scan_close(cur);
	ck_assert_str_eq(match(ORG, 0, NULL), "3,4,5,6,7,8,9,12");
	ck_assert_int_eq(B->fetch(c, ORG, 3, row), CE_OK);
	ck_assert_str_eq(row[O_REGION].s, "新的地区");
}
END_TEST

START_TEST(scan_outlives_connection)
{
	add_sample();
	ce_backend_cursor *a, *b, *d;
	int64_t id;
	ce_value row[O_NCOLS];
	ck_assert_int_eq(B->scan_open(&a, c, ORG, NULL), CE_OK);
	ck_assert_int_eq(B->scan_open(&b, c, ORG, NULL), CE_OK);
	ck_assert_int_eq(B->scan_open(&d, c, PERSON, NULL), CE_OK);
	B->scan_close(b); /* from the middle of the list */
	ck_assert_int_eq(B->scan_next(a, &id, row), CE_OK);
	B->close(c);
	c = NULL;
	ck_assert_int_eq(B->scan_next(a, &id, row), CE_EMISUSE);
	B->scan_close(a);
	B->scan_close(d);
	setup(); /* for teardown */
}
END_TEST

/* ---- transactions ---------------------------------------------------- */

START_TEST(transaction_misuse)
{
	ck_assert_int_eq(B->commit(c), CE_EMISUSE);
	ck_assert_ptr_nonnull(strstr(B->errmsg(c), "commit"));
	ck_assert_int_eq(B->rollback(c), CE_EMISUSE);
	ck_assert_int_eq(B->savepoint(c), CE_EMISUSE);
	ck_assert_int_eq(B->release(c), CE_EMISUSE);
	ck_assert_int_eq(B->rollback_to(c), CE_EMISUSE);
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(B->begin(c), CE_EMISUSE);
	ck_assert_int_eq(B->release(c), CE_EMISUSE);
	ck_assert_int_eq(B->rollback_to(c), CE_EMISUSE);
	for (int k = 0; k < MEM_MAX_SAVEPOINTS; k++)
		ck_assert_int_eq(B->savepoint(c), CE_OK);
	ck_assert_int_eq(B->savepoint(c), CE_EMISUSE);
	ck_assert_int_eq(B->commit(c), CE_OK); /* drops open savepoints too */
	ck_assert_int_eq(B->release(c), CE_EMISUSE);
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(B->rollback(c), CE_OK);
}
END_TEST

/* The first id of t greater than after, or 0. */
static int64_t first_id(const ce_table_def *t, int64_t after)
{
	ce_backend_cursor *cur;
	ce_value row[O_NCOLS];
	int64_t id, found = 0;
	ck_assert_int_eq(B->scan_open(&cur, c, t, NULL), CE_OK);
	while (!found && B->scan_next(cur, &id, row) == CE_OK)
		if (id > after)
			found = id;
	B->scan_close(cur);
	return found;
}

/* A workload touching every kind of write, with strings everywhere. Orgs
 * 1 and 2 are kept; others come and go. */
static void churn(int round)
{
	ce_value row[O_NCOLS];
	char name[64];
	snprintf(name, sizeof name, "第%d轮新增单位", round);
	int64_t id = add_org(name, 3, 20200101 + round, round, "湖北");
	add_member(id, 1, 1);
	ck_assert_int_eq(B->fetch(c, ORG, 2, row), CE_OK);
	row[O_NAME] = S("更新后的华为");
	row[O_REGION] = N();
	row[O_SCORE] = R(1.0 / 3);
	ck_assert_int_eq(B->update(c, ORG, 2, row), CE_OK);
	ck_assert_int_eq(B->fetch(c, ORG, 1, row), CE_OK);
	ck_assert_int_eq(B->update(c, ORG, 1, row), CE_OK); /* same values, own strings */
	int64_t victim = first_id(ORG, 2);
	ck_assert_int_eq(B->remove(c, ORG, victim), CE_OK);
	if (victim != id)
		ck_assert_int_eq(B->remove(c, ORG, id), CE_OK);
	ck_assert_int_eq(B->remove(c, MEMBER, first_id(MEMBER, 0)), CE_OK);
	id = add_org("又一家", 1, 0, 0, "湖北");
	ck_assert_int_eq(B->fetch(c, ORG, id, row), CE_OK);
	row[O_REGION] = S("湖南");
	ck_assert_int_eq(B->update(c, ORG, id, row), CE_OK);
}

static void add_linked_sample(void)
{
	add_sample();
	add_person("陈静", 1);
	add_member(1, 1, 2);
}

START_TEST(rollback_restores_exact_state)
{
	add_linked_sample();
	char *before = dump();
	ck_assert_int_eq(B->begin(c), CE_OK);
	churn(1);
	churn(2);
	char *during = dump();
	ck_assert_str_ne(before, during);
	ck_assert_int_eq(B->rollback(c), CE_OK);
	char *after = dump();
	ck_assert_str_eq(before, after);
	/* deleted rows are back, strings and all */
	ce_value row[O_NCOLS];
	ck_assert_int_eq(B->fetch(c, ORG, 3, row), CE_OK);
	ck_assert_str_eq(row[O_NAME].s, "深圳市科技创新委员会");
	ck_assert_str_eq(row[O_REGION].s, "广东");
	ck_assert_int_eq(B->fetch(c, MEMBER, 1, row), CE_OK);
	free(before);
	free(during);
	free(after);
}
END_TEST

START_TEST(commit_and_autocommit_keep_changes)
{
	add_linked_sample();
	churn(1); /* autocommit */
	char *auto_state = dump();
	ck_assert_int_eq(B->begin(c), CE_OK);
	churn(2);
	char *during = dump();
	ck_assert_int_eq(B->commit(c), CE_OK);
	char *after = dump();
	ck_assert_str_eq(during, after);
	ck_assert_str_ne(auto_state, after);
	ck_assert_int_eq(B->rollback(c), CE_EMISUSE);
	free(auto_state);
	free(during);
	free(after);
}
END_TEST

START_TEST(rollback_to_savepoint)
{
	add_linked_sample();
	ck_assert_int_eq(B->begin(c), CE_OK);
	churn(1);
	char *outer = dump();
	ck_assert_int_eq(B->savepoint(c), CE_OK);
	churn(2);
	ck_assert_int_eq(B->rollback_to(c), CE_OK);
	char *s1 = dump();
	ck_assert_str_eq(outer, s1);
	/* the savepoint stays open: roll back to it again */
	churn(3);
	ck_assert_int_eq(B->rollback_to(c), CE_OK);
	char *s2 = dump();
	ck_assert_str_eq(outer, s2);
	/* nested savepoints */
	churn(4);
	char *mid = dump();
	ck_assert_int_eq(B->savepoint(c), CE_OK);
	churn(5);
	ck_assert_int_eq(B->rollback_to(c), CE_OK);
	ck_assert_int_eq(B->release(c), CE_OK);
	char *s3 = dump();
	ck_assert_str_eq(mid, s3);
	ck_assert_int_eq(B->release(c), CE_OK);
	ck_assert_int_eq(B->release(c), CE_EMISUSE);
	/* released work still belongs to the transaction */
	ck_assert_int_eq(B->commit(c), CE_OK);
	char *s4 = dump();
	ck_assert_str_eq(mid, s4);

	/* release then rollback undoes the released work too */
	ck_assert_int_eq(B->begin(c), CE_OK);
	ck_assert_int_eq(B->savepoint(c), CE_OK);
	churn(6);
	ck_assert_int_eq(B->release(c), CE_OK);
	ck_assert_int_eq(B->rollback(c), CE_OK);
	char *s5 = dump();
	ck_assert_str_eq(mid, s5);
	free(outer);
	free(s1);
	free(s2);
	free(mid);
	free(s3);
	free(s4);
	free(s5);
}
END_TEST

START_TEST(close_discards_open_transaction)
{
	add_linked_sample();
	ck_assert_int_eq(B->begin(c), CE_OK);
	churn(1);
	ck_assert_int_eq(B->savepoint(c), CE_OK);
	churn(2);
	/* teardown closes with both open; valgrind/ASan check nothing leaks */
}
END_TEST

/* ---- read-only ------------------------------------------------------- */

START_TEST(readonly_refuses_writes)
{
	ce_backend_conn *ro;
	ce_value row[O_NCOLS], got[O_NCOLS];
	int64_t id = 77, n = -1;
	org_row(row, "只读", 1, 0, 0, NULL);
	ck_assert_int_eq(mem_open(&ro, "", &schema, CE_OPEN_READONLY, 0, NULL, 0), CE_OK);
	ck_assert_int_eq(B->insert(ro, ORG, row, &id), CE_EMISUSE);
	ck_assert_ptr_nonnull(strstr(B->errmsg(ro), "read-only"));
	ck_assert_int_eq(id, 77);
	ck_assert_int_eq(B->update(ro, ORG, 1, row), CE_EMISUSE);
	ck_assert_int_eq(B->remove(ro, ORG, 1), CE_EMISUSE);
	ck_assert_ptr_nonnull(strstr(B->errmsg(ro), "read-only"));
	ck_assert_int_eq(B->fetch(ro, ORG, 1, got), CE_ENOTFOUND);
	ck_assert_int_eq(B->count(ro, ORG, NULL, &n), CE_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(B->begin(ro), CE_EMISUSE); /* no write lock to take */
	ck_assert_ptr_nonnull(strstr(B->errmsg(ro), "read-only"));
	ck_assert_int_eq(B->commit(ro), CE_EMISUSE);
	B->close(ro);
}
END_TEST

/* ---- volume ---------------------------------------------------------- */

START_TEST(many_rows)
{
	enum { MANY = 10000 };
	ce_value row[O_NCOLS];
	char name[64];
	int64_t id;
	for (int k = 1; k <= MANY; k++) {
		snprintf(name, sizeof name, "合作单位%05d", k);
		org_row(row, name, 1 + k % 3, 20000101 + k % 28, k * 0.5, k % 2 ? "西部" : "东部");
		ck_assert_int_eq(B->insert(c, ORG, row, &id), CE_OK);
		ck_assert_int_eq(id, k);
	}
	ck_assert_int_eq(count(ORG, NULL), MANY);
	for (int k = 1; k <= MANY; k += 997) {
		snprintf(name, sizeof name, "合作单位%05d", k);
		ck_assert_int_eq(B->fetch(c, ORG, k, row), CE_OK);
		ck_assert_str_eq(row[O_NAME].s, name);
	}
	/* remove every even id, inside a transaction, then roll half of it back */
	ck_assert_int_eq(B->begin(c), CE_OK);
	for (int k = 2; k <= MANY / 2; k += 2)
		ck_assert_int_eq(B->remove(c, ORG, k), CE_OK);
	ck_assert_int_eq(B->savepoint(c), CE_OK);
	for (int k = MANY / 2 + 2; k <= MANY; k += 2)
		ck_assert_int_eq(B->remove(c, ORG, k), CE_OK);
	ck_assert_int_eq(count(ORG, NULL), MANY / 2);
	ck_assert_int_eq(B->rollback_to(c), CE_OK);
	ck_assert_int_eq(B->commit(c), CE_OK);
	ck_assert_int_eq(count(ORG, NULL), MANY - MANY / 4);
	ck_assert_int_eq(B->fetch(c, ORG, 2, row), CE_ENOTFOUND);
	ck_assert_int_eq(B->fetch(c, ORG, MANY, row), CE_OK);
	ck_assert_int_eq(B->fetch(c, ORG, MANY / 2 + 2, row), CE_OK);
	ce_condition k[1] = { cond(CE_COND_EQ, O_REGION, S("东部"), N()) };
	ce_query q = { 1, k };
	ck_assert_int_eq(count(ORG, &q), MANY / 4);
	ck_assert_int_eq(B->find_first(c, ORG, &q, &id), CE_OK);
	ck_assert_int_eq(id, MANY / 2 + 2);
	/* ascending order after all of that */
	ce_backend_cursor *cur;
	int64_t last = 0, seen = 0;
	ck_assert_int_eq(B->scan_open(&cur, c, ORG, NULL), CE_OK);
	while (B->scan_next(cur, &id, row) == CE_OK) {
		ck_assert_int_gt(id, last);
		last = id;
		seen++;
	}
	B->scan_close(cur);
	ck_assert_int_eq(seen, MANY - MANY / 4);
	add_org("最新", 1, 0, 0, NULL);
	k[0] = cond(CE_COND_EQ, O_NAME, S("最新"), N());
	ck_assert_int_eq(B->find_first(c, ORG, &q, &id), CE_OK);
	ck_assert_int_eq(id, MANY + 1);
}
END_TEST

/* ---- out of memory --------------------------------------------------- */

/* Runs op with the nth allocation failing, for n = 1, 2, ... until op
 * succeeds; every failure must be CE_ENOMEM with the store unchanged. */
static void oom_loop(int (*op)(void), bool in_transaction)
{
	int rc;
	for (long n = 1;; n++) {
		char *before = dump();
		if (in_transaction)
			ck_assert_int_eq(B->begin(c), CE_OK);
		ce__memory_fail_alloc(n);
		rc = op();
		ce__memory_fail_alloc(0);
		if (rc == CE_OK) {
			if (in_transaction)
				ck_assert_int_eq(B->commit(c), CE_OK);
			free(before);
			return;
		}
		ck_assert_int_eq(rc, CE_ENOMEM);
		ck_assert_ptr_nonnull(strstr(B->errmsg(c), "out of memory"));
		char *after = dump();
		ck_assert_str_eq(before, after);
		if (in_transaction) {
			ck_assert_int_eq(B->rollback(c), CE_OK);
			char *rolled = dump();
			ck_assert_str_eq(before, rolled);
			free(rolled);
		}
		free(before);
		free(after);
		ck_assert_int_lt(n, 100);
	}
}

static int op_insert(void)
{
	ce_value row[O_NCOLS];
	int64_t id;
	org_row(row, "内存不足时插入", 1, 20240101, 1, "上海");
	return B->insert(c, ORG, row, &id);
}

static int op_update(void)
{
	ce_value row[O_NCOLS];
	org_row(row, "内存不足时更新", 1, 20240101, 1, "上海");
	return B->update(c, ORG, 1, row);
}

static int op_churn_in_tx(void)
{
	/* several writes in one transaction: grows the journal */
	for (int k = 0; k < 40; k++) {
		int rc = op_insert();
		if (rc != CE_OK)
			return rc;
	}
	return CE_OK;
}

static int op_remove(void)
{
	return B->remove(c, ORG, 2);
}

static int op_scan_open(void)
{
	ce_condition k[2] = { cond(CE_COND_EQ, O_REGION, S("广东"), N()),
		                  cond(CE_COND_RANGE, O_NAME, S("甲"), S("乙")) };
	ce_query q = { 2, k };
	ce_backend_cursor *cur;
	int rc = B->scan_open(&cur, c, ORG, &q);
	if (rc == CE_OK)
		B->scan_close(cur);
	return rc;
}

START_TEST(out_of_memory_leaves_store_unchanged)
{
	add_linked_sample();
	oom_loop(op_insert, false);
	oom_loop(op_update, false);
	oom_loop(op_insert, true);
	oom_loop(op_update, true);
	oom_loop(op_remove, true);
	oom_loop(op_scan_open, false);
}
END_TEST

START_TEST(out_of_memory_in_long_transaction)
{
	/* Failures partway through growing rows and journal on a fresh store:
	 * the call that fails changes nothing, and rollback still restores the
	 * state before begin. */
	for (long n = 1;; n++) {
		teardown();
		setup();
		add_linked_sample();
		char *before = dump();
		ck_assert_int_eq(B->begin(c), CE_OK);
		ce__memory_fail_alloc(n);
		int rc = op_churn_in_tx();
		ce__memory_fail_alloc(0);
		ck_assert(rc == CE_OK || rc == CE_ENOMEM);
		ck_assert_int_eq(B->rollback(c), CE_OK);
		char *after = dump();
		ck_assert_str_eq(before, after);
		free(before);
		free(after);
		if (rc == CE_OK)
			break;
		ck_assert_int_lt(n, 1000);
	}
}
END_TEST

START_TEST(out_of_memory_on_open)
{
	ce_backend_conn *other = NULL;
	char err[128];
	for (long n = 1; n <= 2; n++) {
		ce__memory_fail_alloc(n);
		ck_assert_int_eq(mem_open(&other, "", &schema, 0, 0, err, sizeof err), CE_ENOMEM);
		ce__memory_fail_alloc(0);
		ck_assert_ptr_null(other);
		ck_assert_ptr_nonnull(strstr(err, "memory"));
	}
}
END_TEST

/* ---- runner ---------------------------------------------------------- */

static Suite *memory_suite(void)
{
	Suite *s = suite_create("memory_backend");
	TCase *tc;

	tc = tcase_create("rows");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_fresh_store_each_time);
	tcase_add_test(tc, open_refuses_bad_schema);
	tcase_add_test(tc, unknown_table_and_bad_rows);
	tcase_add_test(tc, insert_fetch_every_type);
	tcase_add_test(tc, ids_are_monotonic_and_never_reused);
	tcase_add_test(tc, update_and_remove);
	suite_add_tcase(s, tc);

	tc = tcase_create("conditions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cond_eq);
	tcase_add_test(tc, cond_range);
	tcase_add_test(tc, cond_null);
	tcase_add_test(tc, cond_link);
	tcase_add_test(tc, invalid_queries);
	suite_add_tcase(s, tc);

	tc = tcase_create("scans");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, scan_copies_query);
	tcase_add_test(tc, scan_interleaved_with_writes);
	tcase_add_test(tc, scan_outlives_connection);
	suite_add_tcase(s, tc);

	tc = tcase_create("transactions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, transaction_misuse);
	tcase_add_test(tc, rollback_restores_exact_state);
	tcase_add_test(tc, commit_and_autocommit_keep_changes);
	tcase_add_test(tc, rollback_to_savepoint);
	tcase_add_test(tc, close_discards_open_transaction);
	tcase_add_test(tc, readonly_refuses_writes);
	suite_add_tcase(s, tc);

	tc = tcase_create("volume");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, many_rows);
	tcase_add_test(tc, out_of_memory_leaves_store_unchanged);
	tcase_add_test(tc, out_of_memory_in_long_transaction);
	tcase_add_test(tc, out_of_memory_on_open);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(memory_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
