/* Race D: shares that fit alone and together pass 100 %. The owners of an
 * outcome and the parties of an agreement (benefit and IP each) may hold at
 * most CE_SHARE_WHOLE basis points together (lib/schema/sharing.c). Each
 * round contests a batch of outcomes or agreements: every worker adds (or
 * raises) its own partner's share by 40 % at the same moment, so two fit
 * and the other two must be refused with CE_EINVALID, whoever comes first.
 * A rule check racing another client's commit would let three or four in. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#define SHARE_ROUNDS 6 /* per kind: owners added, owners raised, agreement shares */
#define SHARE 4000     /* 40 %: two fit, a third does not */

typedef struct d_seed {
	int64_t partner[WORKERS]; /* worker w's partner */
} d_seed;

static void seed_partners(ce_db *db, void *arg)
{
	static const char *const names[WORKERS] = {
		"山东某航空材料有限公司", "济南某铝业集团有限公司", "山东某理工大学", "烟台某新材料研究院",
	};
	d_seed *s = arg;
	for (int w = 0; w < WORKERS; w++)
		s->partner[w] = make_partner(db, names[w]);
}

/* The sum of @p sum_column over the records of @p e whose @p column equals
 * @p value, and how many there are; -1 on failure. */
static int64_t sum_where(int64_t *count, ce_db *db, ce_entity e, const char *column, int64_t value,
                         const char *sum_column)
{
	ce_filter *f = NULL;
	ce_record_iter *it = NULL;
	ce_record *rec;
	int64_t sum = 0;
	int col, rc = ce_column_index(&col, e, sum_column);
	if (rc == CE_OK)
		rc = ce_filter_new(&f);
	if (rc == CE_OK)
		rc = ce_filter_eq_int(f, column, value);
	if (rc == CE_OK)
		rc = ce_record_iter_new(&it, db, e, f);
	while (rc == CE_OK && (rc = ce_record_iter_next(&rec, it)) == CE_OK) {
		int64_t v = 0;
		rc = ce_record_get_int(&v, rec, col);
		sum += v;
		++*count;
		ce_record_free(rec);
	}
	ce_record_iter_free(it);
	ce_filter_free(f);
	check(rc == CE_ITEROVER, "sum %s.%s: %s: %s", ce_entity_name(e), sum_column, rc_name(rc),
	      ce_db_errmsg(db));
	return rc == CE_ITEROVER ? sum : -1;
}

/* The contested records of one round, made in one transaction by the
 * parent: BATCH outcomes (with an owner row of share 0 per worker when
 * @p owners) or BATCH agreements with a party per worker. ids[w][k] is what
 * worker w contests of record k: the outcome, its owner row or its party. */
static int make_batch(race *x, const d_seed *s, int kind, int round, int64_t rec[BATCH],
                      int64_t ids[WORKERS][BATCH])
{
	int rc = ce_db_begin(x->db);
	for (int k = 0; rc == CE_OK && k < BATCH; k++) {
		char title[128];
		if (kind == 2) {
			ce_agreement_spec a = CE_AGREEMENT_SPEC_INIT;
			snprintf(title, sizeof title, "产学研联合研发协议第%02d-%02d号", round, k);
			a.title = title;
			a.scopes = CE_SCOPE_JOINT_PROJECT;
			a.start_date = CE_DATE(2019, 3, 1);
			rc = ce_agreement_create(&rec[k], x->db, &a);
		} else {
			ce_outcome_spec o = CE_OUTCOME_SPEC_INIT;
			snprintf(title, sizeof title, "高强高韧铝合金挤压型材样机%d-%02d-%02d", kind, round, k);
			o.kind = CE_OUTCOME_PRODUCT;
			o.title = title;
			o.status_date = CE_DATE(2020, 5, 1);
			rc = ce_outcome_create(&rec[k], x->db, &o);
		}
		for (int w = 0; rc == CE_OK && w < WORKERS; w++) {
			ids[w][k] = rec[k];
			if (kind == 1) {
				ce_outcome_owner_spec o = CE_OUTCOME_OWNER_SPEC_INIT;
				o.outcome = rec[k];
				o.partner = s->partner[w];
				rc = ce_outcome_owner_create(&ids[w][k], x->db, &o);
			} else if (kind == 2) {
				ce_agreement_party_spec p = CE_AGREEMENT_PARTY_SPEC_INIT;
				p.agreement = rec[k];
				p.partner = s->partner[w];
				rc = ce_agreement_party_create(&ids[w][k], x->db, &p);
			}
		}
	}
	if (rc == CE_OK)
		rc = ce_db_commit(x->db);
	if (!check(rc == CE_OK, "make the round's records: %s: %s", rc_name(rc), ce_db_errmsg(x->db))) {
		ce_db_rollback(x->db);
		return -1;
	}
	return 0;
}

