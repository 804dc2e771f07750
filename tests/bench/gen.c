/* A synthetic university, deterministic from a seed: partners, agreements,
 * platforms, supervisors and their evaluations, students with their
 * supervisions, teams, projects decomposed into subtopics (with inputs,
 * outputs, dependencies, milestones, budgets, assigned students and their
 * progress reports), guidance sessions with attendees, placements with
 * incidents and feedback, outcomes with contributors, attributions,
 * derivations and lifecycle histories, graduate destinations.
 *
 * Streaming: nothing is kept per row. Ids are predicted (the k-th record
 * of an entity gets id k in a fresh store) and every attribute a later
 * record needs (a supervisor's kind, a student's level and cohort, an
 * outcome's kind) is a pure function of the seed and the id, so memory
 * stays flat however large the scale. Every value obeys the library's
 * rules, so each create succeeds. */
#include <stdio.h>
#include <string.h>

#include "bench.h"

/* ---- randomness ------------------------------------------------------------- */

static uint64_t g_seed;

static uint64_t mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15u;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
	return x ^ (x >> 31);
}

/* A value fixed by (salt, i): attributes looked up again later. */
static uint64_t attr(uint64_t salt, int64_t i)
{
	return mix(g_seed ^ mix(salt * 0x100000001B3u + (uint64_t)i));
}

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t next(rng *r)
{
	r->s += 0x9E3779B97F4A7C15u;
	return mix(r->s);
}

/* 0..n-1 */
static int64_t rnd(rng *r, int64_t n)
{
	return n > 0 ? (int64_t)(next(r) % (uint64_t)n) : 0;
}

static bool chance(rng *r, int percent)
{
	return rnd(r, 100) < percent;
}

/* ---- dates ------------------------------------------------------------------ */

static int64_t days_of(ce_date d)
{
	int y = d / 10000, m = d / 100 % 100, dd = d % 100;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static ce_date date_of(int64_t n)
{
	n += 719468;
	int64_t era = (n >= 0 ? n : n - 146096) / 146097;
	int64_t doe = n - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t d = doy - (153 * mp + 2) / 5 + 1;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;
	return CE_DATE((int)(y + (m <= 2)), (int)m, (int)d);
}

static ce_date plus(ce_date d, int64_t days)
{
	return date_of(days_of(d) + days);
}

/* A day in the years [y0, y1]. */
static ce_date some_day(rng *r, int y0, int y1)
{
	int64_t a = days_of(CE_DATE(y0, 1, 1)), b = days_of(CE_DATE(y1, 12, 31));
	return date_of(a + rnd(r, b - a + 1));
}

#define TODAY CE_DATE(2022, 12, 31) /* the data's "now": later events have not happened */

/* ---- words ---------------------------------------------------------------- */

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
	                                    "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇",
	                                 "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚", "桂" };
static const char *const sectors[] = { "有色金属冶炼", "航空制造", "装备制造", "新材料", "电子信息",
	                                   "汽车零部件", "化工", "生物医药", "软件和信息服务", "能源" };
static const char *const regions[] = { "山东省济南市", "山东省青岛市", "江苏省苏州市", "广东省深圳市",
	                                   "北京市", "上海市", "浙江省杭州市", "湖北省武汉市" };
static const char *const majors[] = { "材料工程", "机械工程", "材料科学与工程", "冶金工程",
	                                  "计算机科学与技术", "控制工程", "化学工程", "工业设计" };
static const char *const fields[] = { "铝合金材料", "增材制造", "精密铸造", "热处理工艺", "表面工程",
	                                  "智能制造", "复合材料", "数值模拟" };
static const char *const titles_academic[] = { "教授", "副教授", "讲师", "研究员" };
static const char *const titles_enterprise[] = { "高级工程师", "工程师", "总工程师", "技术总监" };
static const char *const topics[] = { "高强铝合金热处理工艺优化", "激光选区烧结覆膜砂性能研究",
	                                  "铸造缺陷在线检测", "航空发动机零件精密成形",
	                                  "废旧覆膜砂再生利用", "轻量化结构件设计", "合金成分设计与仿真" };
static const char *const categories[] = { "材料费", "设备费", "差旅费", "测试化验加工费", "劳务费" };
static const char *const criteria[] = { "指导时间投入", "学术水平", "工程实践指导", "沟通与反馈" };
static const char *const positions[] = { "工艺实习生", "研发助理", "质量检测实习生", "生产实习生" };
static const char *const schemes[] = { "国家重点研发计划", "省重大科技创新工程", "国家自然科学基金",
	                                   "企业委托", "市科技计划" };

#define PICK(r, arr) (arr[rnd((r), (int64_t)(sizeof(arr) / sizeof(arr[0])))])

static void person_name(rng *r, char *buf, size_t size)
{
	if (chance(r, 60))
		snprintf(buf, size, "%s%s%s", PICK(r, surnames), PICK(r, given), PICK(r, given));
	else
		snprintf(buf, size, "%s%s", PICK(r, surnames), PICK(r, given));
}

/* ---- the population and its fixed attributes ---------------------------------- */

enum {
	SALT_PARTNER = 1, SALT_AGREEMENT, SALT_PLATFORM, SALT_SUPERVISOR, SALT_STUDENT, SALT_LEVEL,
	SALT_COHORT, SALT_AFFILIATION, SALT_TEAM, SALT_PROJECT, SALT_SESSION, SALT_LIFE,
	SALT_OUTCOME, SALT_OUTCOME_KIND, SALT_OUTCOME_WHERE, SALT_RISK, SALT_SURVEY
};

typedef struct gen {
	bench_sink *sink;
	const bench_sizes *n;
	int64_t rows;
	int64_t next_id[CE_ENTITY_LAST + 1]; /* the id the next create must return */
	int64_t subtopics;                   /* created so far (all of them after projects) */
} gen;

/* Partner 1 is the university itself; the others follow a fixed pattern of
 * kinds, mostly enterprises. */
static const ce_partner_kind partner_pattern[20] = {
	CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE,
	CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE,
	CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE,
	CE_PARTNER_ENTERPRISE, CE_PARTNER_ENTERPRISE, CE_PARTNER_RESEARCH_INSTITUTE,
	CE_PARTNER_GOVERNMENT, CE_PARTNER_INDUSTRY_ASSOCIATION, CE_PARTNER_SOCIAL_ORGANISATION,
	CE_PARTNER_RESEARCH_INSTITUTE, CE_PARTNER_UNIVERSITY,
};

static ce_partner_kind partner_kind(int64_t k)
{
	return k == 1 ? CE_PARTNER_UNIVERSITY : partner_pattern[(k - 2) % 20];
}

/* An enterprise partner chosen by h (partners >= 16, so one exists). */
static int64_t enterprise_by(const gen *g, uint64_t h)
{
	int64_t blocks = (g->n->partners - 2) / 20 + 1;
	int64_t k = 2 + 20 * (int64_t)(h % (uint64_t)blocks) + (int64_t)((h / 7919) % 14);
	return k <= g->n->partners ? k : 2 + (int64_t)((h / 7919) % 14);
}

/* A partner other than the university. */
static int64_t any_partner(const gen *g, rng *r)
{
	return 2 + rnd(r, g->n->partners - 1);
}

/* Every third supervisor is from an enterprise. */
static bool sup_enterprise(int64_t k)
{
	return k % 3 == 0;
}

static int64_t pick_academic(const gen *g, rng *r)
{
	int64_t k = 1 + rnd(r, g->n->supervisors);
	return sup_enterprise(k) ? k - 1 : k;
}

static int64_t pick_enterprise_sup(const gen *g, rng *r)
{
	return 3 * (1 + rnd(r, g->n->supervisors / 3));
}

static int64_t sup_affiliation(const gen *g, int64_t k)
{
	return enterprise_by(g, attr(SALT_AFFILIATION, k));
}

