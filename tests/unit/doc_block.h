/* A doc under docs/ holds a block of generated DDL between
 * "<!-- ddl:begin -->" and "<!-- ddl:end -->" (a ```sql fence). The test
 * asserts the block is `generated`, byte for byte; with
 * COOPEDU_UPDATE_DOCS=1 it rewrites the block instead. The source tree is
 * $COOPEDU_SOURCE_DIR (ctest sets it). */
#ifndef CE_TEST_DOC_BLOCK_H
#define CE_TEST_DOC_BLOCK_H

void check_doc_block(const char *doc, const char *generated);

#endif
