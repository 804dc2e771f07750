/* survey_choices: per choice item (and group) of a round, how many
 * respondents chose each option and their share of those who answered. */
#include <stdlib.h>
#include <string.h>

#include "survey_internal.h"

/* Whether the ';'-joined codes in list include code. */
static bool has_code(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Counts one round's choice item it (options at d->opt[olo..ohi)): per
 * group, respondents and, per option, choosers: counts[g * (nopt + 1)]
 * holds the respondents, counts[g * (nopt + 1) + 1 + o] option o's. */
static void count_item(const sv_data *d, size_t it, size_t olo, size_t ohi, size_t rlo,
                       size_t rhi, const sv_groups *gs, int64_t *counts)
{
	size_t nopt = ohi - olo;
	bool multiple = ce__sv_item_kind(d, it) == SV_MULTIPLE;
	int64_t item = d->items.ids[it];
	for (size_t p = rlo; p < rhi; p++) {
		size_t alo, ahi, g = gs->of[p - rlo];
		ce__sv_answers_of(d, d->responses.ids[d->resp[p]], &alo, &ahi);
		for (size_t a = alo; a < ahi; a++) {
			size_t ar = d->ans[a];
			if (an_i(&d->answers, ar, SV_AN_ITEM) != item)
				continue;
			int64_t *c = &counts[g * (nopt + 1)];
			bool answered = false;
			for (size_t o = 0; o < nopt; o++) {
				size_t orow = d->opt[olo + o];
				bool chosen = multiple ? has_code(an_s(&d->answers, ar, SV_AN_CHOICES),
				                                  an_s(&d->options, orow, SV_OP_CODE))
				                       : !an_isnull(&d->answers, ar, SV_AN_OPTION) &&
				                             an_i(&d->answers, ar, SV_AN_OPTION) == d->options.ids[orow];
				c[1 + o] += chosen;
				answered |= chosen;
			}
			c[0] += answered;
		}
	}
}

int ce__an_survey_choices(ce_table **out, ce_db *db, const ce_report_filter *f)
{
	static const an_col cols[] = {
		{ "round", CE_TYPE_INT },      { "item", CE_TYPE_INT },   { "item_code", CE_TYPE_TEXT },
		{ "kind", CE_TYPE_TEXT },      { "group", CE_TYPE_TEXT }, { "option", CE_TYPE_TEXT },
		{ "label", CE_TYPE_TEXT },     { "respondents", CE_TYPE_INT }, { "count", CE_TYPE_INT },
		{ "share", CE_TYPE_REAL },     { "suppressed", CE_TYPE_BOOL },
	};
	sv_data d;
	an_out o;
	int rc = ce__sv_begin(&d, db, f, "survey_choices", SV_NEED_OPTIONS);
	/* computed by the core from the answers (no backend aggregate yet) */
	if (rc == CE_OK && d.rounds.n &&
	    (rc = ce__sv_load(&d, db, SV_NEED_ANSWERS | (f->group_by ? SV_NEED_PEOPLE : 0u) |
	                                  (f->group_by == CE_REPORT_GROUP_PARTNER ? SV_NEED_PLACEMENTS
	                                                                          : 0u))) != CE_OK)
		ce__sv_free(&d);
	if (rc != CE_OK)
		return rc;
	if ((rc = ce__an_out_new(&o, db, "survey_choices", cols, (int)CE_ARRAY_LEN(cols))) != CE_OK) {
		ce__sv_free(&d);
		return rc;
	}
	for (size_t rd = 0; rc == CE_OK && o.rc == CE_OK && rd < d.rounds.n; rd++) {
		sv_groups gs;
		size_t rlo, rhi, ilo, ihi;
		if (!ce__sv_round_in(&d, rd, f))
			continue;
		if ((rc = ce__sv_round_groups(db, &d, rd, f, &gs, &rlo, &rhi)) != CE_OK)
			break;
		ce__sv_items_of(&d, an_i(&d.rounds, rd, SV_RD_INSTRUMENT), &ilo, &ihi);
		for (size_t p = ilo; rc == CE_OK && p < ihi; p++) {
			size_t it = d.item[p], olo, ohi;
			sv_kind kind = ce__sv_item_kind(&d, it);
			if (kind != SV_SINGLE && kind != SV_MULTIPLE)
				continue;
			ce__sv_options_of(&d, d.items.ids[it], &olo, &ohi);
			size_t nopt = ohi - olo;
			int64_t *counts = calloc(gs.n * (nopt + 1) + 1, sizeof *counts);
			if (!counts) {
				rc = ce__an_nomem(db);
				break;
			}
			count_item(&d, it, olo, ohi, rlo, rhi, &gs, counts);
			for (size_t g = 0; g < gs.n; g++)
				for (size_t k = 0; k < nopt; k++) {
					size_t orow = d.opt[olo + k];
					const int64_t *c = &counts[g * (nopt + 1)];
					ce__an_row(&o);
					ce__an_int(&o, 0, d.rounds.ids[rd]);
					ce__an_int(&o, 1, d.items.ids[it]);
					ce__an_text(&o, 2, an_s(&d.items, it, SV_IT_CODE));
					ce__an_text(&o, 3, ce__an_token(&d.items, it, SV_IT_KIND));
					ce__an_text(&o, 4, gs.name[g]);
					ce__an_text(&o, 5, an_s(&d.options, orow, SV_OP_CODE));
					ce__an_text(&o, 6, an_s(&d.options, orow, SV_OP_LABEL));
					ce__an_int(&o, 10, gs.suppressed[g]);
					if (gs.suppressed[g])
						continue;
					ce__an_int(&o, 7, c[0]);
					ce__an_int(&o, 8, c[1 + k]);
					ce__an_ratio(&o, 9, (double)c[1 + k], (double)c[0]);
				}
			free(counts);
		}
		ce__sv_groups_free(&gs);
	}
	ce__sv_free(&d);
	if (rc != CE_OK) {
		ce_table_free(o.t);
		return rc;
	}
	return ce__an_out_finish(&o, out);
}
