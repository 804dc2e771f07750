/* The schema's descriptors agree with themselves: positions, references,
 * links, tokens, lifecycles. A typo in lib/schema/ fails here, before it
 * can mislead the engine. */
#include <check.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "schema/schema.h"

static const ce_schema *S;

static void setup(void)
{
	S = ce_schema_get();
}

START_TEST(tables_sit_at_their_index)
{
	ck_assert_int_eq(S->ntables, CE_TABLE_COUNT);
	ck_assert_ptr_null(S->tables[0]);
	for (int i = 1; i < S->ntables; i++) {
		const ce_table_def *t = S->tables[i];
		ck_assert_ptr_nonnull(t);
		ck_assert_int_eq(t->index, i);
		ck_assert_int_le(t->ncolumns, CE_MAX_COLUMNS);
		ck_assert_int_gt(t->ncolumns, 0);
		for (int j = 1; j < i; j++)
			ck_assert_str_ne(S->tables[j]->name, t->name);
		if (i <= CE_ENTITY_LAST) {
			ck_assert_str_eq(ce_entity_name((ce_entity)i), t->name);
			ck_assert_uint_gt(t->spec_size, sizeof(unsigned int));
		}
	}
}
END_TEST

START_TEST(columns_are_well_formed)
{
	for (int i = 1; i < S->ntables; i++) {
		const ce_table_def *t = S->tables[i];
		for (int c = 0; c < t->ncolumns; c++) {
			const ce_column_def *col = &t->columns[c];
			for (const char *p = col->name; *p; p++)
				ck_assert_msg(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_',
				              "%s.%s: not lower_snake_case", t->name, col->name);
			ck_assert_msg(strcmp(col->name, "id") != 0, "%s: id is implicit", t->name);
			for (int d = 0; d < c; d++)
				ck_assert_str_ne(t->columns[d].name, col->name);
			if (col->type == CE_TYPE_REF)
				ck_assert_msg(ce__table(col->ref) && col->ref <= CE_ENTITY_LAST,
				              "%s.%s: bad ref %d", t->name, col->name, col->ref);
			if (col->type == CE_TYPE_ENUM) {
				ck_assert_msg(col->ntokens >= 2 && col->tokens[0] == NULL, "%s.%s", t->name,
				              col->name);
				for (int v = 1; v < col->ntokens; v++)
					ck_assert_ptr_nonnull(col->tokens[v]);
			}
			if (col->type == CE_TYPE_FLAGS)
				ck_assert_msg(col->ntokens >= 1 && col->ntokens <= 31, "%s.%s", t->name, col->name);
			if (i <= CE_ENTITY_LAST)
				ck_assert_msg(col->offset + sizeof(char) <= t->spec_size && col->offset > 0,
				              "%s.%s: offset outside the spec", t->name, col->name);
		}
	}
}
END_TEST

START_TEST(links_and_uniques_point_at_real_columns)
{
	for (int i = 1; i < S->ntables; i++) {
		const ce_table_def *t = S->tables[i];
		for (int l = 0; l < t->nlinks; l++) {
			const ce_link_def *k = &t->links[l];
			const ce_table_def *u = ce__table(k->table);
			ck_assert_msg(u != NULL, "%s link %s", t->name, k->name);
			ck_assert_int_lt(k->self_column, u->ncolumns);
			ck_assert_int_lt(k->other_column, u->ncolumns);
			ck_assert_msg(u->columns[k->self_column].type == CE_TYPE_REF &&
			                  u->columns[k->self_column].ref == t->index,
			              "%s link %s: %s.%s does not point back", t->name, k->name, u->name,
			              u->columns[k->self_column].name);
			ck_assert_msg(u->columns[k->other_column].type == CE_TYPE_REF, "%s link %s", t->name,
			              k->name);
			ck_assert_msg(ce__column_by_name(t, k->name) < 0, "%s: link %s shadows a column",
			              t->name, k->name);
		}
		for (int g = 0; t->unique_groups && t->unique_groups[g]; g++) {
			int n = 0;
			for (; t->unique_groups[g][n] >= 0; n++)
				ck_assert_int_lt(t->unique_groups[g][n], t->ncolumns);
			ck_assert_int_ge(n, 2);
		}
	}
}
END_TEST

/* Every state of a lifecycle can be reached from a legal initial state. */
static void assert_reachable(const ce_table_def *t, const ce_lifecycle_def *lc, int disc)
{
	const ce_column_def *col = &t->columns[lc->column];
	bool seen[64] = { false };
	int frontier = 0;
	for (int s = 1; s < col->ntokens; s++)
		if (ce__lifecycle_allows(lc, disc, 0, s))
			seen[s] = true, frontier++;
	ck_assert_msg(frontier > 0, "%s.%s: no initial state (disc %d)", t->name, col->name, disc);
	ck_assert_msg(ce__lifecycle_allows(lc, disc, 0, ce__lifecycle_initial(lc, disc)), "%s.%s: default initial not allowed",
	              t->name, col->name);
	for (bool grew = true; grew;) {
		grew = false;
		for (int a = 1; a < col->ntokens; a++)
			for (int b = 1; b < col->ntokens; b++)
				if (seen[a] && !seen[b] && ce__lifecycle_allows(lc, disc, a, b))
					seen[b] = grew = true;
	}
	for (int a = 1; a < col->ntokens; a++)
		ck_assert_msg(!ce__lifecycle_allows(lc, disc, a, a), "%s.%s: %s -> itself", t->name, col->name,
		              col->tokens[a]);
	(void)seen;
}