/* kind 0: each worker adds an owner to each outcome; 1: raises its owner
 * row from 0; 2: adds its party's shares of each agreement (benefit 40 %
 * in even rounds, IP 40 % in odd ones, the other 25 %: all four fit). */
static void shares_round(race *x, const d_seed *s, int kind, int round)
{
	int64_t rec[BATCH], ids[WORKERS][BATCH];
	if (make_batch(x, s, kind, round, rec, ids) != 0)
		return;
	int ip_bound = kind == 2 && round % 2;
	const char *bound = kind < 2 ? "share_bp" : ip_bound ? "ip_share_bp" : "benefit_share_bp";
	cmd c[WORKERS];
	reply r[WORKERS];
	memset(c, 0, sizeof c);
	for (int w = 0; w < WORKERS; w++) {
		c[w].op = kind == 0 ? OP_CREATE_OWNERS : kind == 1 ? OP_UPDATE_OWNERS : OP_CREATE_SHARES;
		c[w].a = s->partner[w];
		c[w].b = ip_bound ? 2500 : SHARE;
		c[w].c = ip_bound ? SHARE : 2500;
		memcpy(c[w].ids, ids[w], sizeof ids[w]);
	}
	if (race_round(x, c, r) != 0)
		return;
	for (int w = 0; w < WORKERS; w++)
		if (r[w].msg[0])
			check(strstr(r[w].msg, bound) && strstr(r[w].msg, "more than 100%"),
			      "worker %d's first refusal does not name %s passing 100%%: %s", w, bound,
			      r[w].msg);
	for (int k = 0; k < BATCH; k++) {
		int landed = 0;
		for (int w = 0; w < WORKERS; w++) {
			if (r[w].rcs[k] == CE_OK) {
				landed++;
				continue;
			}
			x->refused++;
			check(r[w].rcs[k] == CE_EINVALID, "record %lld, worker %d: %s, not CE_EINVALID (%s)",
			      (long long)rec[k], w, rc_name(r[w].rcs[k]), r[w].msg);
		}
		check(landed == 2, "record %lld: %d shares of 40 %% landed, not 2", (long long)rec[k], landed);
		/* what the store holds: at most 100 %, and exactly what landed */
		int64_t n = 0, sum, ip = 0;
		if (kind < 2) {
			sum = sum_where(&n, x->db, CE_ENTITY_OUTCOME_OWNER, "outcome", rec[k], "share_bp");
			check(n == (kind == 0 ? landed : WORKERS), "outcome %lld: %lld owners", (long long)rec[k],
			      (long long)n);
		} else {
			int64_t m = 0;
			sum = 0;
			for (int w = 0; w < WORKERS; w++) {
				sum += sum_where(&n, x->db, CE_ENTITY_AGREEMENT_SHARE, "party", ids[w][k],
				                 "benefit_share_bp");
				ip += sum_where(&m, x->db, CE_ENTITY_AGREEMENT_SHARE, "party", ids[w][k], "ip_share_bp");
			}
			check(n == landed, "agreement %lld: %lld share rows", (long long)rec[k], (long long)n);
			if (ip_bound) {
				int64_t t = sum;
				sum = ip, ip = t;
			}
			check(ip == landed * 2500, "agreement %lld: the other shares hold %lld basis points",
			      (long long)rec[k], (long long)ip);
		}
		check(sum <= CE_SHARE_WHOLE && sum == landed * SHARE,
		      "record %lld: the shares add up to %lld basis points, %d landed", (long long)rec[k],
		      (long long)sum, landed);
	}
}

void test_race_shares(void)
{
	section_begin("race D: 4 clients adding shares that together pass 100 %");
	race x;
	d_seed s;
	memset(&s, 0, sizeof s);
	if (race_start(&x, "shares", seed_partners, &s) == 0 && s.partner[WORKERS - 1]) {
		for (int i = 0; i < 3 * SHARE_ROUNDS && !x.p.broken; i++)
			shares_round(&x, &s, i % 3, i / 3);
	}
	race_stop(&x, 3 * SHARE_ROUNDS);
	section_end();
}