static ce_student_level student_level(int64_t k)
{
	int u = (int)(attr(SALT_LEVEL, k) % 100);
	return u < 50 ? CE_STUDENT_LEVEL_UNDERGRADUATE
	       : u < 80 ? CE_STUDENT_LEVEL_PROFESSIONAL_MASTER
	       : u < 95 ? CE_STUDENT_LEVEL_ACADEMIC_MASTER
	                : CE_STUDENT_LEVEL_DOCTORAL;
}

static int student_cohort(int64_t k)
{
	return 2012 + (int)(attr(SALT_COHORT, k) % 11);
}

/* Graduation day (0: not by the data's "now", or withdrawn). */
static ce_date student_graduation(int64_t k)
{
	static const int years[] = { 0, 4, 3, 2, 4 };
	if (attr(SALT_LIFE, k) % 100 < 3)
		return 0; /* withdrawn */
	ce_date d = CE_DATE(student_cohort(k) + years[student_level(k)], 7, 1);
	return d <= TODAY ? d : 0;
}

/* Platforms are used unevenly: low ids often, high ids seldom, so that
 * some sit idle (the problem the idle_platforms report is for). */
static int64_t pick_platform(const gen *g, rng *r)
{
	return 1 + rnd(r, 1 + rnd(r, g->n->platforms));
}

static int64_t pick_student(const gen *g, rng *r)
{
	return 1 + rnd(r, g->n->students);
}

static int64_t pick_graduate(const gen *g, rng *r)
{
	for (;;) {
		int64_t k = pick_student(g, r);
		if (student_level(k) != CE_STUDENT_LEVEL_UNDERGRADUATE)
			return k;
	}
}

static ce_outcome_kind outcome_kind(int64_t k)
{
	int u = (int)(attr(SALT_OUTCOME_KIND, k) % 100);
	return u < 30 ? CE_OUTCOME_INVENTION_PATENT
	       : u < 40 ? CE_OUTCOME_UTILITY_MODEL_PATENT
	       : u < 72 ? CE_OUTCOME_PAPER
	       : u < 78 ? CE_OUTCOME_PRODUCT
	       : u < 82 ? CE_OUTCOME_SOFTWARE_COPYRIGHT
	       : u < 88 ? CE_OUTCOME_ENTREPRENEURSHIP_PROJECT
	       : u < 90 ? CE_OUTCOME_FEASIBILITY_REPORT
	       : u < 92 ? CE_OUTCOME_BUSINESS_PLAN
	       : u < 94 ? CE_OUTCOME_ECONOMIC_ANALYSIS
	       : u < 96 ? CE_OUTCOME_STANDARD
	       : u < 98 ? CE_OUTCOME_AWARD
	                : CE_OUTCOME_TECHNOLOGY_TRANSFER;
}

/* The latest outcome before k of the given kind, within a window; 0 if none. */
static int64_t earlier_outcome(int64_t k, ce_outcome_kind kind)
{
	for (int64_t j = k - 1; j >= 1 && j >= k - 300; j--)
		if (outcome_kind(j) == kind)
			return j;
	return 0;
}

/* ---- emitting --------------------------------------------------------------- */

static int lifecycles_of(ce_entity e)
{
	switch (e) {
	case CE_ENTITY_PROJECT: return 2;
	case CE_ENTITY_AGREEMENT:
	case CE_ENTITY_SUBTOPIC:
	case CE_ENTITY_STUDENT:
	case CE_ENTITY_PLACEMENT:
	case CE_ENTITY_RISK:
	case CE_ENTITY_OUTCOME: return 1;
	default: return 0;
	}
}

static int emit(gen *g, ce_entity e, const void *spec, int64_t *out)
{
	int64_t id = 0;
	int rc = g->sink->create(g->sink, e, spec, &id);
	if (rc != 0)
		return rc;
	if (id != g->next_id[e]) {
		fprintf(stderr, "bench: %s got id %lld, expected %lld (is the store fresh?)\n",
		        ce_entity_name(e), (long long)id, (long long)g->next_id[e]);
		return 1;
	}
	g->next_id[e]++;
	g->rows += 1 + lifecycles_of(e);
	if (out)
		*out = id;
	return 0;
}

static int move(gen *g, ce_entity e, int64_t id, const char *column, int from, int to, ce_date on)
{
	int rc = g->sink->transition(g->sink, e, id, column, from, to, on);
	g->rows += rc == 0;
	return rc;
}

#define TRY(x)                  \
	do {                        \
		int rc_ = (x);          \
		if (rc_ != 0)           \
			return rc_;         \
	} while (0)

/* ---- risks ------------------------------------------------------------------------- */

/* The risk register of one subject (which: 0 agreement, 1 project, 2
 * placement), owned by a partner of it, from its start on: none for most
 * subjects, the share of each given; of those registered, a third
 * mitigated and some closed, the rest open. Drawn from a generator of the
 * subject's own, so that the rest of the data stays as it was. */
static int risks(gen *g, int which, int64_t subject, int64_t owner, ce_date from, int percent)
{
	static const char *const titles[][2] = {
		{ "合作方配套经费未按期到位", "项目预算超支" },
		{ "学生被当作廉价劳动力", "实习内容与专业培养无关" },
		{ "生产现场安全防护不足", "夜班期间无人带教" },
		{ "专利权属约定不清", "成果署名与归属争议" },
		{ "企业技术秘密外泄", "学生个人信息保护不足" },
		{ "中试进度拖延影响学位论文", "设备交付延迟" },
	};
	rng r = { attr(SALT_RISK + (uint64_t)which * 1000u, subject) };
	if (!owner || !chance(&r, percent))
		return 0;
	for (int64_t n = 1 + rnd(&r, 2); n > 0; n--) {
		ce_risk_spec s = CE_RISK_SPEC_INIT;
		int64_t id;
		s.agreement = which == 0 ? subject : 0;
		s.project = which == 1 ? subject : 0;
		s.placement = which == 2 ? subject : 0;
		s.kind = (ce_risk_kind)(1 + rnd(&r, 6));
		s.title = titles[s.kind - 1][rnd(&r, 2)];
		s.likelihood = 1 + rnd(&r, 5);
		s.impact = 1 + rnd(&r, 5);
		s.owner_partner = owner;
		s.mitigation = chance(&r, 60) ? "签订补充协议并指定专人跟踪" : NULL;
		s.identified_on = plus(from, rnd(&r, 180));
		if (s.identified_on > TODAY)
			continue;
		s.status = CE_RISK_STATUS_OPEN;
		s.status_date = s.identified_on;
		TRY(emit(g, CE_ENTITY_RISK, &s, &id));
		ce_date on = plus(s.identified_on, 30 + rnd(&r, 300));
		int fate = (int)rnd(&r, 100);
		if (on > TODAY || fate >= 55)
			continue; /* still open */
		if (fate < 15) {
			TRY(move(g, CE_ENTITY_RISK, id, "status", CE_RISK_STATUS_OPEN, CE_RISK_STATUS_CLOSED, on));
			continue;
		}
		TRY(move(g, CE_ENTITY_RISK, id, "status", CE_RISK_STATUS_OPEN, CE_RISK_STATUS_MITIGATED, on));
		ce_date closed = plus(on, 60 + rnd(&r, 300));
		if (fate < 30 && closed <= TODAY)
			TRY(move(g, CE_ENTITY_RISK, id, "status", CE_RISK_STATUS_MITIGATED,
			         CE_RISK_STATUS_CLOSED, closed));
	}
	return 0;
}


/* k distinct values of pick() into v (k <= cap); tries a bounded number of times. */
static int distinct(int64_t *v, int k, int64_t (*pick)(const gen *, rng *), const gen *g, rng *r)
{
	int n = 0;
	for (int tries = 0; n < k && tries < 8 * k + 8; tries++) {
		int64_t x = pick(g, r);
		bool dup = false;
		for (int i = 0; i < n; i++)
			dup |= v[i] == x;
		if (!dup)
			v[n++] = x;
	}
	return n;
}

static int64_t pick_supervisor(const gen *g, rng *r)
{
	return 1 + rnd(r, g->n->supervisors);
}

