/* The outcomes of the case. From the alloy project: 8 invention patents
 * filed since 2015 by graduate students (one student inventor each: the
 * paper's 8 person-times), 4 granted, 1 rejected, 3 pending: the paper's
 * counts by the time it went to press (published February 2020), so each
 * thing it reports is dated before then; 2 products
 * made from granted patents; 2 graduate papers. From the 2014-cohort
 * master's subtopic on 3D-printed coated-sand moulds: the undergraduate
 * entrepreneurship-training project of 7 students (the sand project,
 * below programme 201901022063), and what grew out of it: a feasibility
 * report, a business plan, an economic analysis, 2 published papers and 2
 * patent filings, all before the paper too ("还发表了2篇学术论文，申报了2项发明专利":
 * published, filed). */
#include "steps.h"

/* A contributor of an outcome: a student or a supervisor. */
typedef struct person {
	int64_t student, supervisor;
} person;
#define STU(id) { (id), 0 }
#define SUP(id) { 0, (id) }
/* A list of contributors in order (first author or inventor first). */
#define PEOPLE(...) ((const person[]){ __VA_ARGS__, { 0, 0 } })

/* A dated outcome status for PATH(). */
#define AT(state, y, m, dd) { CE_OUTCOME_STATUS_##state, CE_DATE(y, m, dd) }

/* An outcome created in path[0] and moved along the rest of it;
 * `identifier` is the patent number of a patent, the DOI of a paper;
 * `background`: IP held before the projects it is credited to began. */
static int64_t outcome(case_ctx *d, ce_outcome_kind kind, const char *title, const char *identifier,
                       const case_step *path, int background)
{
	ce_outcome_spec s = CE_OUTCOME_SPEC_INIT;
	int64_t id = 0;
	s.kind = kind;
	s.title = title;
	if (kind == CE_OUTCOME_INVENTION_PATENT)
		s.patent_number = identifier;
	else if (kind == CE_OUTCOME_PAPER)
		s.doi = identifier;
	s.status = (ce_outcome_status)path[0].to;
	s.status_date = path[0].on;
	s.background = background;
	CASE_TRY(d, ce_outcome_create(&id, d->db, &s), title);
	case_follow(d, CE_ENTITY_OUTCOME, id, "status", path, title);
	return id;
}

/* Records the contributors of an outcome at positions 1, 2, ... */
static void credit(case_ctx *d, int64_t outcome, const person *people)
{
	for (int64_t position = 1; people->student || people->supervisor; people++, position++) {
		ce_outcome_contributor_spec s = CE_OUTCOME_CONTRIBUTOR_SPEC_INIT;
		s.outcome = outcome;
		s.position = position;
		s.student = people->student;
		s.supervisor = people->supervisor;
		CASE_TRY(d, ce_outcome_contributor_create(NULL, d->db, &s), "outcome contributor");
	}
}

/* Credits an outcome to each of project, subtopic and partner that is not 0. */
static void attribute(case_ctx *d, int64_t outcome, int64_t project, int64_t subtopic, int64_t partner)
{
	const int64_t *ends[] = { &project, &subtopic, &partner };
	for (int i = 0; i < 3; i++) {
		ce_outcome_attribution_spec s = CE_OUTCOME_ATTRIBUTION_SPEC_INIT;
		if (!*ends[i])
			continue;
		s.outcome = outcome;
		s.project = i == 0 ? project : 0;
		s.subtopic = i == 1 ? subtopic : 0;
		s.partner = i == 2 ? partner : 0;
		CASE_TRY(d, ce_outcome_attribution_create(NULL, d->db, &s), "outcome attribution");
	}
}

/* "outcome grew out of": a subtopic, or another outcome. */
static void derive(case_ctx *d, int64_t outcome, int64_t from_subtopic, int64_t from_outcome)
{
	ce_outcome_derivation_spec s = CE_OUTCOME_DERIVATION_SPEC_INIT;
	s.outcome = outcome;
	s.from_subtopic = from_subtopic;
	s.from_outcome = from_outcome;
	CASE_TRY(d, ce_outcome_derivation_create(NULL, d->db, &s), "outcome derivation");
}

/* An outcome of the alloy project, credited to it and to one subtopic;
 * one filed before the project began is background IP (see below). */
static int64_t alloy_outcome(case_ctx *d, const case_ids *ids, int subtopic, ce_outcome_kind kind,
                             const char *title, const char *identifier, const case_step *path,
                             const person *people)
{
	int64_t id = outcome(d, kind, title, identifier, path, path[0].on < CASE_ALLOY_START);
	attribute(d, id, ids->alloy_project, ids->subtopic[subtopic], 0);
	credit(d, id, people);
	return id;
}

