/* The role matrix the README prints is the one the library enforces: each
 * row "| entity | `academic` | `mentor` | `student` | `analyst` |" of the
 * README's table against the rules lib/schema/access.c hands the core. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"

extern const ce_policy ce__policy;

static const ce_role columns[] = { CE_ROLE_ACADEMIC, CE_ROLE_MENTOR, CE_ROLE_STUDENT, CE_ROLE_ANALYST };

static const char *grant(ce_role role, int entity)
{
	for (const ce_access_rule *r = ce__policy.rules(role); r && r->table; r++)
		if (r->table == entity)
			return r->grant;
	return "-----";
}

START_TEST(readme_matrix_is_the_enforced_one)
{
	const char *root = getenv("COOPEDU_SOURCE_DIR");
	char path[1024], line[1024];
	int seen[CE_ENTITY_LAST + 1] = { 0 };
	ck_assert_msg(root && *root, "set COOPEDU_SOURCE_DIR to the source tree");
	snprintf(path, sizeof path, "%s/README.md", root);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	while (fgets(line, sizeof line, f)) {
		char name[64], g[4][8];
		ce_entity e;
		if (sscanf(line, "| %63[a-z_] | `%5[-asc]` | `%5[-asc]` | `%5[-asc]` | `%5[-asc]` |", name,
		           g[0], g[1], g[2], g[3]) != 5 ||
		    ce_entity_by_name(&e, name) != CE_OK)
			continue;
		seen[e]++;
		for (int k = 0; k < 4; k++)
			ck_assert_msg(strcmp(g[k], grant(columns[k], e)) == 0,
			              "README says %s may %s on %s; lib/schema/access.c says %s",
			              ce_role_name(columns[k]), g[k], name, grant(columns[k], e));
	}
	fclose(f);
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		ck_assert_msg(seen[e] == 1, "README's role matrix has %d rows for %s", seen[e],
		              ce_entity_name((ce_entity)e));
	/* admin and office may do everything: no rules, as the README says */
	ck_assert_ptr_null(ce__policy.rules(CE_ROLE_ADMIN));
	ck_assert_ptr_null(ce__policy.rules(CE_ROLE_OFFICE));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("access_matrix");
	TCase *tc = tcase_create("readme");
	tcase_add_test(tc, readme_matrix_is_the_enforced_one);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