static int64_t pick_partner(const gen *g, rng *r)
{
	return any_partner(g, r);
}

/* ---- the entities ------------------------------------------------------------- */

static int partners(gen *g)
{
	static const char *const suffix[] = { "", "有限公司", "研究院", "人民政府科技局", "行业协会",
		                                  "基金会", "研究所", "大学" };
	for (int64_t k = 1; k <= g->n->partners; k++) {
		rng r = { attr(SALT_PARTNER, k) };
		ce_partner_spec s = CE_PARTNER_SPEC_INIT;
		char name[128];
		s.kind = partner_kind(k);
		if (k == 1)
			snprintf(name, sizeof name, "本校(某理工大学)"); /* stored names are in normal form */
		else
			snprintf(name, sizeof name, "%s%s%05lld号%s", PICK(&r, regions), PICK(&r, sectors),
			         (long long)k, suffix[s.kind]);
		s.name = name;
		s.sector = k == 1 ? NULL : PICK(&r, sectors);
		s.region = PICK(&r, regions);
		if (s.kind == CE_PARTNER_ENTERPRISE)
			s.ownership = (ce_ownership)(1 + rnd(&r, 4));
		TRY(emit(g, CE_ENTITY_PARTNER, &s, NULL));
	}
	return 0;
}

static int agreements(gen *g)
{
	for (int64_t k = 1; k <= g->n->agreements; k++) {
		rng r = { attr(SALT_AGREEMENT, k) };
		ce_agreement_spec s = CE_AGREEMENT_SPEC_INIT;
		char title[96];
		int64_t id, parties[3];
		snprintf(title, sizeof title, "校企合作协议第%05lld号", (long long)k);
		s.title = title;
		s.scopes = (unsigned)(1u << rnd(&r, 9)) | (unsigned)(chance(&r, 50) ? 1u << rnd(&r, 9) : 0u);
		s.start_date = some_day(&r, 2010, 2021);
		s.signed_on = chance(&r, 80) ? plus(s.start_date, -rnd(&r, 60)) : 0;
		s.end_date = chance(&r, 80) ? plus(s.start_date, 365 * (1 + rnd(&r, 5))) : 0;
		s.status = CE_AGREEMENT_STATUS_ACTIVE;
		s.status_date = s.start_date;
		s.conduct_terms = chance(&r, 50) ? "实习学生须遵守企业安全生产与保密规定" : NULL;
		TRY(emit(g, CE_ENTITY_AGREEMENT, &s, &id));
		int n = distinct(parties, 1 + (int)rnd(&r, 3), pick_partner, g, &r);
		for (int i = 0; i < n; i++) {
			ce_agreement_party_spec p = CE_AGREEMENT_PARTY_SPEC_INIT;
			p.agreement = id;
			p.partner = parties[i];
			TRY(emit(g, CE_ENTITY_AGREEMENT_PARTY, &p, NULL));
		}
		TRY(risks(g, 0, id, n > 0 ? parties[0] : 0, s.start_date, 8));
		if (s.end_date && s.end_date <= TODAY)
			TRY(move(g, CE_ENTITY_AGREEMENT, id, "status", CE_AGREEMENT_STATUS_ACTIVE,
			         CE_AGREEMENT_STATUS_EXPIRED, s.end_date));
		else if (!s.end_date && chance(&r, 10))
			TRY(move(g, CE_ENTITY_AGREEMENT, id, "status", CE_AGREEMENT_STATUS_ACTIVE,
			         CE_AGREEMENT_STATUS_TERMINATED, plus(s.start_date, 400)));
	}
	return 0;
}

static int platforms(gen *g)
{
	static const char *const kinds[] = { "", "联合实验室", "工程技术研究中心", "研究生联合培养基地",
		                                 "实践教学基地", "产业园", "孵化器" };
	for (int64_t k = 1; k <= g->n->platforms; k++) {
		rng r = { attr(SALT_PLATFORM, k) };
		ce_platform_spec s = CE_PLATFORM_SPEC_INIT;
		char name[128];
		int64_t id, hosts[2];
		s.kind = (ce_platform_kind)(1 + rnd(&r, 6));
		s.level = (ce_platform_level)(1 + rnd(&r, 4));
		snprintf(name, sizeof name, "%s%s%04lld", PICK(&r, fields), kinds[s.kind], (long long)k);
		s.name = name;
		s.capacity = chance(&r, 10) ? 0 : 10 + rnd(&r, 190);
		s.established_on = chance(&r, 90) ? some_day(&r, 2005, 2020) : 0;
		s.agreement = chance(&r, 50) ? 1 + rnd(&r, g->n->agreements) : 0;
		TRY(emit(g, CE_ENTITY_PLATFORM, &s, &id));
		int n = distinct(hosts, 1 + (int)rnd(&r, 2), pick_partner, g, &r);
		for (int i = 0; i < n; i++) {
			ce_platform_host_spec h = CE_PLATFORM_HOST_SPEC_INIT;
			h.platform = id;
			h.partner = hosts[i];
			TRY(emit(g, CE_ENTITY_PLATFORM_HOST, &h, NULL));
		}
	}
	return 0;
}

static int supervisors(gen *g)
{
	for (int64_t k = 1; k <= g->n->supervisors; k++) {
		rng r = { attr(SALT_SUPERVISOR, k) };
		ce_supervisor_spec s = CE_SUPERVISOR_SPEC_INIT;
		char name[32], staff[32];
		int64_t id;
		bool ent = sup_enterprise(k);
		person_name(&r, name, sizeof name);
		snprintf(staff, sizeof staff, "%c%06lld", ent ? 'E' : 'T', (long long)k);
		s.name = name;
		s.kind = ent ? CE_SUPERVISOR_ENTERPRISE : CE_SUPERVISOR_ACADEMIC;
		s.staff_number = staff;
		s.affiliation = ent ? sup_affiliation(g, k) : chance(&r, 50) ? 1 : 0;
		s.title = ent ? PICK(&r, titles_enterprise) : PICK(&r, titles_academic);
		s.field = PICK(&r, fields);
		s.industry_experience = ent || chance(&r, 20);
		TRY(emit(g, CE_ENTITY_SUPERVISOR, &s, &id));
		for (int64_t e = rnd(&r, 6); e > 0; e--) {
			ce_evaluation_spec v = CE_EVALUATION_SPEC_INIT;
			int y = 2014 + (int)rnd(&r, 9);
			bool spring = chance(&r, 50);
			v.supervisor = id;
			v.period_start = CE_DATE(y, spring ? 1 : 7, 1);
			v.period_end = CE_DATE(y, spring ? 6 : 12, spring ? 30 : 31);
			v.evaluator = (ce_evaluator)(1 + rnd(&r, 3));
			v.criterion = PICK(&r, criteria);
			v.score = 50.0 + (double)rnd(&r, 101) / 2.0;
			v.comment = chance(&r, 20) ? "指导认真，反馈及时" : NULL;
			TRY(emit(g, CE_ENTITY_EVALUATION, &v, NULL));
		}
	}
	return 0;
}

static int students(gen *g)
{
	for (int64_t k = 1; k <= g->n->students; k++) {
		rng r = { attr(SALT_STUDENT, k) };
		ce_student_spec s = CE_STUDENT_SPEC_INIT;
		char name[32], number[32];
		int64_t id;
		int cohort = student_cohort(k);
		person_name(&r, name, sizeof name);
		snprintf(number, sizeof number, "%04d%07lld", cohort, (long long)k);
		s.number = number;
		s.name = name;
		s.level = student_level(k);
		s.cohort = cohort;
		s.major = PICK(&r, majors);
		s.status = CE_STUDENT_STATUS_ENROLLED;
		s.status_date = CE_DATE(cohort, 9, 1);
		TRY(emit(g, CE_ENTITY_STUDENT, &s, &id));
		ce_date grad = student_graduation(k);
		if (grad)
			TRY(move(g, CE_ENTITY_STUDENT, id, "status", CE_STUDENT_STATUS_ENROLLED,
			         CE_STUDENT_STATUS_GRADUATED, grad));
		else if (attr(SALT_LIFE, k) % 100 < 3 && CE_DATE(cohort + 1, 3, 1) <= TODAY)
			TRY(move(g, CE_ENTITY_STUDENT, id, "status", CE_STUDENT_STATUS_ENROLLED,
			         CE_STUDENT_STATUS_WITHDRAWN, CE_DATE(cohort + 1, 3, 1)));
	}
	return 0;
}