START_TEST(lifecycles_are_consistent)
{
	int histories = 0;
	for (int i = 1; i <= CE_ENTITY_LAST; i++) {
		const ce_table_def *t = S->tables[i];
		const struct ce_table_rules *r = t->rules;
		for (int c = 0; c < t->ncolumns; c++)
			if (t->columns[c].flags & CE_COL_LIFECYCLE)
				ck_assert_msg(ce__lifecycle(t, c) != NULL, "%s.%s", t->name, t->columns[c].name);
		for (int k = 0; r && k < r->nlifecycles; k++) {
			const ce_lifecycle_def *lc = &r->lifecycles[k];
			const ce_column_def *col = &t->columns[lc->column];
			const ce_table_def *h = ce__table(lc->history_table);
			ck_assert_int_eq(col->type, CE_TYPE_ENUM);
			ck_assert(col->flags & CE_COL_LIFECYCLE);
			ck_assert_int_eq(t->columns[lc->date_column].type, CE_TYPE_DATE);
			ck_assert(lc->default_date < 0 || t->columns[lc->default_date].type == CE_TYPE_DATE);
			ck_assert_ptr_nonnull(h);
			ck_assert_int_gt(h->index, CE_ENTITY_LAST);
			ck_assert_int_eq(h->columns[0].ref, t->index);
			ck_assert_ptr_eq(h->columns[2].tokens, col->tokens);
			histories++;
			if (lc->discriminator < 0) {
				assert_reachable(t, lc, 0);
				continue;
			}
			const ce_column_def *d = &t->columns[lc->discriminator];
			ck_assert_int_eq(d->type, CE_TYPE_ENUM);
			for (int v = 1; v < d->ntokens; v++)
				assert_reachable(t, lc, v);
		}
	}
	ck_assert_int_eq(histories, CE_TABLE_AUDIT - CE_ENTITY_LAST - 1); /* the audit table follows them */
}
END_TEST

START_TEST(rule_columns_exist)
{
	for (int i = 1; i <= CE_ENTITY_LAST; i++) {
		const ce_table_def *t = S->tables[i];
		const struct ce_table_rules *r = t->rules;
		for (int k = 0; r && k < r->ndate_orders; k++) {
			ck_assert_int_eq(t->columns[r->date_orders[k].first].type, CE_TYPE_DATE);
			ck_assert_int_eq(t->columns[r->date_orders[k].second].type, CE_TYPE_DATE);
		}
		for (int g = 0; r && r->exactly_one && r->exactly_one[g]; g++)
			for (const int *c = r->exactly_one[g]; *c >= 0; c++) {
				ck_assert_int_lt(*c, t->ncolumns);
				ck_assert_msg(!(t->columns[*c].flags & CE_COL_REQUIRED),
				              "%s.%s: required inside an exactly-one group", t->name,
				              t->columns[*c].name);
			}
	}
}
END_TEST

START_TEST(introspection_matches_descriptors)
{
	ce_entity e;
	int col, v;
	ck_assert_int_eq(ce_entity_by_name(&e, "outcome"), CE_OK);
	ck_assert_int_eq(e, CE_ENTITY_OUTCOME);
	ck_assert_int_eq(ce_entity_by_name(&e, "nonesuch"), CE_ENOTFOUND);
	ck_assert_int_eq(ce_column_index(&col, CE_ENTITY_PARTNER, "kind"), CE_OK);
	ck_assert_int_eq(ce_column_type_of(CE_ENTITY_PARTNER, col), CE_TYPE_ENUM);
	ck_assert_str_eq(ce_column_token(CE_ENTITY_PARTNER, col, CE_PARTNER_ENTERPRISE), "enterprise");
	ck_assert_int_eq(ce_column_token_value(&v, CE_ENTITY_PARTNER, col, "government"), CE_OK);
	ck_assert_int_eq(v, CE_PARTNER_GOVERNMENT);
	ck_assert_int_eq(ce_column_token_value(&v, CE_ENTITY_PARTNER, col, "企业"), CE_ENOTFOUND);
	ck_assert_int_eq(ce_column_required(CE_ENTITY_PARTNER, col), 1);
	ck_assert_int_eq(ce_entity_column_count((ce_entity)0), -1);
	ck_assert_ptr_null(ce_column_name(CE_ENTITY_PARTNER, 99));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("descriptors");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, tables_sit_at_their_index);
	tcase_add_test(tc, columns_are_well_formed);
	tcase_add_test(tc, links_and_uniques_point_at_real_columns);
	tcase_add_test(tc, lifecycles_are_consistent);
	tcase_add_test(tc, rule_columns_exist);
	tcase_add_test(tc, introspection_matches_descriptors);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
