/* Chinese labels of entities and columns, for people: CSV headers and
 * sheet names an office reads (export --labels zh) and import accepts back.
 * Kept apart from the column definitions, whose layout is public
 * (coopedu/sys/schema.h), and keyed by name so a column added elsewhere
 * fails the test that every column has a label (unit_introspect) rather
 * than taking another's. Within an entity every label is distinct, and
 * none is "序号" (the exported id) or ends in "历程" (a history column). */
#include <string.h>

#include "core/store.h"
#include "schema.h"

typedef struct label {
	const char *table, *column; /* column NULL: the entity's own label */
	const char *zh;
} label;

static const label labels[] = {
	{ "partner", NULL, "合作单位" },
	{ "partner", "name", "名称" },
	{ "partner", "kind", "类型" },
	{ "partner", "sector", "行业" },
	{ "partner", "region", "地区" },
	{ "partner", "ownership", "所有制" },
	{ "partner", "credit_code", "统一社会信用代码" },
	{ "agreement", NULL, "合作协议" },
	{ "agreement", "title", "标题" },
	{ "agreement", "scopes", "合作范围" },
	{ "agreement", "signed_on", "签订日期" },
	{ "agreement", "start_date", "开始日期" },
	{ "agreement", "end_date", "结束日期" },
	{ "agreement", "status", "状态" },
	{ "agreement", "status_date", "状态日期" },
	{ "agreement", "conduct_terms", "行为条款" },
	{ "agreement_party", NULL, "协议签约方" },
	{ "agreement_party", "agreement", "协议" },
	{ "agreement_party", "partner", "合作单位" },
	{ "platform", NULL, "合作平台" },
	{ "platform", "name", "名称" },
	{ "platform", "kind", "类型" },
	{ "platform", "level", "级别" },
	{ "platform", "capacity", "容量" },
	{ "platform", "established_on", "成立日期" },
	{ "platform", "agreement", "协议" },
	{ "platform_host", NULL, "平台共建单位" },
	{ "platform_host", "platform", "平台" },
	{ "platform_host", "partner", "合作单位" },
	{ "project", NULL, "项目" },
	{ "project", "code", "项目编号" },
	{ "project", "title", "标题" },
	{ "project", "funding_scheme", "资助计划" },
	{ "project", "budget", "预算" },
	{ "project", "currency", "币种" },
	{ "project", "start_date", "开始日期" },
	{ "project", "end_date", "结束日期" },
	{ "project", "status", "状态" },
	{ "project", "status_date", "状态日期" },
	{ "project", "stage", "阶段" },
	{ "project", "stage_date", "阶段日期" },
	{ "project", "principal_investigator", "项目负责人" },
	{ "project", "agreement", "协议" },
	{ "project", "parent", "上级项目" },
	{ "project_partner", NULL, "项目合作单位" },
	{ "project_partner", "project", "项目" },
	{ "project_partner", "partner", "合作单位" },
	{ "project_partner", "role", "角色" },
	{ "subtopic", NULL, "子课题" },
	{ "subtopic", "project", "项目" },
	{ "subtopic", "title", "标题" },
	{ "subtopic", "kind", "类型" },
	{ "subtopic", "site", "地点" },
	{ "subtopic", "platform", "平台" },
	{ "subtopic", "partner", "合作单位" },
	{ "subtopic", "planned_days", "计划天数" },
	{ "subtopic", "status", "状态" },
	{ "subtopic", "status_date", "状态日期" },
	{ "subtopic_io", NULL, "子课题输入输出" },
	{ "subtopic_io", "subtopic", "子课题" },
	{ "subtopic_io", "direction", "方向" },
	{ "subtopic_io", "description", "描述" },
	{ "subtopic_dependency", NULL, "子课题依赖" },
	{ "subtopic_dependency", "subtopic", "子课题" },
	{ "subtopic_dependency", "depends_on", "前置子课题" },
	{ "milestone", NULL, "里程碑" },
	{ "milestone", "subtopic", "子课题" },
	{ "milestone", "title", "标题" },
	{ "milestone", "due_date", "截止日期" },
	{ "milestone", "done_date", "完成日期" },
	{ "budget_line", NULL, "预算明细" },
	{ "budget_line", "subtopic", "子课题" },
	{ "budget_line", "category", "类别" },
	{ "budget_line", "planned", "计划金额" },
	{ "budget_line", "actual", "实际金额" },
	{ "budget_line", "currency", "币种" },
	{ "subtopic_assignment", NULL, "子课题分工" },
	{ "subtopic_assignment", "subtopic", "子课题" },
	{ "subtopic_assignment", "student", "学生" },
	{ "subtopic_assignment", "start_date", "开始日期" },
	{ "subtopic_assignment", "end_date", "结束日期" },
	{ "supervisor", NULL, "导师" },
	{ "supervisor", "name", "姓名" },
	{ "supervisor", "kind", "类型" },
	{ "supervisor", "staff_number", "工号" },
	{ "supervisor", "affiliation", "所在单位" },
	{ "supervisor", "title", "职称" },
	{ "supervisor", "field", "研究领域" },
	{ "supervisor", "industry_experience", "企业工作经历" },
	{ "supervisor", "entrepreneurship_experience", "创业经历" },
	{ "team", NULL, "团队" },
	{ "team", "name", "名称" },
	{ "team", "discipline", "学科" },
	{ "team", "established_on", "成立日期" },
	{ "team_member", NULL, "团队成员" },
	{ "team_member", "team", "团队" },
	{ "team_member", "supervisor", "导师" },
	{ "team_member", "student", "学生" },
	{ "team_member", "role", "角色" },
	{ "team_meeting", NULL, "团队会议" },
	{ "team_meeting", "team", "团队" },
	{ "team_meeting", "held_on", "日期" },
	{ "team_meeting", "duration_minutes", "时长（分钟）" },
	{ "team_meeting", "topic", "主题" },
	{ "team_meeting", "notes", "备注" },
	{ "student", NULL, "学生" },
	{ "student", "number", "学号" },
	{ "student", "name", "姓名" },
	{ "student", "level", "培养层次" },
	{ "student", "cohort", "年级" },
	{ "student", "major", "专业" },
	{ "student", "status", "状态" },
	{ "student", "status_date", "状态日期" },
	{ "supervision", NULL, "指导关系" },
	{ "supervision", "student", "学生" },
	{ "supervision", "supervisor", "导师" },
	{ "supervision", "role", "角色" },
	{ "supervision", "start_date", "开始日期" },
	{ "supervision", "end_date", "结束日期" },
	{ "guidance_session", NULL, "指导活动" },
	{ "guidance_session", "held_on", "日期" },
	{ "guidance_session", "duration_minutes", "时长（分钟）" },
	{ "guidance_session", "mode", "形式" },
	{ "guidance_session", "subtopic", "子课题" },
	{ "guidance_session", "notes", "备注" },
	{ "guidance_attendee", NULL, "指导活动参加者" },
	{ "guidance_attendee", "session", "指导活动" },
	{ "guidance_attendee", "supervisor", "导师" },
	{ "guidance_attendee", "student", "学生" },
	{ "evaluation", NULL, "导师考核" },
	{ "evaluation", "supervisor", "导师" },
	{ "evaluation", "period_start", "考核期开始" },
	{ "evaluation", "period_end", "考核期结束" },
	{ "evaluation", "evaluator", "评价方" },
	{ "evaluation", "criterion", "指标" },
	{ "evaluation", "score", "分数" },
	{ "evaluation", "comment", "评语" },
	{ "progress_report", NULL, "进展报告" },
	{ "progress_report", "student", "学生" },
	{ "progress_report", "subtopic", "子课题" },
	{ "progress_report", "kind", "类型" },
	{ "progress_report", "submitted_on", "提交日期" },
	{ "progress_report", "summary", "摘要" },
	{ "placement", NULL, "实习" },
	{ "placement", "student", "学生" },
	{ "placement", "host", "接收单位" },
	{ "placement", "platform", "平台" },
	{ "placement", "agreement", "协议" },
	{ "placement", "start_date", "开始日期" },
	{ "placement", "end_date", "结束日期" },
	{ "placement", "position", "岗位" },
	{ "placement", "mentor", "企业导师" },
	{ "placement", "academic_supervisor", "校内导师" },
	{ "placement", "status", "状态" },
	{ "placement", "status_date", "状态日期" },
	{ "incident", NULL, "实习事件" },
	{ "incident", "placement", "实习" },
	{ "incident", "occurred_on", "发生日期" },
	{ "incident", "kind", "类型" },
	{ "incident", "description", "描述" },
	{ "incident", "resolved_on", "处理完毕日期" },
	{ "feedback", NULL, "实习反馈" },
	{ "feedback", "placement", "实习" },
	{ "feedback", "direction", "反馈方向" },
	{ "feedback", "given_on", "日期" },
	{ "feedback", "score", "分数" },
	{ "feedback", "comment", "评语" },
	{ "outcome", NULL, "成果" },
	{ "outcome", "kind", "类型" },
	{ "outcome", "title", "标题" },
	{ "outcome", "patent_number", "专利号" },
	{ "outcome", "doi", "DOI" },
	{ "outcome", "status", "状态" },
	{ "outcome", "status_date", "状态日期" },
	{ "outcome_contributor", NULL, "成果完成人" },
	{ "outcome_contributor", "outcome", "成果" },
	{ "outcome_contributor", "position", "排序" },
	{ "outcome_contributor", "student", "学生" },
	{ "outcome_contributor", "supervisor", "导师" },
	{ "outcome_attribution", NULL, "成果归属" },
	{ "outcome_attribution", "outcome", "成果" },
	{ "outcome_attribution", "subtopic", "子课题" },
	{ "outcome_attribution", "project", "项目" },
	{ "outcome_attribution", "partner", "合作单位" },
	{ "outcome_derivation", NULL, "成果来源" },
	{ "outcome_derivation", "outcome", "成果" },
	{ "outcome_derivation", "from_subtopic", "来源子课题" },
	{ "outcome_derivation", "from_outcome", "来源成果" },
	{ "destination", NULL, "毕业去向" },
	{ "destination", "student", "学生" },
	{ "destination", "started_on", "入职日期" },
	{ "destination", "employer", "用人单位" },
	{ "destination", "employer_name", "用人单位名称" },
	{ "destination", "sector", "单位性质" },
	{ "destination", "position_level", "岗位层级" },
	{ "destination", "position", "岗位" },
	{ "risk", NULL, "风险" },
	{ "risk", "agreement", "协议" },
	{ "risk", "project", "项目" },
	{ "risk", "placement", "实习" },
	{ "risk", "kind", "风险类型" },
	{ "risk", "title", "风险名称" },
	{ "risk", "likelihood", "可能性" },
	{ "risk", "impact", "影响程度" },
	{ "risk", "owner_supervisor", "责任导师" },
	{ "risk", "owner_partner", "责任单位" },
	{ "risk", "mitigation", "应对措施" },
	{ "risk", "identified_on", "识别日期" },
	{ "risk", "review_on", "复查日期" },
	{ "risk", "status", "状态" },
	{ "risk", "status_date", "状态日期" },
	{ "risk", "realised_by", "引发事件" },
};

static const char *find(const char *table, const char *column)
{
	for (size_t i = 0; i < CE_ARRAY_LEN(labels); i++)
		if (strcmp(labels[i].table, table) == 0 &&
		    (column ? labels[i].column && strcmp(labels[i].column, column) == 0 : !labels[i].column))
			return labels[i].zh;
	return NULL;
}

static bool is_zh(const char *lang)
{
	return lang && (strcmp(lang, "zh") == 0 || strncmp(lang, "zh-", 3) == 0 ||
	                strncmp(lang, "zh_", 3) == 0);
}

const char *ce_entity_label(ce_entity entity, const char *lang)
{
	const ce_table_def *t = ce__entity_table(entity);
	if (!t)
		return NULL;
	if (!lang || strcmp(lang, "en") == 0)
		return t->name;
	return is_zh(lang) ? find(t->name, NULL) : NULL;
}

const char *ce_column_label(ce_entity entity, int col, const char *lang)
{
	const ce_table_def *t = ce__entity_table(entity);
	if (!t || col < 0 || col >= t->ncolumns)
		return NULL;
	if (!lang || strcmp(lang, "en") == 0)
		return t->columns[col].name;
	return is_zh(lang) ? find(t->name, t->columns[col].name) : NULL;
}