static int teams(gen *g)
{
	for (int64_t k = 1; k <= g->n->teams; k++) {
		rng r = { attr(SALT_TEAM, k) };
		ce_team_spec s = CE_TEAM_SPEC_INIT;
		char name[96];
		int64_t id, sup[5], st[24];
		snprintf(name, sizeof name, "%s导师团队%04lld", PICK(&r, fields), (long long)k);
		s.name = name;
		s.discipline = PICK(&r, majors);
		s.established_on = some_day(&r, 2012, 2020);
		TRY(emit(g, CE_ENTITY_TEAM, &s, &id));
		sup[0] = pick_academic(g, &r);
		int n = 1 + distinct(sup + 1, 2 + (int)rnd(&r, 3), pick_supervisor, g, &r);
		for (int i = 0; i < n; i++) {
			ce_team_member_spec m = CE_TEAM_MEMBER_SPEC_INIT;
			bool dup = false;
			for (int j = 0; j < i; j++)
				dup |= sup[j] == sup[i];
			if (dup)
				continue;
			m.team = id;
			m.supervisor = sup[i];
			m.role = i == 0 ? CE_TEAM_ROLE_MAIN : CE_TEAM_ROLE_DEPUTY;
			TRY(emit(g, CE_ENTITY_TEAM_MEMBER, &m, NULL));
		}
		n = distinct(st, 5 + (int)rnd(&r, 16), pick_student, g, &r);
		for (int i = 0; i < n; i++) {
			ce_team_member_spec m = CE_TEAM_MEMBER_SPEC_INIT;
			m.team = id;
			m.student = st[i];
			m.role = CE_TEAM_ROLE_MEMBER;
			TRY(emit(g, CE_ENTITY_TEAM_MEMBER, &m, NULL));
		}
		for (int64_t i = 5 + rnd(&r, 11); i > 0; i--) {
			ce_team_meeting_spec m = CE_TEAM_MEETING_SPEC_INIT;
			m.team = id;
			m.held_on = plus(s.established_on, rnd(&r, 3000));
			m.duration_minutes = 30 + 15 * rnd(&r, 15);
			m.topic = chance(&r, 70) ? "中期进展汇报" : "开题论证";
			m.notes = chance(&r, 30) ? "各子课题汇报进展，讨论下一阶段计划" : NULL;
			TRY(emit(g, CE_ENTITY_TEAM_MEETING, &m, NULL));
		}
	}
	return 0;
}

/* One subtopic of a project, with everything that hangs off it. first is
 * the id of the project's first subtopic, j this one's rank in it. */
static int subtopic(gen *g, rng *r, int64_t project, ce_date start, int64_t first, int j)
{
	ce_subtopic_spec s = CE_SUBTOPIC_SPEC_INIT;
	char title[160];
	int64_t id;
	s.project = project;
	snprintf(title, sizeof title, "%s（子课题%lld-%d）", PICK(r, topics), (long long)project, j + 1);
	s.title = title;
	s.kind = chance(r, 40) ? CE_SUBTOPIC_THEORETICAL : CE_SUBTOPIC_APPLIED;
	int site = (int)rnd(r, 10);
	s.site = site < 5 ? CE_SUBTOPIC_SITE_UNIVERSITY
	         : site < 8 ? CE_SUBTOPIC_SITE_ENTERPRISE
	                    : CE_SUBTOPIC_SITE_PLATFORM;
	s.platform = s.site == CE_SUBTOPIC_SITE_PLATFORM ? pick_platform(g, r) : 0;
	s.partner = s.site == CE_SUBTOPIC_SITE_ENTERPRISE ? enterprise_by(g, next(r)) : 0;
	s.planned_days = 30 + rnd(r, 370);
	s.status = CE_SUBTOPIC_STATUS_PROPOSED;
	s.status_date = plus(start, rnd(r, 60));
	TRY(emit(g, CE_ENTITY_SUBTOPIC, &s, &id));
	g->subtopics++;

	for (int dir = CE_IO_INPUT; dir <= CE_IO_OUTPUT; dir++)
		for (int64_t i = 1 + rnd(r, 2); i > 0; i--) {
			ce_subtopic_io_spec io = CE_SUBTOPIC_IO_SPEC_INIT;
			char what[64];
			snprintf(what, sizeof what, "%s%lld", dir == CE_IO_INPUT ? "所需试样" : "交付成果",
			         (long long)i);
			io.subtopic = id;
			io.direction = (ce_io_direction)dir;
			io.description = what;
			TRY(emit(g, CE_ENTITY_SUBTOPIC_IO, &io, NULL));
		}
	/* up to two earlier subtopics of the same project: acyclic by construction */
	int64_t deps[2];
	int nd = j ? (int)rnd(r, 3) : 0, have = 0;
	for (int i = 0; i < nd && i < j; i++) {
		int64_t on = first + rnd(r, j);
		if (have && deps[0] == on)
			continue;
		deps[have++] = on;
		ce_subtopic_dependency_spec d = CE_SUBTOPIC_DEPENDENCY_SPEC_INIT;
		d.subtopic = id;
		d.depends_on = on;
		TRY(emit(g, CE_ENTITY_SUBTOPIC_DEPENDENCY, &d, NULL));
	}
	for (int64_t i = 2 + rnd(r, 3); i > 0; i--) {
		ce_milestone_spec m = CE_MILESTONE_SPEC_INIT;
		m.subtopic = id;
		m.title = i == 1 ? "完成开题报告" : i == 2 ? "完成中期检查" : "完成样件试制";
		m.due_date = plus(s.status_date, 90 * i);
		m.done_date = m.due_date <= TODAY && chance(r, 70) ? plus(m.due_date, rnd(r, 60) - 20) : 0;
		TRY(emit(g, CE_ENTITY_MILESTONE, &m, NULL));
	}
	int64_t cat0 = rnd(r, 5), ncat = 1 + rnd(r, 3);
	for (int64_t i = 0; i < ncat; i++) {
		ce_budget_line_spec b = CE_BUDGET_LINE_SPEC_INIT;
		b.subtopic = id;
		b.category = categories[(cat0 + i) % 5];
		b.planned = chance(r, 10) ? 0 : 100 * (10 + rnd(r, 5000));
		b.actual = 100 * rnd(r, 6000);
		b.currency = "CNY";
		TRY(emit(g, CE_ENTITY_BUDGET_LINE, &b, NULL));
	}
	int64_t st[2];
	int ns = distinct(st, 1 + (int)rnd(r, 2), pick_graduate, g, r);
	for (int i = 0; i < ns; i++) {
		ce_subtopic_assignment_spec a = CE_SUBTOPIC_ASSIGNMENT_SPEC_INIT;
		a.subtopic = id;
		a.student = st[i];
		a.start_date = s.status_date;
		a.end_date = chance(r, 40) ? plus(a.start_date, 200 + rnd(r, 600)) : 0;
		TRY(emit(g, CE_ENTITY_SUBTOPIC_ASSIGNMENT, &a, NULL));
		for (int64_t p = 2 + rnd(r, 4); p > 0; p--) {
			ce_progress_report_spec pr = CE_PROGRESS_REPORT_SPEC_INIT;
			pr.student = st[i];
			pr.subtopic = id;
			pr.kind = (ce_progress_kind)(1 + rnd(r, 6));
			pr.submitted_on = plus(a.start_date, rnd(r, 700));
			pr.summary = chance(r, 50) ? "完成阶段实验并整理数据" : NULL;
			TRY(emit(g, CE_ENTITY_PROGRESS_REPORT, &pr, NULL));
		}
	}

	/* proposed -> approved -> in progress -> completed (or abandoned) */
	ce_date on = plus(s.status_date, 30 + rnd(r, 60));
	if (on > TODAY)
		return 0;
	if (chance(r, 5))
		return move(g, CE_ENTITY_SUBTOPIC, id, "status", CE_SUBTOPIC_STATUS_PROPOSED,
		            CE_SUBTOPIC_STATUS_ABANDONED, on);
	TRY(move(g, CE_ENTITY_SUBTOPIC, id, "status", CE_SUBTOPIC_STATUS_PROPOSED,
	         CE_SUBTOPIC_STATUS_APPROVED, on));
	if ((on = plus(on, 30)) > TODAY)
		return 0;
	TRY(move(g, CE_ENTITY_SUBTOPIC, id, "status", CE_SUBTOPIC_STATUS_APPROVED,
	         CE_SUBTOPIC_STATUS_IN_PROGRESS, on));
	if ((on = plus(on, s.planned_days)) > TODAY)
		return 0;
	return move(g, CE_ENTITY_SUBTOPIC, id, "status", CE_SUBTOPIC_STATUS_IN_PROGRESS,
	            chance(r, 95) ? CE_SUBTOPIC_STATUS_COMPLETED : CE_SUBTOPIC_STATUS_ABANDONED, on);
}

