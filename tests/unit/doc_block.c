/* Shared by the schema doc tests: a doc's generated block equals what the
 * library generates now, byte for byte (see doc_block.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc_block.h"

#define DDL_BEGIN "<!-- ddl:begin -->\n```sql\n"
#define DDL_END "```\n<!-- ddl:end -->"

static char *slurp(const char *file)
{
	FILE *f = fopen(file, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", file);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(fread(s, 1, (size_t)n, f), n);
	s[n] = '\0';
	fclose(f);
	return s;
}

void check_doc_block(const char *doc, const char *generated)
{
	const char *root = getenv("COOPEDU_SOURCE_DIR");
	char file[1024];
	ck_assert_msg(root && *root, "set COOPEDU_SOURCE_DIR to the source tree");
	snprintf(file, sizeof file, "%s/docs/%s", root, doc);
	char *text = slurp(file);
	char *begin = strstr(text, DDL_BEGIN), *end = begin ? strstr(begin, DDL_END) : NULL;
	ck_assert_msg(begin && end, "%s: no %s ... %s block", file, "<!-- ddl:begin -->",
	              "<!-- ddl:end -->");
	begin += strlen(DDL_BEGIN);
	const char *update = getenv("COOPEDU_UPDATE_DOCS");
	if (update && *update && strcmp(update, "0") != 0) {
		FILE *f = fopen(file, "wb");
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(fwrite(text, 1, (size_t)(begin - text), f), (size_t)(begin - text));
		ck_assert_int_ge(fputs(generated, f), 0);
		ck_assert_int_ge(fputs(end, f), 0);
		ck_assert_int_eq(fclose(f), 0);
	} else {
		*end = '\0';
		ck_assert_msg(strcmp(begin, generated) == 0,
		              "%s is stale: rerun this test with COOPEDU_UPDATE_DOCS=1 to refresh it", file);
	}
	free(text);
}
