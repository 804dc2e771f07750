/* The PostgreSQL baseline of every report: one hand-written query over the
 * library's store (docs/postgresql-schema.md: dates are date, enumerations
 * their tokens as text, booleans boolean, money bigint), computing the same
 * table as ce_report_run(); bench_pg.c checks it cell for cell before
 * timing. Written independently of the library's own SQL, as someone fluent
 * in PostgreSQL would write them: FILTER clauses, bool_or, date
 * arithmetic, percentile_cont for medians (the middle value, or the mean
 * of the middle two, as the library takes them).
 *
 * Each runs over the whole store, as the benchmark runs the library's
 * reports: no filter, except subtopic_graph (one project, $1) and
 * idle_platforms (the year 2021, written in: prepared once, it is planned
 * once with the dates known; with the period as parameters, as an
 * application would pass it, PostgreSQL settles on a generic plan that
 * runs it slower, so the literal form is the stricter baseline). Booleans
 * the library returns as 0/1 are cast to int, ratios computed in double
 * precision. */
#include <string.h>

#include "bench.h"

#ifdef CE_BENCH_POSTGRESQL

static const sql_report reports[] = {
	{ "outcome_funnel",
	  "WITH h AS (SELECT record, min(id) AS first_id,"
	  "    max(id) FILTER (WHERE to_state = 'granted') AS grant_id"
	  "  FROM outcome_status_history GROUP BY record),"
	  " o AS (SELECT o.id, o.kind, o.status, g.on_date - f.on_date AS days"
	  "  FROM outcome o LEFT JOIN h ON h.record = o.id"
	  "  LEFT JOIN outcome_status_history f ON f.id = h.first_id"
	  "  LEFT JOIN outcome_status_history g ON g.id = h.grant_id),"
	  " spin AS (SELECT id FROM o WHERE kind = 'entrepreneurship_project'"
	  "  AND EXISTS (SELECT 1 FROM outcome_derivation d WHERE d.outcome = o.id)),"
	  " c AS (SELECT"
	  "  count(*) FILTER (WHERE kind = 'invention_patent') AS filed,"
	  "  count(*) FILTER (WHERE kind = 'invention_patent' AND status = 'granted') AS granted,"
	  "  count(*) FILTER (WHERE kind = 'invention_patent' AND status = 'rejected') AS rejected,"
	  "  count(*) FILTER (WHERE kind = 'invention_patent' AND status IN ('filed', 'published'))"
	  "   AS pending,"
	  "  count(*) FILTER (WHERE kind = 'utility_model_patent') AS um_filed,"
	  "  count(*) FILTER (WHERE kind = 'utility_model_patent' AND status = 'granted') AS um_granted,"
	  "  count(*) FILTER (WHERE kind = 'paper' AND status = 'submitted') AS p_sub,"
	  "  count(*) FILTER (WHERE kind = 'paper' AND status = 'accepted') AS p_acc,"
	  "  count(*) FILTER (WHERE kind = 'paper' AND status = 'published') AS p_pub,"
	  "  count(*) FILTER (WHERE kind = 'paper' AND status = 'rejected') AS p_rej,"
	  "  percentile_cont(0.5) WITHIN GROUP (ORDER BY days)"
	  "   FILTER (WHERE kind = 'invention_patent' AND status = 'granted') AS median_days"
	  "  FROM o)"
	  " SELECT filed, granted, rejected, pending,"
	  "  (SELECT count(*) FROM o WHERE kind = 'invention_patent' AND status = 'granted'"
	  "   AND EXISTS (SELECT 1 FROM outcome_derivation d JOIN outcome p ON p.id = d.outcome"
	  "    WHERE d.from_outcome = o.id AND p.kind = 'product')),"
	  "  granted::float8 / NULLIF(filed, 0), median_days,"
	  "  um_filed, um_granted, p_sub, p_acc, p_pub, p_rej,"
	  "  (SELECT count(*) FROM spin),"
	  "  (SELECT count(DISTINCT d.outcome) FROM outcome_derivation d"
	  "   WHERE d.from_outcome IN (SELECT id FROM spin))"
	  " FROM c" },

	{ "supervision_coverage",
	  /* each student's supervisions aggregated once, rather than probed per student */
	  "WITH sv AS (SELECT v.student, bool_or(v.role = 'main' AND p.kind = 'academic') AS a,"
	  "   bool_or(v.role = 'enterprise' OR p.kind = 'enterprise') AS e"
	  "  FROM supervision v JOIN supervisor p ON p.id = v.supervisor GROUP BY v.student),"
	  " pop AS (SELECT st.cohort, COALESCE(sv.a, false) AS a, COALESCE(sv.e, false) AS e"
	  "  FROM student st LEFT JOIN sv ON sv.student = st.id WHERE st.level <> 'undergraduate'"
	  "  AND EXISTS (SELECT 1 FROM subtopic_assignment sa WHERE sa.student = st.id))"
	  " SELECT cohort, count(*), count(*) FILTER (WHERE a), count(*) FILTER (WHERE e),"
	  "  count(*) FILTER (WHERE a AND e), (count(*) FILTER (WHERE a AND e))::float8 / count(*)"
	  " FROM pop GROUP BY cohort ORDER BY cohort" },

	{ "students_lacking_supervisor",
	  "WITH sv AS (SELECT v.student, bool_or(v.role = 'main' AND p.kind = 'academic') AS a,"
	  "   bool_or(v.role = 'enterprise' OR p.kind = 'enterprise') AS e"
	  "  FROM supervision v JOIN supervisor p ON p.id = v.supervisor GROUP BY v.student),"
	  " pop AS (SELECT st.id, st.number, st.name, st.cohort, st.level,"
	  "   COALESCE(sv.a, false) AS a, COALESCE(sv.e, false) AS e"
	  "  FROM student st LEFT JOIN sv ON sv.student = st.id WHERE st.level <> 'undergraduate'"
	  "  AND EXISTS (SELECT 1 FROM subtopic_assignment sa WHERE sa.student = st.id))"
	  " SELECT id, number, name, cohort, level,"
	  "  CASE WHEN NOT a AND NOT e THEN 'academic_main,enterprise'"
	  "   WHEN NOT a THEN 'academic_main' ELSE 'enterprise' END"
	  " FROM pop WHERE NOT (a AND e) ORDER BY cohort, number, id" },

	{ "guidance_hours",
	  "WITH kinds AS (SELECT a.session,"
	  "   bool_or(p.kind = 'academic') AND bool_or(p.kind = 'enterprise') AS joint"
	  "  FROM guidance_attendee a JOIN supervisor p ON p.id = a.supervisor GROUP BY a.session),"
	  " per AS (SELECT a.supervisor AS sup, count(*) AS n, sum(g.duration_minutes)::bigint AS minutes,"
	  "   count(*) FILTER (WHERE k.joint) AS joint"
	  "  FROM guidance_attendee a JOIN guidance_session g ON g.id = a.session"
	  "  JOIN kinds k ON k.session = a.session"
	  "  WHERE a.supervisor IS NOT NULL GROUP BY a.supervisor),"
	  " stu AS (SELECT a.supervisor AS sup, count(DISTINCT b.student) AS n"
	  "  FROM guidance_attendee a JOIN guidance_attendee b ON b.session = a.session"
	  "  WHERE a.supervisor IS NOT NULL AND b.student IS NOT NULL GROUP BY a.supervisor),"
	  " ev AS (SELECT supervisor AS sup, count(*) AS n, avg(score::float8) AS score"
	  "  FROM evaluation GROUP BY supervisor)"
	  " SELECT p.id, p.name, p.kind, COALESCE(per.n, 0), COALESCE(per.minutes, 0) / 60.0::float8,"
	  "  COALESCE(stu.n, 0), (COALESCE(per.minutes, 0) / 60.0::float8) / NULLIF(stu.n, 0),"
	  "  COALESCE(per.joint, 0), per.joint::float8 / NULLIF(per.n, 0), ev.score, COALESCE(ev.n, 0)"
	  " FROM supervisor p LEFT JOIN per ON per.sup = p.id LEFT JOIN stu ON stu.sup = p.id"
	  " LEFT JOIN ev ON ev.sup = p.id"
	  " ORDER BY p.kind <> 'enterprise', p.name, p.id" },

	{ "guidance_by_term",
	  /* terms: autumn from August to January (of the next year), spring February to July */
	  "WITH m AS (SELECT a.supervisor AS sup, b.student AS student, g.duration_minutes AS minutes,"
	  "   CASE WHEN date_part('month', g.held_on) = 1"
	  "    THEN (date_part('year', g.held_on)::int - 1) * 2 + 1"
	  "    ELSE date_part('year', g.held_on)::int * 2 + (date_part('month', g.held_on) >= 8)::int"
	  "   END AS term"
	  "  FROM guidance_attendee a JOIN guidance_attendee b ON b.session = a.session"
	  "  JOIN guidance_session g ON g.id = a.session"
	  "  WHERE a.supervisor IS NOT NULL AND b.student IS NOT NULL)"
	  " SELECT p.id, p.name, st.id, st.name,"
	  "  (m.term / 2)::text || CASE m.term % 2 WHEN 1 THEN '-autumn' ELSE '-spring' END,"
	  "  count(*), sum(m.minutes)::float8 / 60"
	  " FROM m JOIN supervisor p ON p.id = m.sup JOIN student st ON st.id = m.student"
	  " GROUP BY p.id, st.id, m.term ORDER BY p.id, st.id, m.term" },

	{ "cooperation_depth",
	  /* what each partner itself does: research roles, its own people */
	  "WITH ag AS (SELECT partner, count(*) AS n FROM agreement_party GROUP BY partner),"
	  " pj AS (SELECT partner, count(DISTINCT project) AS n FROM project_partner GROUP BY partner),"
	  " pl AS (SELECT host AS partner, count(*) AS n FROM placement GROUP BY host),"
	  " sv AS (SELECT su.affiliation AS partner, count(*) AS n FROM supervisor su"
	  "  WHERE su.kind = 'enterprise' AND su.affiliation IS NOT NULL"
	  "  AND (EXISTS (SELECT 1 FROM supervision s WHERE s.supervisor = su.id)"
	  "   OR EXISTS (SELECT 1 FROM placement m WHERE m.mentor = su.id))"
	  "  GROUP BY su.affiliation),"
	  " tb AS (SELECT DISTINCT ph.partner FROM platform_host ph JOIN platform f ON f.id = ph.platform"
	  "  WHERE f.kind IN ('graduate_training_base', 'practice_teaching_base')),"
	  " co AS (SELECT pp.partner, oa.outcome FROM project_partner pp"
	  "  JOIN subtopic s ON s.project = pp.project JOIN outcome_attribution oa ON oa.subtopic = s.id"
	  "  WHERE pp.role IN ('lead', 'co_applicant', 'host')"
	  "  UNION SELECT su.affiliation, oc.outcome FROM outcome_contributor oc"
	  "  JOIN supervisor su ON su.id = oc.supervisor WHERE su.affiliation IS NOT NULL),"
	  " oc AS (SELECT partner, count(*) AS n FROM co GROUP BY partner),"
	  " d AS (SELECT p.id, p.name, p.kind, COALESCE(ag.n, 0) AS agreements, COALESCE(pj.n, 0) AS projects,"
	  "  COALESCE(pl.n, 0) AS placements, COALESCE(sv.n, 0) AS sups, COALESCE(oc.n, 0) AS outcomes,"
	  "  tb.partner IS NOT NULL AS base"
	  "  FROM partner p LEFT JOIN ag ON ag.partner = p.id LEFT JOIN pj ON pj.partner = p.id"
	  "  LEFT JOIN pl ON pl.partner = p.id LEFT JOIN sv ON sv.partner = p.id"
	  "  LEFT JOIN tb ON tb.partner = p.id LEFT JOIN oc ON oc.partner = p.id"
	  "  WHERE p.kind <> 'university'),"
	  " e AS (SELECT *, CASE WHEN outcomes > 0 THEN 4 WHEN base OR sups > 0 THEN 3"
	  "  WHEN placements > 0 THEN 2 WHEN agreements > 0 OR projects > 0 THEN 1 ELSE 0 END AS depth"
	  "  FROM d)"
	  " SELECT id, name, kind, depth, CASE depth WHEN 4 THEN 'co_creation' WHEN 3 THEN 'co_training'"
	  "  WHEN 2 THEN 'hosting' WHEN 1 THEN 'transactional' ELSE 'none' END,"
	  "  agreements, projects, placements, sups, outcomes"
	  " FROM e ORDER BY depth DESC, name, id" },

	{ "platform_utilisation",
	  "WITH pl AS (SELECT platform, start_date AS s, end_date AS e,"
	  "   date_part('year', start_date)::int AS ys,"
	  "   date_part('year', COALESCE(end_date, start_date))::int AS ye"
	  "  FROM placement WHERE platform IS NOT NULL),"
	  " years AS (SELECT y FROM (SELECT min(ys) AS lo, max(ye) AS hi FROM pl) span,"
	  "  generate_series(span.lo, span.hi) AS y),"
	  /* a platform's years from the day it was established */
	  " py AS (SELECT f.id, f.name, f.kind, f.capacity, y,"
	  "   GREATEST(make_date(y, 1, 1), f.established_on) AS w0, make_date(y, 12, 31) AS w1"
	  "  FROM platform f CROSS JOIN years"
	  "  WHERE f.established_on IS NULL OR f.established_on <= make_date(y, 12, 31)),"
	  " used AS (SELECT py.id, py.y, count(*) AS n,"
	  "   sum(LEAST(COALESCE(pl.e, py.w1), py.w1) - GREATEST(pl.s, py.w0) + 1) AS days"
	  "  FROM py JOIN pl ON pl.platform = py.id AND pl.s <= py.w1 AND (pl.e IS NULL OR pl.e >= py.w0)"
	  "  GROUP BY py.id, py.y),"
	  " sp AS (SELECT s.platform, min(h.on_date) AS first, max(h.on_date) AS last,"
	  "   s.status NOT IN ('completed', 'abandoned') AS open"
	  "  FROM subtopic s JOIN subtopic_status_history h ON h.record = s.id"
	  "  WHERE s.platform IS NOT NULL GROUP BY s.id),"
	  " subs AS (SELECT py.id, py.y, count(*) AS n FROM py JOIN sp ON sp.platform = py.id"
	  "  AND sp.first <= py.w1 AND (sp.open OR sp.last >= py.w0) GROUP BY py.id, py.y)"
	  " SELECT py.id, py.name, py.kind, py.y, py.capacity, COALESCE(used.n, 0),"
	  "  COALESCE(used.days, 0),"
	  "  CASE WHEN py.capacity = 0 THEN NULL"
	  "   ELSE COALESCE(used.days, 0)::float8 / (py.capacity * (py.w1 - py.w0 + 1)) END,"
	  "  COALESCE(subs.n, 0)"
	  " FROM py LEFT JOIN used ON used.id = py.id AND used.y = py.y"
	  " LEFT JOIN subs ON subs.id = py.id AND subs.y = py.y"
	  " ORDER BY py.id, py.y" },

	{ "idle_platforms",
	  /* few platforms are idle: test each for a use in the period by its
	   * indexes, stopping at the first, and read the last dates only for
	   * those shown (rather than aggregating every placement, status entry
	   * and guidance session first) */
	  "SELECT f.id, f.name, f.kind, f.level, f.established_on,"
	  "  (SELECT max(x.d) FROM (SELECT max(COALESCE(p.end_date, p.start_date)) AS d FROM placement p"
	  "    WHERE p.platform = f.id"
	  "   UNION ALL SELECT (SELECT max(h.on_date) FROM subtopic_status_history h WHERE h.record = s.id)"
	  "    FROM subtopic s WHERE s.platform = f.id"
	  "   UNION ALL SELECT (SELECT max(g.held_on) FROM guidance_session g WHERE g.subtopic = s.id)"
	  "    FROM subtopic s WHERE s.platform = f.id) x)"
	  " FROM platform f"
	  " WHERE (f.established_on IS NULL OR f.established_on <= '2021-12-31')"
	  "  AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.platform = f.id"
	  "   AND p.start_date <= '2021-12-31' AND (p.end_date IS NULL OR p.end_date >= '2021-01-01'))"
	  "  AND NOT EXISTS (SELECT 1 FROM subtopic s WHERE s.platform = f.id"
	  "   AND (SELECT min(h.on_date) FROM subtopic_status_history h WHERE h.record = s.id) <= '2021-12-31'"
	  "   AND (s.status NOT IN ('completed', 'abandoned') OR (SELECT max(h.on_date)"
	  "    FROM subtopic_status_history h WHERE h.record = s.id) >= '2021-01-01'))"
	  "  AND NOT EXISTS (SELECT 1 FROM subtopic s JOIN guidance_session g ON g.subtopic = s.id"
	  "   WHERE s.platform = f.id AND g.held_on BETWEEN '2021-01-01' AND '2021-12-31')"
	  " ORDER BY f.id" },

	{ "placement_health",
	  "WITH inc AS (SELECT placement, count(*) AS n FROM incident GROUP BY placement),"
	  " fb AS (SELECT placement, bool_or(direction = 'enterprise_to_school')"
	  "   AND bool_or(direction = 'school_to_enterprise') AS both_ways"
	  "  FROM feedback GROUP BY placement),"
	  " pl AS (SELECT p.id, p.host, p.end_date, p.status IN ('completed', 'ended_early') AS fin,"
	  "   p.status = 'ended_early' AS early, COALESCE(inc.n, 0) AS inc,"
	  "   COALESCE(fb.both_ways, false) AS both_ways FROM placement p"
	  "  LEFT JOIN inc ON inc.placement = p.id LEFT JOIN fb ON fb.placement = p.id),"
	  " fd AS (SELECT pl.host, f.given_on - pl.end_date AS days"
	  "  FROM pl JOIN feedback f ON f.placement = pl.id),"
	  " delay AS (SELECT host, days FROM fd WHERE days >= 0),"
	  " dur AS (SELECT host, count(*) AS n FROM fd WHERE days < 0 OR days IS NULL GROUP BY host),"
	  " mh AS (SELECT host, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS m"
	  "  FROM delay GROUP BY host),"
	  " st AS (SELECT host, count(*) AS n, sum(inc)::bigint AS inc,"
	  "   count(*) FILTER (WHERE early) AS early, count(*) FILTER (WHERE fin) AS fin,"
	  "   count(*) FILTER (WHERE fin AND both_ways) AS fb FROM pl GROUP BY host),"
	  " r AS (SELECT 0 AS total, p.name AS sort_name, p.id AS sort_id, st.host, p.name AS host_name,"
	  "   st.n, st.inc, 100.0::float8 * st.inc / st.n AS per100, st.early, st.fin, st.fb,"
	  "   st.fb::float8 / NULLIF(st.fin, 0) AS cover, mh.m, COALESCE(dur.n, 0) AS dur"
	  "  FROM st JOIN partner p ON p.id = st.host LEFT JOIN mh ON mh.host = st.host"
	  "  LEFT JOIN dur ON dur.host = st.host"
	  "  UNION ALL"
	  "  SELECT 1, NULL, NULL, NULL, '(all)', count(*), COALESCE(sum(inc), 0)::bigint,"
	  "   100.0::float8 * sum(inc) / NULLIF(count(*), 0), count(*) FILTER (WHERE early),"
	  "   count(*) FILTER (WHERE fin), count(*) FILTER (WHERE fin AND both_ways),"
	  "   (count(*) FILTER (WHERE fin AND both_ways))::float8"
	  "    / NULLIF(count(*) FILTER (WHERE fin), 0),"
	  "   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM delay),"
	  "   (SELECT count(*) FROM fd WHERE days < 0 OR days IS NULL)"
	  "  FROM pl)"
	  " SELECT host, host_name, n, inc, per100, early, fin, fb, cover, m, dur FROM r"
	  " ORDER BY total, sort_name, sort_id" },

	{ "destinations",
	  "WITH coop AS (SELECT partner FROM agreement_party UNION SELECT partner FROM project_partner"
	  "  UNION SELECT host FROM placement)"
	  " SELECT st.cohort, d.sector, count(*), count(c.partner), count(c.partner)::float8 / count(*),"
	  "  count(*) FILTER (WHERE d.position_level = 'middle_management'),"
	  "  (count(*) FILTER (WHERE d.position_level = 'middle_management'))::float8 / count(*)"
	  " FROM destination d JOIN student st ON st.id = d.student"
	  " LEFT JOIN coop c ON c.partner = d.employer"
	  " GROUP BY st.cohort, d.sector"
	  " ORDER BY st.cohort, array_position(ARRAY['civil_service', 'public_institution',"
	  "  'private_education', 'state_owned_enterprise', 'private_enterprise', 'foreign_enterprise',"
	  "  'own_startup', 'further_study'], d.sector)" },

	{ "project_pipeline",
	  "WITH stages(stage, ord) AS (VALUES ('laboratory', 1), ('pilot', 2), ('industrialisation', 3)),"
	  " cnt AS (SELECT stage, count(*) AS n, count(*) FILTER (WHERE status = 'active') AS act,"
	  "   count(*) FILTER (WHERE status = 'completed') AS comp FROM project GROUP BY stage),"
	  " bud AS (SELECT stage, currency, sum(budget)::bigint AS b FROM project"
	  "  WHERE budget > 0 AND currency IS NOT NULL GROUP BY stage, currency)"
	  " SELECT s.stage, COALESCE(c.n, 0), COALESCE(c.act, 0), COALESCE(c.comp, 0), b.currency,"
	  "  COALESCE(b.b, 0)"
	  " FROM stages s LEFT JOIN cnt c ON c.stage = s.stage LEFT JOIN bud b ON b.stage = s.stage"
	  " ORDER BY s.ord, b.currency" },

	{ "subtopic_graph",
	  "WITH RECURSIVE"
	  " sub AS (SELECT id, title, status, planned_days AS days FROM subtopic WHERE project = $1),"
	  " dep AS (SELECT d.subtopic AS v, d.depends_on AS u FROM subtopic_dependency d"
	  "  JOIN sub a ON a.id = d.subtopic JOIN sub b ON b.id = d.depends_on),"
	  /* the longest chain ending at v (its earliest finish) and starting at v */
	  " fwd(v, f) AS (SELECT id, days FROM sub"
	  "  UNION ALL SELECT dep.v, fwd.f + s.days FROM fwd JOIN dep ON dep.u = fwd.v"
	  "  JOIN sub s ON s.id = dep.v),"
	  " ef AS (SELECT v, max(f) AS ef FROM fwd GROUP BY v),"
	  " len AS (SELECT COALESCE(max(ef), 0) AS len FROM ef),"
	  " bwd(v, t) AS (SELECT id, days FROM sub"
	  "  UNION ALL SELECT dep.u, bwd.t + s.days FROM bwd JOIN dep ON dep.v = bwd.v"
	  "  JOIN sub s ON s.id = dep.u),"
	  " tail AS (SELECT v, max(t) AS t FROM bwd GROUP BY v),"
	  /* Kahn's order, the smallest ready id first: step k has placed k ids */
	  " topo(k, done) AS (SELECT 0, ARRAY[]::bigint[]"
	  "  UNION ALL SELECT k + 1, done || (SELECT min(s.id) FROM sub s"
	  "   WHERE s.id <> ALL (topo.done) AND NOT EXISTS (SELECT 1 FROM dep"
	  "    WHERE dep.v = s.id AND dep.u <> ALL (topo.done)))"
	  "  FROM topo WHERE k < (SELECT count(*) FROM sub)),"
	  " fin AS (SELECT done FROM topo ORDER BY k DESC LIMIT 1)"
	  " SELECT array_position(fin.done, s.id), s.id, s.title, s.status, s.days,"
	  "  (SELECT string_agg(u::text, ',' ORDER BY u) FROM dep WHERE v = s.id),"
	  "  ef.ef - s.days, ef.ef, len.len - tail.t, len.len - tail.t - (ef.ef - s.days),"
	  "  (len.len - tail.t = ef.ef - s.days)::int"
	  " FROM sub s JOIN ef ON ef.v = s.id JOIN tail ON tail.v = s.id CROSS JOIN len CROSS JOIN fin"
	  " ORDER BY 1" },

	{ "spinoffs",
	  "WITH spin AS (SELECT o.id, o.title, o.status, MIN(d.from_subtopic) AS from_subtopic"
	  "  FROM outcome o JOIN outcome_derivation d ON d.outcome = o.id"
	  "  WHERE o.kind = 'entrepreneurship_project' GROUP BY o.id, o.title, o.status),"
	  " first AS (SELECT record, MIN(id) AS id FROM outcome_status_history"
	  "  WHERE record IN (SELECT id FROM spin) GROUP BY record),"
	  " outs AS (SELECT d.from_outcome AS spin, o.id, o.kind FROM outcome_derivation d"
	  "  JOIN outcome o ON o.id = d.outcome WHERE d.from_outcome IN (SELECT id FROM spin)),"
	  /* the students credited on the spin-off or on one of its outputs */
	  " credited AS (SELECT c.outcome AS spin, c.student FROM outcome_contributor c"
	  "  WHERE c.student IS NOT NULL AND c.outcome IN (SELECT id FROM spin)"
	  "  UNION SELECT u.spin, c.student FROM outs u JOIN outcome_contributor c ON c.outcome = u.id"
	  "  WHERE c.student IS NOT NULL),"
	  " st AS (SELECT k.spin, count(*) AS n, count(*) FILTER (WHERE t.level = 'undergraduate') AS ug"
	  "  FROM credited k JOIN student t ON t.id = k.student GROUP BY k.spin),"
	  " oc AS (SELECT spin, count(*) AS n, count(*) FILTER (WHERE kind = 'feasibility_report') AS fe,"
	  "  count(*) FILTER (WHERE kind = 'business_plan') AS bp,"
	  "  count(*) FILTER (WHERE kind = 'economic_analysis') AS ea,"
	  "  count(*) FILTER (WHERE kind = 'paper') AS pa,"
	  "  count(*) FILTER (WHERE kind IN ('invention_patent', 'utility_model_patent')) AS pt"
	  "  FROM outs GROUP BY spin)"
	  " SELECT s.id, s.title, s.status, h.on_date, s.from_subtopic, COALESCE(st.n, 0),"
	  "  COALESCE(st.ug, 0), COALESCE(oc.n, 0), COALESCE(oc.fe, 0), COALESCE(oc.bp, 0),"
	  "  COALESCE(oc.ea, 0), COALESCE(oc.pa, 0), COALESCE(oc.pt, 0),"
	  "  COALESCE(oc.n - oc.fe - oc.bp - oc.ea - oc.pa - oc.pt, 0)"
	  " FROM spin s LEFT JOIN first f ON f.record = s.id"
	  " LEFT JOIN outcome_status_history h ON h.id = f.id"
	  " LEFT JOIN st ON st.spin = s.id LEFT JOIN oc ON oc.spin = s.id ORDER BY s.id" },

	{ "risk_exposure",
	  "WITH r AS (SELECT * FROM risk WHERE status IN ('open', 'mitigated')),"
	  " rp AS (SELECT r.id AS risk, ap.partner FROM r JOIN agreement_party ap ON ap.agreement = r.agreement"
	  "  UNION SELECT r.id, pp.partner FROM r JOIN project_partner pp ON pp.project = r.project"
	  "  UNION SELECT r.id, pl.host FROM r JOIN placement pl ON pl.id = r.placement)"
	  " SELECT rp.partner, pa.name, ROW_NUMBER() OVER (PARTITION BY rp.partner"
	  "  ORDER BY r.likelihood * r.impact DESC, r.id), r.id, r.title, r.kind, r.status,"
	  "  CASE WHEN r.agreement IS NOT NULL THEN 'agreement' WHEN r.project IS NOT NULL"
	  "  THEN 'project' ELSE 'placement' END, COALESCE(r.agreement, r.project, r.placement),"
	  "  r.project, pr.code, r.likelihood, r.impact, r.likelihood * r.impact"
	  " FROM r LEFT JOIN rp ON rp.risk = r.id LEFT JOIN partner pa ON pa.id = rp.partner"
	  " LEFT JOIN project pr ON pr.id = r.project"
	  " ORDER BY CASE WHEN rp.partner IS NULL THEN 1 ELSE 0 END, rp.partner,"
	  "  r.likelihood * r.impact DESC, r.id" },

	{ "budget_variance",
	  "SELECT p.id, p.code, s.id, s.title, b.category, b.currency, b.planned, b.actual,"
	  "  b.actual - b.planned,"
	  "  CASE WHEN b.planned = 0 THEN NULL ELSE (b.actual - b.planned)::float8 / b.planned END"
	  " FROM budget_line b JOIN subtopic s ON s.id = b.subtopic JOIN project p ON p.id = s.project"
	  " ORDER BY p.id, s.id, b.category, b.id" },

	/* The survey reports over every round, ungrouped: an anonymous round of
	 * 1..4 responses (k = 5) shows nothing. Unset numbers are 0. */
	{ "survey_response_rate",
	  "WITH n AS (SELECT round, count(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.*, i.audience, COALESCE(n.responses, 0) AS responses,"
	  "  r.anonymous AND COALESCE(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r JOIN survey_instrument i ON i.id = r.instrument"
	  "  LEFT JOIN n ON n.round = r.id),"
	  " p AS (SELECT id, CASE WHEN invited > 0 THEN invited"
	  "  WHEN audience = 'student' THEN (SELECT count(*) FROM student s"
	  "   WHERE (r.cohort = 0 OR s.cohort = r.cohort) AND (r.level IS NULL OR"
	  "   (r.level = 'undergraduate') = (s.level = 'undergraduate')))"
	  "  WHEN audience = 'academic_supervisor' THEN (SELECT count(*) FROM supervisor WHERE kind = 'academic')"
	  "  WHEN audience = 'enterprise_mentor' THEN (SELECT count(*) FROM supervisor WHERE kind = 'enterprise')"
	  "  ELSE (SELECT count(*) FROM partner WHERE kind <> 'university') END AS population FROM r)"
	  " SELECT r.id, r.title, NULL, p.population, CASE WHEN hide THEN NULL ELSE responses END,"
	  "  CASE WHEN hide OR p.population = 0 THEN NULL ELSE responses::float8 / p.population END,"
	  "  hide::int"
	  " FROM r JOIN p ON p.id = r.id ORDER BY r.id" },

	{ "survey_item_stats",
	  "WITH n AS (SELECT round, count(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND COALESCE(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " agg AS (SELECT s.round, a.item, count(*) AS n, avg(a.number) AS mean,"
	  "  percentile_cont(0.5) WITHIN GROUP (ORDER BY a.number) AS median,"
	  "  stddev_samp(a.number) AS sd,"
	  "  count(*) FILTER (WHERE a.number = 1) AS c1, count(*) FILTER (WHERE a.number = 2) AS c2,"
	  "  count(*) FILTER (WHERE a.number = 3) AS c3, count(*) FILTER (WHERE a.number = 4) AS c4,"
	  "  count(*) FILTER (WHERE a.number = 5) AS c5, count(*) FILTER (WHERE a.number = 6) AS c6,"
	  "  count(*) FILTER (WHERE a.number = 7) AS c7"
	  "  FROM survey_answer a JOIN survey_response s ON s.id = a.response GROUP BY s.round, a.item)"
	  " SELECT r.id, i.id, i.code, i.section, i.kind, NULL,"
	  "  CASE WHEN hide THEN NULL ELSE COALESCE(agg.n, 0) END, CASE WHEN hide THEN NULL ELSE agg.mean END,"
	  "  CASE WHEN hide THEN NULL ELSE agg.median END, CASE WHEN hide THEN NULL ELSE agg.sd END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE COALESCE(agg.c1, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE COALESCE(agg.c2, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE COALESCE(agg.c3, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE COALESCE(agg.c4, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE COALESCE(agg.c5, 0) END,"
	  "  CASE WHEN hide OR i.kind <> 'likert7' THEN NULL ELSE COALESCE(agg.c6, 0) END,"
	  "  CASE WHEN hide OR i.kind <> 'likert7' THEN NULL ELSE COALESCE(agg.c7, 0) END, hide::int"
	  " FROM r JOIN survey_item i ON i.instrument = r.instrument"
	  "  AND i.kind IN ('likert5', 'likert7', 'number')"
	  " LEFT JOIN agg ON agg.round = r.id AND agg.item = i.id ORDER BY r.id, i.position" },

	{ "survey_choices",
	  "WITH n AS (SELECT round, count(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND COALESCE(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " a AS (SELECT s.round, a.item, a.option, a.choices FROM survey_answer a"
	  "  JOIN survey_response s ON s.id = a.response),"
	  " c AS (SELECT a.round, o.id AS opt, count(*) AS n FROM a JOIN survey_option o ON o.item = a.item"
	  "  AND (a.option = o.id OR strpos(';' || a.choices || ';', ';' || o.code || ';') > 0)"
	  "  GROUP BY a.round, o.id),"
	  " t AS (SELECT a.round, a.item, count(*) AS n FROM a"
	  "  WHERE a.option IS NOT NULL OR a.choices IS NOT NULL GROUP BY a.round, a.item)"
	  " SELECT r.id, i.id, i.code, i.kind, NULL, o.code, o.label,"
	  "  CASE WHEN hide THEN NULL ELSE COALESCE(t.n, 0) END, CASE WHEN hide THEN NULL ELSE COALESCE(c.n, 0) END,"
	  "  CASE WHEN hide OR COALESCE(t.n, 0) = 0 THEN NULL ELSE COALESCE(c.n, 0)::float8 / t.n END,"
	  "  hide::int"
	  " FROM r JOIN survey_item i ON i.instrument = r.instrument"
	  "  AND i.kind IN ('single_choice', 'multiple_choice')"
	  " JOIN survey_option o ON o.item = i.id"
	  " LEFT JOIN t ON t.round = r.id AND t.item = i.id LEFT JOIN c ON c.round = r.id AND c.opt = o.id"
	  " ORDER BY r.id, i.position, o.position" },

	/* each round against its instrument's round opened last before it */
	{ "survey_comparison",
	  "WITH n AS (SELECT round, count(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND COALESCE(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " p AS (SELECT b.id AS round, (SELECT a.id FROM survey_round a WHERE a.instrument = b.instrument"
	  "  AND (a.opens_on, a.id) < (b.opens_on, b.id) ORDER BY a.opens_on DESC, a.id DESC LIMIT 1) AS base"
	  "  FROM survey_round b),"
	  " agg AS (SELECT s.round, a.item, count(*) AS n, avg(a.number) AS mean FROM survey_answer a"
	  "  JOIN survey_response s ON s.id = a.response GROUP BY s.round, a.item)"
	  " SELECT p.round, p.base, i.id, i.code, i.section, NULL,"
	  "  CASE WHEN hb.hide THEN NULL ELSE COALESCE(ab.n, 0) END, CASE WHEN hb.hide THEN NULL ELSE ab.mean END,"
	  "  CASE WHEN hr.hide THEN NULL ELSE COALESCE(ar.n, 0) END, CASE WHEN hr.hide THEN NULL ELSE ar.mean END,"
	  "  CASE WHEN hb.hide OR hr.hide THEN NULL ELSE ar.mean - ab.mean END, (hb.hide OR hr.hide)::int"
	  " FROM p JOIN r hr ON hr.id = p.round JOIN r hb ON hb.id = p.base"
	  " JOIN survey_item i ON i.instrument = hr.instrument AND i.kind IN ('likert5', 'likert7', 'number')"
	  " LEFT JOIN agg ar ON ar.round = p.round AND ar.item = i.id"
	  " LEFT JOIN agg ab ON ab.round = p.base AND ab.item = i.id ORDER BY p.round, i.position" },
};

const sql_report *bench_pg_sql_report(const char *name)
{
	for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
		if (strcmp(reports[i].name, name) == 0)
			return &reports[i];
	return NULL;
}

#else

const sql_report *bench_pg_sql_report(const char *name)
{
	(void)name;
	return NULL;
}

#endif