static int projects(gen *g)
{
	for (int64_t k = 1; k <= g->n->projects; k++) {
		rng r = { attr(SALT_PROJECT, k) };
		ce_project_spec s = CE_PROJECT_SPEC_INIT;
		char code[32], title[160];
		int64_t id, partners[4];
		s.start_date = some_day(&r, 2012, 2021);
		snprintf(code, sizeof code, "%04d%08lld", s.start_date / 10000, (long long)k);
		snprintf(title, sizeof title, "%s关键技术研究与产业化（%lld）", PICK(&r, fields), (long long)k);
		s.code = code;
		s.title = title;
		s.funding_scheme = PICK(&r, schemes);
		if (chance(&r, 85)) {
			s.budget = 100 * (100000 + rnd(&r, 5000000));
			s.currency = chance(&r, 90) ? "CNY" : "USD";
		}
		int64_t length = 365 + rnd(&r, 1100);
		s.end_date = chance(&r, 90) ? plus(s.start_date, length) : 0;
		s.status = CE_PROJECT_STATUS_PROPOSED;
		s.status_date = s.start_date;
		s.stage = CE_PROJECT_STAGE_LABORATORY;
		s.stage_date = s.start_date;
		s.principal_investigator = chance(&r, 90) ? pick_academic(g, &r) : 0;
		s.agreement = chance(&r, 30) ? 1 + rnd(&r, g->n->agreements) : 0;
		TRY(emit(g, CE_ENTITY_PROJECT, &s, &id));

		int np = distinct(partners, 1 + (int)rnd(&r, 4), pick_partner, g, &r);
		for (int i = 0; i < np; i++) {
			ce_project_partner_spec p = CE_PROJECT_PARTNER_SPEC_INIT;
			p.project = id;
			p.partner = partners[i];
			p.role = i == 0 ? CE_PROJECT_ROLE_LEAD : (ce_project_role)(2 + rnd(&r, 4));
			TRY(emit(g, CE_ENTITY_PROJECT_PARTNER, &p, NULL));
		}
		TRY(risks(g, 1, id, np > 0 ? partners[0] : 0, s.start_date, 25));
		int64_t first = g->next_id[CE_ENTITY_SUBTOPIC];
		int nsub = 2 + (int)(attr(SALT_PROJECT + 100, k) % 7);
		for (int j = 0; j < nsub; j++)
			TRY(subtopic(g, &r, id, s.start_date, first, j));

		ce_date on = plus(s.start_date, 30);
		if (on <= TODAY && chance(&r, 90)) {
			TRY(move(g, CE_ENTITY_PROJECT, id, "status", CE_PROJECT_STATUS_PROPOSED,
			         CE_PROJECT_STATUS_ACTIVE, on));
			if (s.end_date && s.end_date <= TODAY)
				TRY(move(g, CE_ENTITY_PROJECT, id, "status", CE_PROJECT_STATUS_ACTIVE,
				         chance(&r, 90) ? CE_PROJECT_STATUS_COMPLETED : CE_PROJECT_STATUS_TERMINATED,
				         s.end_date));
		} else if (on <= TODAY && chance(&r, 50)) {
			TRY(move(g, CE_ENTITY_PROJECT, id, "status", CE_PROJECT_STATUS_PROPOSED,
			         CE_PROJECT_STATUS_TERMINATED, on));
		}
		on = plus(s.start_date, length / 3);
		if (on <= TODAY && chance(&r, 60)) {
			TRY(move(g, CE_ENTITY_PROJECT, id, "stage", CE_PROJECT_STAGE_LABORATORY,
			         CE_PROJECT_STAGE_PILOT, on));
			on = plus(s.start_date, 2 * length / 3);
			if (on <= TODAY && chance(&r, 40))
				TRY(move(g, CE_ENTITY_PROJECT, id, "stage", CE_PROJECT_STAGE_PILOT,
				         CE_PROJECT_STAGE_INDUSTRIALISATION, on));
		}
	}
	return 0;
}

/* A student's supervisions, placements (with incidents and feedback) and
 * first destination. */
