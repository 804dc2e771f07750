/* Deterministic pseudo-random stores over every entity the reports read,
 * for comparing report implementations (t_report_parity.c). Chinese names
 * with repeats (ties broken by id), and the edges a report must get right:
 * open ends and unset dates, zero capacities and budgets (zero
 * denominators), people with nobody, groups with nothing, dates spread so
 * that some filter periods are empty. */
#include <stdio.h>

#include "t_reports_fixture.h"

static uint32_t state;

static int rnd(int n)
{
	state = state * 1103515245u + 12345u;
	return (int)((state >> 16) % (uint32_t)n);
}

static const char *pick(const char *const *names, int n)
{
	return names[rnd(n)];
}
#define PICK(names) pick((names), (int)CE_ARRAY_LEN(names))

static ce_date rnd_date(int y0, int years)
{
	int y = y0 + rnd(years), m = 1 + rnd(12), d = 1 + rnd(28);
	return D(y, m, d);
}

static ce_date plus_days(ce_date d, int days)
{
	/* good enough for test data: move by months and days within 28 */
	int y = d / 10000, m = d / 100 % 100, day = d % 100;
	m += days / 30;
	day += days % 28;
	while (day > 28) {
		day -= 28;
		m++;
	}
	while (m > 12) {
		m -= 12;
		y++;
	}
	return D(y, m, day);
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "磊", "洋", "强" };
static const char *const cities[] = { "济南", "青岛", "淄博", "烟台", "北京" };
static const char *const trades[] = { "铝业有限公司", "机械制造公司", "材料研究院", "科技局", "行业协会" };
static const char *const topics[] = { "铝合金时效", "覆膜砂回收", "热处理工艺", "疲劳寿命", "激光烧结" };
static const char *const categories[] = { "材料费", "差旅费", "测试费", "设备费" };

static void subtopic_moves(int64_t id, ce_date start)
{
	switch (rnd(5)) {
	case 0: break; /* stays proposed */
	case 1: ck_ok(ce_subtopic_set_status(db, id, SUB(ABANDONED), plus_days(start, 30))); break;
	default:
		ck_ok(ce_subtopic_set_status(db, id, SUB(APPROVED), plus_days(start, 20)));
		if (rnd(3) == 0)
			break;
		ck_ok(ce_subtopic_set_status(db, id, SUB(IN_PROGRESS), plus_days(start, 40)));
		if (rnd(2))
			ck_ok(ce_subtopic_set_status(db, id, SUB(COMPLETED), plus_days(start, 100 + rnd(600))));
	}
}

static void outcome_moves(int64_t id, ce_outcome_kind k, ce_date d)
{
	if (k == CE_OUTCOME_INVENTION_PATENT) {
		switch (rnd(4)) {
		case 0: break; /* pending */
		case 1: ck_ok(ce_outcome_set_status(db, id, OUT(WITHDRAWN), plus_days(d, 60))); break;
		default:
			ck_ok(ce_outcome_set_status(db, id, OUT(PUBLISHED), plus_days(d, 100)));
			ck_ok(ce_outcome_set_status(db, id, rnd(3) ? OUT(GRANTED) : OUT(REJECTED),
			                            plus_days(d, 300 + rnd(500))));
		}
	} else if (k == CE_OUTCOME_UTILITY_MODEL_PATENT && rnd(2)) {
		ck_ok(ce_outcome_set_status(db, id, OUT(GRANTED), plus_days(d, 200 + rnd(200))));
	} else if (k == CE_OUTCOME_PAPER) {
		int r = rnd(4);
		if (r == 1)
			ck_ok(ce_outcome_set_status(db, id, OUT(REJECTED), plus_days(d, 90)));
		if (r >= 2)
			ck_ok(ce_outcome_set_status(db, id, OUT(ACCEPTED), plus_days(d, 90)));
		if (r == 3)
			ck_ok(ce_outcome_set_status(db, id, OUT(PUBLISHED), plus_days(d, 200)));
	} else if (k == CE_OUTCOME_ENTREPRENEURSHIP_PROJECT && rnd(2)) {
		ck_ok(ce_outcome_set_status(db, id, OUT(APPROVED), plus_days(d, 30)));
	}
}