static void alloy_outcomes(case_ctx *d, const case_ids *ids)
{
	const ce_outcome_kind PATENT = CE_OUTCOME_INVENTION_PATENT;
	int64_t alloy, mould, melt, product;

	/* Granted: filed → published → granted. The first was filed in
	 * November 2015 (its number says 2015), under the cooperation the paper
	 * dates from 2015 and counts patents from, but before the provincial
	 * project (code 2016…) began: background IP the project built on. The
	 * paper is silent on when the project began; its code gives the year. */
	alloy = alloy_outcome(d, ids, 1, PATENT, "一种高强高韧铝合金及其制备方法", "CN201510812345.6",
	                      PATH(AT(FILED, 2015, 11, 20), AT(PUBLISHED, 2016, 5, 18), AT(GRANTED, 2018, 3, 9)),
	                      PEOPLE(SUP(ids->wang), STU(ids->qian), SUP(ids->zhang)));
	mould = alloy_outcome(d, ids, 3, PATENT, "一种3D打印覆膜砂铸型及其成形方法", "CN201610456789.1",
	                      PATH(AT(FILED, 2016, 6, 15), AT(PUBLISHED, 2016, 12, 21), AT(GRANTED, 2018, 9, 28)),
	                      PEOPLE(SUP(ids->wang), STU(ids->zhao), SUP(ids->liu)));
	melt = alloy_outcome(d, ids, 2, PATENT, "一种铝合金熔体净化处理方法", "CN201710234567.X",
	                     PATH(AT(FILED, 2017, 4, 10), AT(PUBLISHED, 2017, 10, 13), AT(GRANTED, 2019, 7, 2)),
	                     PEOPLE(SUP(ids->li), STU(ids->sun_hao), SUP(ids->sun_tao)));
	alloy_outcome(d, ids, 1, PATENT, "一种铝合金铸件热处理强化工艺", "CN201710789012.3",
	              PATH(AT(FILED, 2017, 9, 5), AT(PUBLISHED, 2018, 3, 16), AT(GRANTED, 2019, 12, 24)),
	              PEOPLE(STU(ids->qian), SUP(ids->wang)));
	/* Rejected after publication. */
	alloy_outcome(d, ids, 2, PATENT, "一种铝合金铸锭均匀化退火装置", "CN201810245678.9",
	              PATH(AT(FILED, 2018, 3, 22), AT(PUBLISHED, 2018, 9, 25), AT(REJECTED, 2020, 1, 15)),
	              PEOPLE(STU(ids->sun_hao), SUP(ids->liu)));
	/* Still pending. */
	alloy_outcome(d, ids, 4, PATENT, "一种发动机缸体铝合金低压铸造方法", "CN201910387654.2",
	              PATH(AT(FILED, 2019, 5, 8), AT(PUBLISHED, 2019, 11, 19)),
	              PEOPLE(SUP(ids->wang), STU(ids->zhou), SUP(ids->zhang)));
	alloy_outcome(d, ids, 4, PATENT, "一种铝合金发动机零部件砂型铸造方法", "CN201911045678.0",
	              PATH(AT(FILED, 2019, 10, 30), AT(PUBLISHED, 2020, 4, 24)),
	              PEOPLE(STU(ids->zhou), SUP(ids->chen)));
	alloy_outcome(d, ids, 5, PATENT, "一种铝合金热处理变形控制方法", "CN201911178901.2",
	              PATH(AT(FILED, 2019, 11, 26)), PEOPLE(STU(ids->wu), SUP(ids->li)));

	/* Products made from granted patents, credited to the enterprise too. */
	product = alloy_outcome(d, ids, 4, CE_OUTCOME_PRODUCT, "通用航空发动机高强铝合金缸盖", NULL,
	                        PATH(AT(PROTOTYPE, 2019, 3, 1), AT(PILOT, 2019, 6, 10),
	                             AT(MASS_PRODUCTION, 2019, 12, 16)),
	                        PEOPLE(SUP(ids->zhang), STU(ids->zhou), SUP(ids->wang)));
	attribute(d, product, 0, 0, ids->aviation);
	derive(d, product, 0, alloy);
	derive(d, product, 0, mould);
	product = alloy_outcome(d, ids, 4, CE_OUTCOME_PRODUCT, "高强铝合金发动机活塞", NULL,
	                        PATH(AT(PROTOTYPE, 2020, 4, 15), AT(PILOT, 2021, 3, 1)),
	                        PEOPLE(SUP(ids->zhang), STU(ids->zhou)));
	attribute(d, product, 0, 0, ids->aviation);
	derive(d, product, 0, melt);

	/* Papers of the graduates. */
	alloy_outcome(d, ids, 1, CE_OUTCOME_PAPER, "高强高韧Al-Cu-Mg合金的强韧化机理研究",
	              "10.1234/jcm.2018.04.015",
	              PATH(AT(SUBMITTED, 2017, 10, 8), AT(ACCEPTED, 2018, 1, 20), AT(PUBLISHED, 2018, 4, 15)),
	              PEOPLE(STU(ids->qian), SUP(ids->wang)));
	alloy_outcome(d, ids, 2, CE_OUTCOME_PAPER, "熔炼中试工艺参数对铝合金铸锭组织的影响",
	              "10.1234/fdy.2019.02.007",
	              PATH(AT(SUBMITTED, 2018, 8, 10), AT(ACCEPTED, 2018, 11, 30), AT(PUBLISHED, 2019, 2, 25)),
	              PEOPLE(STU(ids->sun_hao), SUP(ids->li), SUP(ids->sun_tao)));
}