static int student_life(gen *g, int64_t k)
{
	rng r = { attr(SALT_LIFE + 100, k) };
	ce_student_level level = student_level(k);
	int cohort = student_cohort(k);
	ce_date grad = student_graduation(k), start = CE_DATE(cohort, 9, 1);
	bool graduate = level != CE_STUDENT_LEVEL_UNDERGRADUATE;

	/* supervisions: an academic main; most graduates also an enterprise one */
	int64_t main = pick_academic(g, &r);
	if (graduate || chance(&r, 20)) {
		ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
		s.student = k;
		s.supervisor = main;
		s.role = CE_SUPERVISION_ROLE_MAIN;
		s.start_date = start;
		s.end_date = grad;
		TRY(emit(g, CE_ENTITY_SUPERVISION, &s, NULL));
	}
	if (graduate && chance(&r, 75)) {
		ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
		s.student = k;
		s.supervisor = pick_enterprise_sup(g, &r);
		s.role = CE_SUPERVISION_ROLE_ENTERPRISE;
		s.start_date = CE_DATE(cohort + 1, 3, 1);
		s.end_date = grad && grad >= s.start_date ? grad : 0;
		TRY(emit(g, CE_ENTITY_SUPERVISION, &s, NULL));
	}
	if (graduate && chance(&r, 30)) {
		ce_supervision_spec s = CE_SUPERVISION_SPEC_INIT;
		s.student = k;
		s.supervisor = pick_academic(g, &r);
		if (s.supervisor != main) {
			s.role = CE_SUPERVISION_ROLE_DEPUTY;
			s.start_date = start;
			s.end_date = grad;
			TRY(emit(g, CE_ENTITY_SUPERVISION, &s, NULL));
		}
	}

	/* placements */
	int nplace = chance(&r, 55) ? (chance(&r, 15) ? 2 : 1) : 0;
	for (int i = 0; i < nplace; i++) {
		ce_placement_spec p = CE_PLACEMENT_SPEC_INIT;
		int64_t id;
		p.student = k;
		if (chance(&r, 80)) {
			p.mentor = pick_enterprise_sup(g, &r);
			p.host = sup_affiliation(g, p.mentor);
		} else {
			p.host = enterprise_by(g, next(&r));
		}
		p.academic_supervisor = chance(&r, 70) ? pick_academic(g, &r) : 0;
		p.platform = chance(&r, 30) ? pick_platform(g, &r) : 0;
		p.agreement = chance(&r, 30) ? 1 + rnd(&r, g->n->agreements) : 0;
		p.start_date = some_day(&r, cohort + 1, cohort + 3);
		int64_t length = 30 + rnd(&r, 150);
		p.end_date = chance(&r, 90) ? plus(p.start_date, length) : 0;
		p.position = PICK(&r, positions);
		p.status = CE_PLACEMENT_STATUS_PLANNED;
		p.status_date = p.start_date;
		TRY(emit(g, CE_ENTITY_PLACEMENT, &p, &id));
		TRY(risks(g, 2, id, p.host, p.start_date, 4));
		for (int64_t n = chance(&r, 10) ? 1 + rnd(&r, 2) : 0; n > 0; n--) {
			ce_incident_spec in = CE_INCIDENT_SPEC_INIT;
			in.placement = id;
			in.occurred_on = plus(p.start_date, rnd(&r, length));
			in.kind = (ce_incident_kind)(1 + rnd(&r, 4));
			in.description = in.kind == CE_INCIDENT_ABSENCE_WITHOUT_LEAVE ? "未经请假擅自离岗" : NULL;
			in.resolved_on = chance(&r, 70) ? plus(in.occurred_on, rnd(&r, 20)) : 0;
			TRY(emit(g, CE_ENTITY_INCIDENT, &in, NULL));
		}
		bool finished = false;
		if (p.start_date <= TODAY) {
			TRY(move(g, CE_ENTITY_PLACEMENT, id, "status", CE_PLACEMENT_STATUS_PLANNED,
			         CE_PLACEMENT_STATUS_ACTIVE, p.start_date));
			if (p.end_date && p.end_date <= TODAY) {
				bool early = chance(&r, 10);
				TRY(move(g, CE_ENTITY_PLACEMENT, id, "status", CE_PLACEMENT_STATUS_ACTIVE,
				         early ? CE_PLACEMENT_STATUS_ENDED_EARLY : CE_PLACEMENT_STATUS_COMPLETED,
				         early ? plus(p.start_date, length / 2) : p.end_date));
				finished = true;
			}
		}
		static const int share[] = { 0, 80, 60, 50 }; /* per direction */
		for (int dir = 1; finished && dir <= 3; dir++) {
			if (!chance(&r, share[dir]))
				continue;
			ce_feedback_spec f = CE_FEEDBACK_SPEC_INIT;
			f.placement = id;
			f.direction = (ce_feedback_direction)dir;
			f.given_on = plus(p.end_date, rnd(&r, 90) - 10);
			f.score = 40.0 + (double)rnd(&r, 121) / 2.0;
			f.comment = chance(&r, 40) ? "学生工作态度认真，专业基础扎实" : NULL;
			TRY(emit(g, CE_ENTITY_FEEDBACK, &f, NULL));
		}
	}

	/* first destination of a graduate */
	if (grad && chance(&r, 90)) {
		static const int cumulative[] = { 0, 5, 15, 18, 38, 68, 76, 79, 94, 100 };
		ce_destination_spec d = CE_DESTINATION_SPEC_INIT;
		char employer[96];
		int u = (int)rnd(&r, 100), sector = 1;
		while (u >= cumulative[sector])
			sector++;
		d.student = k;
		d.started_on = plus(grad, rnd(&r, 120));
		d.sector = (ce_destination_sector)sector;
		bool firm = d.sector == CE_DESTINATION_SECTOR_STATE_OWNED_ENTERPRISE ||
		            d.sector == CE_DESTINATION_SECTOR_PRIVATE_ENTERPRISE ||
		            d.sector == CE_DESTINATION_SECTOR_FOREIGN_ENTERPRISE;
		if (firm && chance(&r, 45)) {
			d.employer = enterprise_by(g, next(&r));
		} else if (d.sector != CE_DESTINATION_SECTOR_FURTHER_STUDY) {
			snprintf(employer, sizeof employer, "%s某单位%03lld", PICK(&r, regions),
			         (long long)rnd(&r, 500));
			d.employer_name = employer;
		}
		if (d.sector != CE_DESTINATION_SECTOR_FURTHER_STUDY) {
			int v = (int)rnd(&r, 100);
			d.position_level = v < 5 ? (ce_position_level)0
			                   : v < 38 ? CE_POSITION_LEVEL_FRONT_LINE
			                   : v < 78 ? CE_POSITION_LEVEL_TECHNICAL
			                   : v < 96 ? CE_POSITION_LEVEL_MIDDLE_MANAGEMENT
			                            : CE_POSITION_LEVEL_SENIOR;
			d.position = PICK(&r, positions);
		}
		TRY(emit(g, CE_ENTITY_DESTINATION, &d, NULL));
	}
	return 0;
}

static int sessions(gen *g)
{
	for (int64_t k = 1; k <= g->n->sessions; k++) {
		rng r = { attr(SALT_SESSION, k) };
		ce_guidance_session_spec s = CE_GUIDANCE_SESSION_SPEC_INIT;
		int64_t id, st[3];
		s.held_on = some_day(&r, 2013, 2022);
		s.duration_minutes = 30 + 15 * rnd(&r, 11);
		s.mode = (ce_guidance_mode)(1 + rnd(&r, 4));
		s.subtopic = chance(&r, 70) ? 1 + rnd(&r, g->subtopics) : 0;
		s.notes = chance(&r, 40) ? "讨论实验方案与数据分析方法" : NULL;
		TRY(emit(g, CE_ENTITY_GUIDANCE_SESSION, &s, &id));
		ce_guidance_attendee_spec a = CE_GUIDANCE_ATTENDEE_SPEC_INIT;
		a.session = id;
		a.supervisor = pick_supervisor(g, &r);
		TRY(emit(g, CE_ENTITY_GUIDANCE_ATTENDEE, &a, NULL));
		if (chance(&r, 35)) { /* a joint session: one of the other kind */
			a.supervisor = sup_enterprise(a.supervisor) ? pick_academic(g, &r)
			                                            : pick_enterprise_sup(g, &r);
			TRY(emit(g, CE_ENTITY_GUIDANCE_ATTENDEE, &a, NULL));
		}
		a.supervisor = 0;
		int n = distinct(st, 1 + (int)rnd(&r, 3), pick_student, g, &r);
		for (int i = 0; i < n; i++) {
			a.student = st[i];
			TRY(emit(g, CE_ENTITY_GUIDANCE_ATTENDEE, &a, NULL));
		}
	}
	return 0;
}

/* The first state of each outcome kind. */
static ce_outcome_status first_state(ce_outcome_kind k)
{
	switch (k) {
	case CE_OUTCOME_INVENTION_PATENT:
	case CE_OUTCOME_UTILITY_MODEL_PATENT:
	case CE_OUTCOME_SOFTWARE_COPYRIGHT: return CE_OUTCOME_STATUS_FILED;
	case CE_OUTCOME_PAPER: return CE_OUTCOME_STATUS_SUBMITTED;
	case CE_OUTCOME_PRODUCT: return CE_OUTCOME_STATUS_PROTOTYPE;
	case CE_OUTCOME_AWARD: return CE_OUTCOME_STATUS_GRANTED;
	case CE_OUTCOME_ENTREPRENEURSHIP_PROJECT: return CE_OUTCOME_STATUS_PROPOSED;
	case CE_OUTCOME_STARTUP: return CE_OUTCOME_STATUS_FOUNDED;
	case CE_OUTCOME_TECHNOLOGY_TRANSFER: return CE_OUTCOME_STATUS_NEGOTIATED;
	default: return CE_OUTCOME_STATUS_DRAFTED;
	}
}

/* Moves outcome id along `path` (states after the first), each step taken
 * with probability pct[i], days[i] + rnd(spread) after the previous. */
static int outcome_path(gen *g, rng *r, int64_t id, ce_outcome_status at, ce_date on,
                        const ce_outcome_status *path, const int *pct, int n)
{
	for (int i = 0; i < n; i++) {
		if (!chance(r, pct[i]))
			return 0;
		on = plus(on, 60 + rnd(r, 400));
		TRY(move(g, CE_ENTITY_OUTCOME, id, "status", at, path[i], on));
		at = path[i];
	}
	return 0;
}

