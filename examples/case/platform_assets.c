/* What the case's platforms were built with. The case study builds
 * laboratories and a provincial engineering technology research centre
 * together with enterprises (校企共建实验室、省级工程技术研究中心), and its
 * work is funded by the Ministry of Education programme 201901022063,
 * "创新创业型研究生培养及成果转化平台建设" — a platform-building grant. The
 * paper gives no equipment list and no amounts: every name of equipment,
 * amount and date below is illustrative (made up, like the people); the
 * sources follow the paper (the enterprise co-builds, the programme funds). */
#include "steps.h"

static void equipment(case_ctx *d, int64_t platform, const char *name, int64_t yuan, ce_date acquired,
                      int64_t source)
{
	ce_platform_equipment_spec s = CE_PLATFORM_EQUIPMENT_SPEC_INIT;
	s.platform = platform;
	s.name = name;
	s.value = yuan * 100;
	s.currency = "CNY";
	s.acquired_on = acquired;
	s.source = source;
	CASE_TRY(d, ce_platform_equipment_create(NULL, d->db, &s), name);
}

static void funding(case_ctx *d, int64_t platform, int64_t yuan, int64_t year, int64_t source,
                    const char *funder, const char *purpose)
{
	ce_platform_funding_spec s = CE_PLATFORM_FUNDING_SPEC_INIT;
	s.platform = platform;
	s.amount = yuan * 100;
	s.currency = "CNY";
	s.year = year;
	s.source = source;
	s.funder = funder;
	s.purpose = purpose;
	CASE_TRY(d, ce_platform_funding_create(NULL, d->db, &s), purpose);
}

int case_build_platform_assets(case_ctx *d, case_ids *ids)
{
	if (d->rc != CE_OK)
		return d->rc;
	/* the research centre, co-built with the aviation enterprise */
	funding(d, ids->rd_centre, 3000000, 2015, ids->aviation, NULL, "联合研发中心共建：中试熔铸线");
	funding(d, ids->rd_centre, 1000000, 2016, ids->university, NULL, "学校配套建设经费");
	equipment(d, ids->rd_centre, "真空感应熔炼炉", 1250000, CE_DATE(2015, 10, 8), ids->aviation);
	equipment(d, ids->rd_centre, "万能材料试验机", 450000, CE_DATE(2016, 4, 12), 0);
	/* the programme's platform-building grant, spent on the incubator */
	funding(d, ids->incubator, 200000, 2019, 0, "教育部产学合作协同育人项目（201901022063）",
	        "创新创业型研究生培养及成果转化平台建设");
	equipment(d, ids->incubator, "选择性激光烧结（SLS）3D打印机", 980000, CE_DATE(2019, 11, 20), 0);
	return d->rc;
}