/* An outcome that grew out of the spin-off, credited to the sand project. */
static void spin_off_outcome(case_ctx *d, const case_ids *ids, int64_t spin_off, ce_outcome_kind kind,
                             const char *title, const char *identifier, const case_step *path,
                             const person *people)
{
	int64_t id = outcome(d, kind, title, identifier, path, 0);
	attribute(d, id, ids->sand_project, 0, 0);
	derive(d, id, 0, spin_off);
	credit(d, id, people);
}

static void spin_off(case_ctx *d, case_ids *ids)
{
	const int64_t *u = ids->undergrad;
	int64_t id;

	id = outcome(d, CE_OUTCOME_ENTREPRENEURSHIP_PROJECT, "3D打印选择性激光烧结覆膜砂的回收再生与循环使用", NULL,
	             PATH(AT(PROPOSED, 2019, 5, 1), AT(APPROVED, 2019, 6, 1), AT(COMPLETED, 2020, 12, 31)),
	             0);
	ids->spin_off = id;
	attribute(d, id, ids->sand_project, 0, ids->university);
	derive(d, id, ids->subtopic[3], 0);
	credit(d, id, PEOPLE(STU(u[0]), STU(u[1]), STU(u[2]), STU(u[3]), STU(u[4]), STU(u[5]), STU(u[6])));

	spin_off_outcome(d, ids, id, CE_OUTCOME_FEASIBILITY_REPORT, "废旧覆膜砂回收再利用项目可行性研究报告",
	                 NULL, PATH(AT(DRAFTED, 2019, 6, 20), AT(COMPLETED, 2019, 9, 30)),
	                 PEOPLE(STU(u[0]), STU(u[1]), STU(u[2])));
	spin_off_outcome(d, ids, id, CE_OUTCOME_BUSINESS_PLAN, "覆膜砂回收再利用创业计划书", NULL,
	                 PATH(AT(DRAFTED, 2019, 7, 15), AT(COMPLETED, 2019, 11, 30)),
	                 PEOPLE(STU(u[3]), STU(u[0]), STU(u[5])));
	spin_off_outcome(d, ids, id, CE_OUTCOME_ECONOMIC_ANALYSIS, "覆膜砂回收再利用经济效益分析报告", NULL,
	                 PATH(AT(DRAFTED, 2019, 9, 1), AT(COMPLETED, 2019, 12, 20)),
	                 PEOPLE(STU(u[4]), STU(u[6])));
	spin_off_outcome(d, ids, id, CE_OUTCOME_PAPER, "废旧3D打印覆膜砂热法再生工艺研究",
	                 "10.1234/zzjs.2019.12.021",
	                 PATH(AT(SUBMITTED, 2019, 8, 10), AT(ACCEPTED, 2019, 10, 15), AT(PUBLISHED, 2019, 12, 20)),
	                 PEOPLE(STU(u[0]), STU(u[1]), SUP(ids->li)));
	spin_off_outcome(d, ids, id, CE_OUTCOME_PAPER, "3D打印覆膜砂回收再利用的经济性分析",
	                 "10.1234/zgzz.2020.01.012",
	                 PATH(AT(SUBMITTED, 2019, 9, 5), AT(ACCEPTED, 2019, 11, 20), AT(PUBLISHED, 2020, 1, 20)),
	                 PEOPLE(STU(u[4]), STU(u[3]), SUP(ids->li)));
	spin_off_outcome(d, ids, id, CE_OUTCOME_INVENTION_PATENT, "一种废旧覆膜砂热法再生装置",
	                 "CN201910991234.5", PATH(AT(FILED, 2019, 10, 18)),
	                 PEOPLE(STU(u[0]), STU(u[2]), SUP(ids->li)));
	spin_off_outcome(d, ids, id, CE_OUTCOME_INVENTION_PATENT, "一种再生覆膜砂的性能检测方法",
	                 "CN201911245678.3", PATH(AT(FILED, 2019, 12, 6)),
	                 PEOPLE(STU(u[1]), STU(u[5]), SUP(ids->li)));
}

int case_build_outcomes(case_ctx *d, case_ids *ids)
{
	alloy_outcomes(d, ids);
	spin_off(d, ids);
	return d->rc;
}