/* Project k's start date: the first draw of its stream (projects()). */
static ce_date project_start(int64_t k)
{
	rng r = { attr(SALT_PROJECT, k) };
	return some_day(&r, 2012, 2021);
}

static int outcomes(gen *g)
{
	for (int64_t k = 1; k <= g->n->outcomes; k++) {
		rng r = { attr(SALT_OUTCOME, k) };
		ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
		char title[160], pn[40], doi[48];
		int64_t id;
		s.kind = outcome_kind(k);
		snprintf(title, sizeof title, "一种%s的方法及装置（成果%lld）", PICK(&r, topics), (long long)k);
		s.title = title;
		if (s.kind == CE_OUTCOME_INVENTION_PATENT || s.kind == CE_OUTCOME_UTILITY_MODEL_PATENT) {
			snprintf(pn, sizeof pn, "CN%d%08lld.%d", 2014 + (int)rnd(&r, 9), (long long)k,
			         (int)rnd(&r, 10));
			s.patent_number = pn;
		} else if (s.kind == CE_OUTCOME_PAPER && chance(&r, 80)) {
			snprintf(doi, sizeof doi, "10.%04d/cb.%08lld", 1000 + (int)rnd(&r, 9000), (long long)k);
			s.doi = doi;
		}
		s.status = first_state(s.kind);
		s.status_date = some_day(&r, 2014, 2022);
		/* credited where (a stream of its own, drawn before the outcome is
		 * written): one older than its project is background IP */
		rng where_r = { attr(SALT_OUTCOME_WHERE, k) };
		ce_outcome_attribution_spec a = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
		int where = (int)rnd(&where_r, 10);
		if (where < 7)
			a.subtopic = 1 + rnd(&where_r, g->subtopics);
		else if (where < 9)
			a.project = 1 + rnd(&where_r, g->n->projects);
		else
			a.partner = any_partner(g, &where_r);
		s.background = a.project && s.status_date < project_start(a.project);
		TRY(emit(g, CE_ENTITY_OUTCOME, &s, &id));

		int64_t people[4];
		int n = 1 + (int)rnd(&r, 4), pos = 1;
		int ns = distinct(people, n, pick_student, g, &r);
		for (int i = 0; i < ns; i++) {
			ce_outcome_contributor_spec c = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
			c.outcome = id;
			c.position = pos++;
			c.student = people[i];
			TRY(emit(g, CE_ENTITY_OUTCOME_CONTRIBUTOR, &c, NULL));
		}
		if (chance(&r, 70)) {
			ce_outcome_contributor_spec c = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
			c.outcome = id;
			c.position = pos++;
			c.supervisor = pick_supervisor(g, &r);
			TRY(emit(g, CE_ENTITY_OUTCOME_CONTRIBUTOR, &c, NULL));
		}
		a.outcome = id;
		TRY(emit(g, CE_ENTITY_OUTCOME_ATTRIBUTION, &a, NULL));

		ce_outcome_derivation_spec d = CE_OUTCOME_DERIVATION_SPEC_INIT;
		d.outcome = id;
		switch (s.kind) {
		case CE_OUTCOME_PRODUCT:
			d.from_outcome = chance(&r, 70) ? earlier_outcome(k, CE_OUTCOME_INVENTION_PATENT) : 0;
			break;
		case CE_OUTCOME_ENTREPRENEURSHIP_PROJECT:
			d.from_subtopic = chance(&r, 80) ? 1 + rnd(&r, g->subtopics) : 0;
			break;
		case CE_OUTCOME_FEASIBILITY_REPORT:
		case CE_OUTCOME_BUSINESS_PLAN:
		case CE_OUTCOME_ECONOMIC_ANALYSIS:
			d.from_outcome = earlier_outcome(k, CE_OUTCOME_ENTREPRENEURSHIP_PROJECT);
			break;
		case CE_OUTCOME_PAPER:
			d.from_subtopic = chance(&r, 10) ? 1 + rnd(&r, g->subtopics) : 0;
			break;
		default:
			break;
		}
		if (d.from_outcome || d.from_subtopic)
			TRY(emit(g, CE_ENTITY_OUTCOME_DERIVATION, &d, NULL));

		static const ce_outcome_status patent[] = { CE_OUTCOME_STATUS_PUBLISHED,
			                                        CE_OUTCOME_STATUS_GRANTED };
		static const int patent_pct[] = { 75, 65 };
		static const ce_outcome_status utility[] = { CE_OUTCOME_STATUS_GRANTED };
		static const int utility_pct[] = { 60 };
		static const ce_outcome_status paper[] = { CE_OUTCOME_STATUS_ACCEPTED,
			                                       CE_OUTCOME_STATUS_PUBLISHED };
		static const int paper_pct[] = { 70, 90 };
		static const ce_outcome_status product[] = { CE_OUTCOME_STATUS_PILOT,
			                                         CE_OUTCOME_STATUS_MASS_PRODUCTION };
		static const int product_pct[] = { 60, 40 };
		static const ce_outcome_status entre[] = { CE_OUTCOME_STATUS_APPROVED,
			                                       CE_OUTCOME_STATUS_COMPLETED };
		static const int entre_pct[] = { 80, 50 };
		static const ce_outcome_status drafted[] = { CE_OUTCOME_STATUS_COMPLETED };
		static const int drafted_pct[] = { 70 };
		static const ce_outcome_status registered[] = { CE_OUTCOME_STATUS_REGISTERED };
		static const int registered_pct[] = { 80 };
		ce_outcome_status at = s.status;
		switch (s.kind) {
		case CE_OUTCOME_INVENTION_PATENT:
			/* some are rejected instead of granted */
			if (chance(&r, 12)) {
				TRY(move(g, CE_ENTITY_OUTCOME, id, "status", at, CE_OUTCOME_STATUS_REJECTED,
				         plus(s.status_date, 200 + rnd(&r, 300))));
				break;
			}
			TRY(outcome_path(g, &r, id, at, s.status_date, patent, patent_pct, 2));
			break;
		case CE_OUTCOME_UTILITY_MODEL_PATENT:
			TRY(outcome_path(g, &r, id, at, s.status_date, utility, utility_pct, 1));
			break;
		case CE_OUTCOME_PAPER:
			if (chance(&r, 10)) {
				TRY(move(g, CE_ENTITY_OUTCOME, id, "status", at, CE_OUTCOME_STATUS_REJECTED,
				         plus(s.status_date, 90)));
				break;
			}
			TRY(outcome_path(g, &r, id, at, s.status_date, paper, paper_pct, 2));
			break;
		case CE_OUTCOME_PRODUCT:
			TRY(outcome_path(g, &r, id, at, s.status_date, product, product_pct, 2));
			break;
		case CE_OUTCOME_ENTREPRENEURSHIP_PROJECT:
			TRY(outcome_path(g, &r, id, at, s.status_date, entre, entre_pct, 2));
			break;
		case CE_OUTCOME_FEASIBILITY_REPORT:
		case CE_OUTCOME_BUSINESS_PLAN:
		case CE_OUTCOME_ECONOMIC_ANALYSIS:
			TRY(outcome_path(g, &r, id, at, s.status_date, drafted, drafted_pct, 1));
			break;
		case CE_OUTCOME_SOFTWARE_COPYRIGHT:
			TRY(outcome_path(g, &r, id, at, s.status_date, registered, registered_pct, 1));
			break;
		default:
			break;
		}
	}
	return 0;
}

/* ---- surveys ---------------------------------------------------------------------- */

/* One student questionnaire (four Likert items, a single and a multiple
 * choice) run three times: named for the 2018 graduate cohort in 2019 and
 * again in 2021 (the comparison's two rounds), and anonymously for every
 * student in 2022 with cohort and level declared. About half of those
 * surveyed answer; each answers most items. */