void build_random(uint32_t seed)
{
	enum { NP = 8, NA = 6, NF = 4, NJ = 5, NS = 12, NST = 24, NSUP = 7, NO = 30 };
	int64_t p[NP], ag[NA], f[NF], j[NJ], s[NS], sj[NS], st[NST], sup[NSUP], o[NO], pls[NST];
	int npl = 0;
	int supkind[NSUP];
	char name[96];
	static const char *const cur[] = { "CNY", "USD", NULL };
	state = seed;
	ck_ok(ce_db_begin(db));
	for (int i = 0; i < NP; i++) {
		/* names in another order than ids */
		snprintf(name, sizeof name, "%s%s%02d", PICK(cities), PICK(trades), (i * 7) % NP);
		p[i] = partner(name, i == 0 ? CE_PARTNER_UNIVERSITY : (ce_partner_kind)(1 + rnd(6)));
	}
	for (int i = 0; i < NA; i++) {
		ce_date a = rnd_date(2014, 6);
		ag[i] = agreement("合作协议", 1u << rnd(9) | 1u << rnd(9), a, rnd(2) ? plus_days(a, 100 + rnd(900)) : 0,
		          p[1 + rnd(NP - 1)]);
	}
	for (int i = 0; i < NF; i++) {
		snprintf(name, sizeof name, "%s联合实验室%d", PICK(topics), i);
		f[i] = platform(name, (ce_platform_kind)(1 + rnd(6)), (ce_platform_level)(1 + rnd(4)),
		                rnd(3) ? rnd(6) : 0, rnd(4) ? rnd_date(2013, 6) : 0, rnd(4) ? p[1 + rnd(NP - 1)] : 0);
	}
	for (int i = 0; i < NJ; i++) {
		ce_date a = rnd_date(2014, 6);
		int c = rnd(3);
		snprintf(name, sizeof name, "SD-%d", i);
		bool active = rnd(2);
		j[i] = project(name, PICK(topics), cur[c] ? 1000 * (1 + rnd(50)) : 0, cur[c], a,
		               rnd(2) ? plus_days(a, 200 + rnd(900)) : 0,
		               active ? CE_PROJECT_STATUS_ACTIVE : CE_PROJECT_STATUS_PROPOSED,
		               (ce_project_stage)(1 + rnd(3)));
		if (!active && rnd(3) == 0) /* a dated move in its history */
			ck_ok(ce_project_set_status(db, j[i], CE_PROJECT_STATUS_ACTIVE, plus_days(a, 10)));
		int np = rnd(3);
		for (int k = 0; k < np; k++) {
			ce_project_partner_spec sp = CE_PROJECT_PARTNER_SPEC_INIT;
			int64_t id;
			sp.project = j[i];
			sp.partner = p[1 + rnd(NP - 1)];
			sp.role = (ce_project_role)(1 + rnd(5));
			(void)ce_project_partner_create(&id, db, &sp); /* duplicates refused: fine */
		}
	}
	/* A hierarchy drawn without the generator (the rest of the store stays
	 * as it was): two of every three projects below an earlier one. */
	for (int i = 1; i < NJ; i++)
		if (i % 3)
			project_parent(j[i], j[(i - 1) / 2]);
	for (int i = 0; i < NS; i++) {
		int on_platform = rnd(2);
		ce_date start = rnd_date(2014, 5);
		sj[i] = j[rnd(NJ)];
		snprintf(name, sizeof name, "%s子课题%d", PICK(topics), i);
		s[i] = subtopic(sj[i], name, on_platform ? CE_SUBTOPIC_SITE_PLATFORM : CE_SUBTOPIC_SITE_UNIVERSITY,
		                on_platform ? f[rnd(NF)] : 0, rnd(100), start, END);
		subtopic_moves(s[i], start);
		/* on an earlier subtopic of the same project: never a cycle */
		for (int k = 0; k < i; k++)
			if (sj[k] == sj[i] && rnd(2))
				depends(s[i], s[k]);
		int first = rnd((int)CE_ARRAY_LEN(categories));
		for (int k = rnd(3); k > 0; k--) /* none, one, or two lines of distinct categories */
			budget_line(s[i], categories[(first + k) % CE_ARRAY_LEN(categories)],
			            rnd(3) ? 100 * rnd(50) : 0, 100 * rnd(60));
	}
	for (int i = 0; i < NSUP; i++) {
		supkind[i] = 1 + rnd(2);
		snprintf(name, sizeof name, "%s%s", PICK(surnames), rnd(2) ? "教授" : "工程师"); /* repeats */
		sup[i] = supervisor(name, (ce_supervisor_kind)supkind[i],
		                    supkind[i] == CE_SUPERVISOR_ENTERPRISE || rnd(3) ? p[rnd(NP)] : 0);
		if (rnd(2))
			evaluation(sup[i], D(2016 + rnd(3), 1, 1), D(2018 + rnd(2), 6, 30), 60 + rnd(40));
	}
	for (int i = 0; i < NST; i++) {
		char number[16];
		int cohort = 2014 + rnd(5);
		snprintf(number, sizeof number, "%d%04d", cohort, (i * 5) % NST);
		snprintf(name, sizeof name, "%s%s", PICK(surnames), PICK(given));
		st[i] = student(number, name, (ce_student_level)(1 + rnd(4)), cohort);
		if (rnd(4))
			assign(s[rnd(NS)], st[i]);
		for (int k = rnd(3); k > 0; k--) {
			int w = rnd(NSUP);
			ce_supervision_role role = supkind[w] == CE_SUPERVISOR_ENTERPRISE
			                               ? (ce_supervision_role)(1 + rnd(3))
			                               : (ce_supervision_role)(1 + rnd(2));
			ce_supervision_spec sv = CE_SUPERVISION_SPEC_INIT;
			int64_t id;
			sv.student = st[i];
			sv.supervisor = sup[w];
			sv.role = role;
			sv.start_date = rnd_date(2014, 5);
			sv.end_date = rnd(2) ? plus_days(sv.start_date, 100 + rnd(700)) : 0;
			(void)ce_supervision_create(&id, db, &sv); /* a repeated pair is refused */
		}
		if (rnd(2)) {
			ce_date a = rnd_date(2015, 6);
			int status = rnd(4);
			ce_date e = status == 1 || rnd(3) ? plus_days(a, 20 + rnd(300)) : 0;
			int64_t pl = pls[npl++] = placement(st[i], p[1 + rnd(NP - 1)], rnd(3) ? f[rnd(NF)] : 0, a, e,
			                       status == 0   ? CE_PLACEMENT_STATUS_PLANNED
			                       : status == 1 ? CE_PLACEMENT_STATUS_COMPLETED
			                       : status == 2 ? CE_PLACEMENT_STATUS_ENDED_EARLY
			                                     : CE_PLACEMENT_STATUS_ACTIVE,
			                       e ? e : plus_days(a, 30));
			int w = rnd(NSUP); /* an enterprise mentor, for cooperation_depth */
			if (supkind[w] == CE_SUPERVISOR_ENTERPRISE && rnd(2))
				mentor(pl, sup[w]);
			for (int k = rnd(3); k > 0; k--)
				incident(pl, plus_days(a, rnd(40)), (ce_incident_kind)(1 + rnd(4)));
			for (int k = rnd(4); k > 0; k--)
				feedback(pl, (ce_feedback_direction)(1 + rnd(3)), plus_days(a, rnd(400)));
		}
		if (rnd(3)) {
			ce_destination_sector sector = (ce_destination_sector)(1 + rnd(9));
			int64_t employer = rnd(2) ? p[rnd(NP)] : 0;
			/* graduated first, on the day it starts or before, after enrolment */
			ce_date on = rnd_date(2017, 4);
			if (on < D(cohort, 9, 1))
				on = plus_days(D(cohort, 9, 1), 300 + rnd(400));
			ce_date june = D((int)(on / 10000), 6, 30);
			graduate(st[i], june <= on && june >= D(cohort, 9, 1) ? june : on);
			destination(st[i], on, employer,
			            employer || rnd(2) ? NULL : PICK(trades), sector,
			            sector == CE_DESTINATION_SECTOR_FURTHER_STUDY ? (ce_position_level)0
			                                                          : (ce_position_level)rnd(5));
		}
	}
	for (int i = 0; i < 12; i++) {
		ce_date d = rnd_date(2014, 6);
		int64_t sid = s[rnd(NS)];
		int a = rnd(NSUP), b = (a + 1 + rnd(NSUP - 1)) % NSUP, x = rnd(NST), y = (x + 1 + rnd(NST - 1)) % NST;
		int64_t on = rnd(3) ? sid : 0, minutes = 15 * (1 + rnd(8));
		switch (rnd(4)) {
		case 0: session(d, minutes, on, sup[a], (int64_t)0, st[x], (int64_t)0); break;
		case 1: session(d, minutes, on, sup[a], sup[b], (int64_t)0, st[x], (int64_t)0); break;
		case 2: session(d, minutes, on, sup[a], (int64_t)0, st[x], st[y], (int64_t)0); break;
		default: session(d, minutes, on, sup[a], sup[b], (int64_t)0, st[x], st[y], (int64_t)0);
		}
	}
	for (int i = 0; i < NO; i++) {
		static const ce_outcome_kind kinds[] = {
			CE_OUTCOME_INVENTION_PATENT,          CE_OUTCOME_PAPER,
			CE_OUTCOME_PRODUCT,                   CE_OUTCOME_ENTREPRENEURSHIP_PROJECT,
			CE_OUTCOME_UTILITY_MODEL_PATENT,      CE_OUTCOME_INVENTION_PATENT,
			CE_OUTCOME_FEASIBILITY_REPORT,        CE_OUTCOME_BUSINESS_PLAN,
		};
		ce_outcome_kind k = kinds[rnd((int)CE_ARRAY_LEN(kinds))];
		ce_date d = rnd_date(2014, 6);
		snprintf(name, sizeof name, "一种%s方法", PICK(topics));
		o[i] = outcome(k, name, d, END);
		outcome_moves(o[i], k, d);
		int a = rnd(4);
		if (a == 0)
			attribute(o[i], s[rnd(NS)], 0, 0);
		else if (a == 1) {
			/* an outcome older than its project is background IP */
			int64_t jj = j[rnd(NJ)];
			if (d < get_int(CE_ENTITY_PROJECT, jj, "start_date"))
				background(o[i]);
			attribute(o[i], 0, jj, 0);
		}
		else if (a == 2)
			attribute(o[i], 0, 0, p[rnd(NP)]);
		if (rnd(2))
			contributor(o[i], 1, st[rnd(NST)], 0);
		if (rnd(4) == 0)
			contributor(o[i], 2, 0, sup[rnd(NSUP)]);
		if (i > 0 && rnd(3) == 0)
			derive(o[i], 0, o[rnd(i)]);
		else if (rnd(4) == 0)
			derive(o[i], s[rnd(NS)], 0);
	}
	/* risks: ties of exposure, partnerless projects, every status */
	for (int i = 0; i < 14; i++) {
		int subject = rnd(3);
		if (subject == 2 && !npl)
			subject = 1;
		snprintf(name, sizeof name, "%s风险%d", PICK(topics), i);
		ce_date on = D(2016 + rnd(4), 1 + rnd(9), 1 + rnd(28)); /* a month on stays a date */
		risk(subject == 0 ? ag[rnd(NA)] : 0, subject == 1 ? j[rnd(NJ)] : 0,
		     subject == 2 ? pls[rnd(npl)] : 0, (ce_risk_kind)(1 + rnd(6)), name, 1 + rnd(5),
		     1 + rnd(5), p[rnd(NP)], on, (ce_risk_status)(1 + rnd(3)));
	}
	ck_ok(ce_db_commit(db));
}