static int survey_answers(gen *g, rng *r, int64_t response, int64_t item0, int64_t option0,
                          int tilt)
{
	static const char *const multi[] = { "A", "B", "C", "D" };
	for (int i = 0; i < 6; i++) {
		ce_survey_answer_spec a = CE_SURVEY_ANSWER_SPEC_INIT;
		if (chance(r, 8))
			continue; /* left blank */
		a.response = response;
		a.item = item0 + i;
		char choices[16] = "";
		if (i < 4) {
			int64_t v = 1 + rnd(r, 5) + (chance(r, 40) ? tilt : 0);
			a.number = (double)(v > 5 ? 5 : v);
		} else if (i == 4) {
			a.option = option0 + rnd(r, 3);
		} else {
			for (int k = 0; k < 4; k++)
				if (chance(r, 45))
					snprintf(choices + strlen(choices), sizeof choices - strlen(choices), "%s%s",
					         choices[0] ? ";" : "", multi[k]);
			if (!choices[0])
				continue;
			a.choices = choices;
		}
		TRY(emit(g, CE_ENTITY_SURVEY_ANSWER, &a, NULL));
	}
	return 0;
}

static int surveys(gen *g)
{
	static const char *const texts[] = { "参加联合培养是我自己的选择", "企业导师的指导对我帮助很大",
		                                 "实践内容与我的研究课题相关", "总体上我对联合培养感到满意" };
	static const char *const sections[] = { "动机", "指导", "实践", "总体" };
	static const char *const where[] = { "企业现场", "校内实验室", "两地结合" };
	static const char *const gains[] = { "工程实践能力", "科研能力", "职业规划", "人际沟通" };
	ce_survey_instrument_spec ins = CE_SURVEY_INSTRUMENT_SPEC_INIT;
	int64_t instrument, item0 = g->next_id[CE_ENTITY_SURVEY_ITEM], option0 = 0;
	ins.code = "GS-COOP";
	ins.instrument_version = 1;
	ins.title = "研究生联合培养满意度调查";
	ins.audience = CE_SURVEY_AUDIENCE_STUDENT;
	TRY(emit(g, CE_ENTITY_SURVEY_INSTRUMENT, &ins, &instrument));
	for (int i = 0; i < 6; i++) {
		ce_survey_item_spec it = CE_SURVEY_ITEM_SPEC_INIT;
		char code[8];
		int64_t id;
		snprintf(code, sizeof code, "Q%d", i + 1);
		it.instrument = instrument;
		it.code = code;
		it.position = i + 1;
		it.section = i < 4 ? sections[i] : "培养方式";
		it.text = i < 4 ? texts[i] : i == 4 ? "主要在哪里开展研究" : "联合培养提升了哪些能力";
		it.kind = i < 4 ? CE_SURVEY_ITEM_LIKERT5
		          : i == 4 ? CE_SURVEY_ITEM_SINGLE_CHOICE : CE_SURVEY_ITEM_MULTIPLE_CHOICE;
		TRY(emit(g, CE_ENTITY_SURVEY_ITEM, &it, &id));
		for (int k = 0; i >= 4 && k < (i == 4 ? 3 : 4); k++) {
			ce_survey_option_spec o = CE_SURVEY_OPTION_SPEC_INIT;
			char oc[4] = { (char)('A' + k), 0 };
			int64_t oid;
			o.item = id;
			o.code = oc;
			o.position = k + 1;
			o.label = i == 4 ? where[k] : gains[k];
			TRY(emit(g, CE_ENTITY_SURVEY_OPTION, &o, &oid));
			if (i == 4 && k == 0)
				option0 = oid;
		}
	}
	for (int round = 0; round < 3; round++) {
		ce_survey_round_spec rs = CE_SURVEY_ROUND_SPEC_INIT;
		int64_t rid;
		int year = round == 0 ? 2019 : round == 1 ? 2021 : 2022;
		char title[64];
		snprintf(title, sizeof title, "%d年研究生联合培养调查", year);
		rs.instrument = instrument;
		rs.title = title;
		rs.opens_on = CE_DATE(year, 6, 1);
		rs.closes_on = CE_DATE(year, 6, 30);
		if (round < 2) {
			rs.cohort = 2018;
			rs.level = CE_SURVEY_LEVEL_GRADUATE;
		} else {
			rs.anonymous = 1;
			rs.attributes = CE_SURVEY_ATTR_COHORT | CE_SURVEY_ATTR_LEVEL;
			rs.invited = g->n->students / 10;
		}
		TRY(emit(g, CE_ENTITY_SURVEY_ROUND, &rs, &rid));
		for (int64_t k = 1; k <= g->n->students; k++) {
			rng r = { attr(SALT_SURVEY + (uint64_t)round, k) };
			bool graduate = student_level(k) != CE_STUDENT_LEVEL_UNDERGRADUATE;
			if (round < 2 ? !(student_cohort(k) == 2018 && graduate && chance(&r, 55))
			              : !chance(&r, 5))
				continue;
			ce_survey_response_spec sr = CE_SURVEY_RESPONSE_SPEC_INIT;
			int64_t resp;
			sr.round = rid;
			sr.submitted_on = plus(rs.opens_on, rnd(&r, 30));
			if (round < 2) {
				sr.student = k;
			} else { /* a student's attributes, not the student */
				sr.cohort = chance(&r, 90) ? student_cohort(k) : 0;
				sr.level = graduate ? CE_SURVEY_LEVEL_GRADUATE : CE_SURVEY_LEVEL_UNDERGRADUATE;
			}
			TRY(emit(g, CE_ENTITY_SURVEY_RESPONSE, &sr, &resp));
			TRY(survey_answers(g, &r, resp, item0, option0, round));
		}
	}
	return 0;
}

/* ---- sizes and the whole run ------------------------------------------------------ */

static int64_t scaled(double base, double scale, int64_t least)
{
	int64_t n = (int64_t)(base * scale + 0.5);
	return n < least ? least : n;
}

void bench_sizes_for(bench_sizes *out, double scale)
{
	out->partners = scaled(400, scale, 24);
	out->agreements = scaled(500, scale, 6);
	out->platforms = scaled(120, scale, 4);
	out->supervisors = scaled(6000, scale, 12);
	out->students = scaled(40000, scale, 40);
	out->teams = scaled(300, scale, 2);
	out->projects = scaled(2400, scale, 4);
	out->sessions = scaled(100000, scale, 30);
	out->outcomes = scaled(12000, scale, 30);
}

int bench_generate(bench_sink *sink, const bench_sizes *sizes, uint64_t seed, int64_t *rows_out)
{
	gen g = { sink, sizes, 0, { 0 }, 0 };
	g_seed = seed;
	for (int e = 1; e <= CE_ENTITY_LAST; e++)
		g.next_id[e] = 1;
	int rc = partners(&g);
	if (!rc)
		rc = agreements(&g);
	if (!rc)
		rc = platforms(&g);
	if (!rc)
		rc = supervisors(&g);
	if (!rc)
		rc = students(&g);
	if (!rc)
		rc = teams(&g);
	if (!rc)
		rc = projects(&g);
	for (int64_t k = 1; !rc && k <= sizes->students; k++)
		rc = student_life(&g, k);
	if (!rc)
		rc = sessions(&g);
	if (!rc)
		rc = outcomes(&g);
	if (!rc)
		rc = surveys(&g);
	*rows_out = g.rows;
	return rc;
}

/* ---- the null sink ---------------------------------------------------------------- */

static int null_create(bench_sink *s, ce_entity e, const void *spec, int64_t *id)
{
	int64_t *next = s->ctx;
	(void)spec;
	*id = ++next[e];
	return 0;
}

static int null_transition(bench_sink *s, ce_entity e, int64_t id, const char *column, int from,
                           int to, ce_date on)
{
	(void)s, (void)e, (void)id, (void)column, (void)from, (void)to, (void)on;
	return 0;
}

void bench_null_sink(bench_sink *s)
{
	static int64_t next[CE_ENTITY_LAST + 1];
	memset(next, 0, sizeof next);
	s->create = null_create;
	s->transition = null_transition;
	s->ctx = next;
}
