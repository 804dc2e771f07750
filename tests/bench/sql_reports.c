/* The baseline of every report: one hand-written SQL query over the same
 * database, computing the same table (bench.c checks it cell for cell
 * against the library's, untimed). Written as someone fluent in SQL would
 * write them against the documented storage (docs/sqlite-schema.md):
 * dates are 'YYYY-MM-DD' text, enumerations their tokens.
 *
 * Each runs over the whole store, as the benchmark runs the library's
 * reports: no filter, except subtopic_graph (one project, bound as
 * :project) and idle_platforms (the year 2021, written in). */
#include <string.h>

#include "bench.h"

/* Medians are taken as the library takes them: the middle value, or the
 * mean of the middle two (k IN ((n + 1) / 2, (n + 2) / 2)). */

static const sql_report reports[] = {
	{ "outcome_funnel",
	  "WITH h AS (SELECT record, MIN(id) AS first_id,"
	  "    MAX(CASE WHEN to_state = 'granted' THEN id END) AS grant_id"
	  "  FROM outcome_status_history GROUP BY record),"
	  " o AS (SELECT o.id, o.kind, o.status,"
	  "    CAST(julianday(g.on_date) - julianday(f.on_date) AS INTEGER) AS days"
	  "  FROM outcome o LEFT JOIN h ON h.record = o.id"
	  "  LEFT JOIN outcome_status_history f ON f.id = h.first_id"
	  "  LEFT JOIN outcome_status_history g ON g.id = h.grant_id),"
	  " spin AS (SELECT id FROM o WHERE kind = 'entrepreneurship_project'"
	  "  AND EXISTS (SELECT 1 FROM outcome_derivation d WHERE d.outcome = o.id)),"
	  " gd AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS k, COUNT(*) OVER () AS n"
	  "  FROM o WHERE kind = 'invention_patent' AND status = 'granted' AND days IS NOT NULL),"
	  " c AS (SELECT"
	  "  IFNULL(SUM(kind = 'invention_patent'), 0) AS filed,"
	  "  IFNULL(SUM(kind = 'invention_patent' AND status = 'granted'), 0) AS granted,"
	  "  IFNULL(SUM(kind = 'invention_patent' AND status = 'rejected'), 0) AS rejected,"
	  "  IFNULL(SUM(kind = 'invention_patent' AND status IN ('filed', 'published')), 0) AS pending,"
	  "  IFNULL(SUM(kind = 'invention_patent' AND status = 'granted' AND EXISTS ("
	  "    SELECT 1 FROM outcome_derivation d JOIN outcome p ON p.id = d.outcome"
	  "    WHERE d.from_outcome = o.id AND p.kind = 'product')), 0) AS productised,"
	  "  IFNULL(SUM(kind = 'utility_model_patent'), 0) AS um_filed,"
	  "  IFNULL(SUM(kind = 'utility_model_patent' AND status = 'granted'), 0) AS um_granted,"
	  "  IFNULL(SUM(kind = 'paper' AND status = 'submitted'), 0) AS p_sub,"
	  "  IFNULL(SUM(kind = 'paper' AND status = 'accepted'), 0) AS p_acc,"
	  "  IFNULL(SUM(kind = 'paper' AND status = 'published'), 0) AS p_pub,"
	  "  IFNULL(SUM(kind = 'paper' AND status = 'rejected'), 0) AS p_rej"
	  "  FROM o)"
	  " SELECT filed, granted, rejected, pending, productised, 1.0 * granted / NULLIF(filed, 0),"
	  "  (SELECT AVG(days) FROM gd WHERE k IN ((n + 1) / 2, (n + 2) / 2)),"
	  "  um_filed, um_granted, p_sub, p_acc, p_pub, p_rej,"
	  "  (SELECT COUNT(*) FROM spin),"
	  "  (SELECT COUNT(DISTINCT d.outcome) FROM outcome_derivation d"
	  "   WHERE d.from_outcome IN (SELECT id FROM spin))"
	  " FROM c" },

	{ "supervision_coverage",
	  /* each student's supervisions read once, only for students with an
	   * assignment, each set built once (MATERIALIZED) */
	  "WITH asg AS MATERIALIZED (SELECT DISTINCT student FROM subtopic_assignment),"
	  " flags AS MATERIALIZED (SELECT v.student, MAX(v.role = 'main' AND p.kind = 'academic') AS a,"
	  "   MAX(v.role = 'enterprise' OR p.kind = 'enterprise') AS e"
	  "  FROM supervision v JOIN supervisor p ON p.id = v.supervisor"
	  "  WHERE v.student IN asg GROUP BY v.student)"
	  " SELECT st.cohort, COUNT(*), SUM(IFNULL(f.a, 0)), SUM(IFNULL(f.e, 0)),"
	  "  SUM(IFNULL(f.a AND f.e, 0)), 1.0 * SUM(IFNULL(f.a AND f.e, 0)) / COUNT(*)"
	  " FROM asg JOIN student st ON st.id = asg.student LEFT JOIN flags f ON f.student = st.id"
	  " WHERE st.level <> 'undergraduate' GROUP BY st.cohort ORDER BY st.cohort" },

	{ "students_lacking_supervisor",
	  "WITH asg AS MATERIALIZED (SELECT DISTINCT student FROM subtopic_assignment),"
	  " flags AS MATERIALIZED (SELECT v.student, MAX(v.role = 'main' AND p.kind = 'academic') AS a,"
	  "   MAX(v.role = 'enterprise' OR p.kind = 'enterprise') AS e"
	  "  FROM supervision v JOIN supervisor p ON p.id = v.supervisor"
	  "  WHERE v.student IN asg GROUP BY v.student),"
	  " pop AS (SELECT st.id, st.number, st.name, st.cohort, st.level,"
	  "   IFNULL(f.a, 0) AS a, IFNULL(f.e, 0) AS e"
	  "  FROM asg JOIN student st ON st.id = asg.student LEFT JOIN flags f ON f.student = st.id"
	  "  WHERE st.level <> 'undergraduate')"
	  " SELECT id, number, name, cohort, level,"
	  "  CASE WHEN NOT a AND NOT e THEN 'academic_main,enterprise'"
	  "   WHEN NOT a THEN 'academic_main' ELSE 'enterprise' END"
	  " FROM pop WHERE NOT (a AND e) ORDER BY cohort, number, id" },

	{ "guidance_hours",
	  "WITH kinds AS (SELECT a.session,"
	  "   MAX(p.kind = 'academic') AND MAX(p.kind = 'enterprise') AS joint"
	  "  FROM guidance_attendee a JOIN supervisor p ON p.id = a.supervisor GROUP BY a.session),"
	  " per AS (SELECT a.supervisor AS sup, COUNT(*) AS n, SUM(g.duration_minutes) AS minutes,"
	  "   SUM(k.joint) AS joint"
	  "  FROM guidance_attendee a JOIN guidance_session g ON g.id = a.session"
	  "  JOIN kinds k ON k.session = a.session"
	  "  WHERE a.supervisor IS NOT NULL GROUP BY a.supervisor),"
	  " stu AS (SELECT a.supervisor AS sup, COUNT(DISTINCT b.student) AS n"
	  "  FROM guidance_attendee a JOIN guidance_attendee b ON b.session = a.session"
	  "  WHERE a.supervisor IS NOT NULL AND b.student IS NOT NULL GROUP BY a.supervisor),"
	  " ev AS (SELECT supervisor AS sup, COUNT(*) AS n, AVG(score) AS score"
	  "  FROM evaluation GROUP BY supervisor)"
	  " SELECT p.id, p.name, p.kind, IFNULL(per.n, 0), IFNULL(per.minutes, 0) / 60.0,"
	  "  IFNULL(stu.n, 0), (IFNULL(per.minutes, 0) / 60.0) / NULLIF(stu.n, 0),"
	  "  IFNULL(per.joint, 0), 1.0 * per.joint / NULLIF(per.n, 0), ev.score, IFNULL(ev.n, 0)"
	  " FROM supervisor p LEFT JOIN per ON per.sup = p.id LEFT JOIN stu ON stu.sup = p.id"
	  " LEFT JOIN ev ON ev.sup = p.id"
	  " ORDER BY p.kind <> 'enterprise', p.name, p.id" },

	{ "guidance_by_term",
	  "WITH m AS (SELECT a.supervisor AS sup, b.student AS student, g.duration_minutes AS minutes,"
	  "   CASE WHEN substr(g.held_on, 6, 2) = '01'"
	  "    THEN (CAST(substr(g.held_on, 1, 4) AS INTEGER) - 1) * 2 + 1"
	  "    ELSE CAST(substr(g.held_on, 1, 4) AS INTEGER) * 2 + (substr(g.held_on, 6, 2) >= '08')"
	  "   END AS term"
	  "  FROM guidance_attendee a JOIN guidance_attendee b ON b.session = a.session"
	  "  JOIN guidance_session g ON g.id = a.session"
	  "  WHERE a.supervisor IS NOT NULL AND b.student IS NOT NULL)"
	  " SELECT m.sup, p.name, m.student, st.name,"
	  "  (m.term / 2) || CASE m.term % 2 WHEN 1 THEN '-autumn' ELSE '-spring' END,"
	  "  COUNT(*), SUM(m.minutes) / 60.0"
	  " FROM m JOIN supervisor p ON p.id = m.sup JOIN student st ON st.id = m.student"
	  " GROUP BY m.sup, m.student, m.term ORDER BY m.sup, m.student, m.term" },

	{ "cooperation_depth",
	  /* what each partner itself does: research roles, its own people */
	  "WITH ag AS (SELECT partner, COUNT(*) AS n FROM agreement_party GROUP BY partner),"
	  " pj AS (SELECT partner, COUNT(DISTINCT project) AS n FROM project_partner GROUP BY partner),"
	  " pl AS (SELECT host AS partner, COUNT(*) AS n FROM placement GROUP BY host),"
	  " sv AS (SELECT su.affiliation AS partner, COUNT(*) AS n FROM supervisor su"
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
	  " oc AS (SELECT partner, COUNT(*) AS n FROM co GROUP BY partner),"
	  " d AS (SELECT p.id, p.name, p.kind, IFNULL(ag.n, 0) AS agreements, IFNULL(pj.n, 0) AS projects,"
	  "  IFNULL(pl.n, 0) AS placements, IFNULL(sv.n, 0) AS sups, IFNULL(oc.n, 0) AS outcomes,"
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
	  "WITH RECURSIVE"
	  " pl AS (SELECT platform, julianday(start_date) AS s, julianday(end_date) AS e,"
	  "   CAST(substr(start_date, 1, 4) AS INTEGER) AS ys,"
	  "   CAST(substr(IFNULL(end_date, start_date), 1, 4) AS INTEGER) AS ye"
	  "  FROM placement WHERE platform IS NOT NULL),"
	  " span(lo, hi) AS (SELECT MIN(ys), MAX(ye) FROM pl),"
	  " years(y) AS (SELECT lo FROM span WHERE lo IS NOT NULL"
	  "  UNION ALL SELECT y + 1 FROM years, span WHERE y < hi),"
	  /* a platform's years from the day it was established */
	  " py AS (SELECT f.id, f.name, f.kind, f.capacity, y,"
	  "   julianday(MAX(printf('%04d-01-01', y), IFNULL(f.established_on, ''))) AS w0,"
	  "   julianday(printf('%04d-12-31', y)) AS w1"
	  "  FROM platform f, years"
	  "  WHERE f.established_on IS NULL OR f.established_on <= printf('%04d-12-31', y)),"
	  " used AS (SELECT py.id, py.y, COUNT(*) AS n,"
	  "   SUM(MIN(IFNULL(pl.e, 1e9), py.w1) - MAX(pl.s, py.w0) + 1) AS days"
	  "  FROM py JOIN pl ON pl.platform = py.id AND pl.s <= py.w1 AND (pl.e IS NULL OR pl.e >= py.w0)"
	  "  GROUP BY py.id, py.y),"
	  " sp AS (SELECT s.platform, julianday(MIN(h.on_date)) AS first, julianday(MAX(h.on_date)) AS last,"
	  "   s.status NOT IN ('completed', 'abandoned') AS open"
	  "  FROM subtopic s JOIN subtopic_status_history h ON h.record = s.id"
	  "  WHERE s.platform IS NOT NULL GROUP BY s.id),"
	  " subs AS (SELECT py.id, py.y, COUNT(*) AS n FROM py JOIN sp ON sp.platform = py.id"
	  "  AND sp.first <= py.w1 AND (sp.open OR sp.last >= py.w0) GROUP BY py.id, py.y)"
	  " SELECT py.id, py.name, py.kind, py.y, py.capacity, IFNULL(used.n, 0),"
	  "  CAST(IFNULL(used.days, 0) AS INTEGER),"
	  "  CASE WHEN py.capacity = 0 THEN NULL"
	  "   ELSE IFNULL(used.days, 0) / (py.capacity * (py.w1 - py.w0 + 1)) END,"
	  "  IFNULL(subs.n, 0)"
	  " FROM py LEFT JOIN used ON used.id = py.id AND used.y = py.y"
	  " LEFT JOIN subs ON subs.id = py.id AND subs.y = py.y"
	  " ORDER BY py.id, py.y" },

	{ "idle_platforms",
	  /* few platforms are idle: test each for a use in the period by its
	   * indexes, stopping at the first, and read the last dates only for
	   * those shown (rather than aggregating every placement, status entry
	   * and guidance session first) */
	  "SELECT f.id, f.name, f.kind, f.level, f.established_on,"
	  "  (SELECT MAX(x.d) FROM (SELECT MAX(COALESCE(p.end_date, p.start_date)) AS d FROM placement p"
	  "    WHERE p.platform = f.id"
	  "   UNION ALL SELECT (SELECT MAX(h.on_date) FROM subtopic_status_history h WHERE h.record = s.id)"
	  "    FROM subtopic s WHERE s.platform = f.id"
	  "   UNION ALL SELECT (SELECT MAX(g.held_on) FROM guidance_session g WHERE g.subtopic = s.id)"
	  "    FROM subtopic s WHERE s.platform = f.id) x)"
	  " FROM platform f"
	  " WHERE (f.established_on IS NULL OR f.established_on <= '2021-12-31')"
	  "  AND NOT EXISTS (SELECT 1 FROM placement p WHERE p.platform = f.id"
	  "   AND p.start_date <= '2021-12-31' AND (p.end_date IS NULL OR p.end_date >= '2021-01-01'))"
	  "  AND NOT EXISTS (SELECT 1 FROM subtopic s WHERE s.platform = f.id"
	  "   AND (SELECT min(h.on_date) FROM subtopic_status_history h WHERE h.record = s.id) <= '2021-12-31'"
	  "   AND (s.status NOT IN ('completed', 'abandoned') OR (SELECT MAX(h.on_date)"
	  "    FROM subtopic_status_history h WHERE h.record = s.id) >= '2021-01-01'))"
	  "  AND NOT EXISTS (SELECT 1 FROM subtopic s JOIN guidance_session g ON g.subtopic = s.id"
	  "   WHERE s.platform = f.id AND g.held_on BETWEEN '2021-01-01' AND '2021-12-31')"
	  " ORDER BY f.id" },

	{ "placement_health",
	  "WITH inc AS (SELECT placement, COUNT(*) AS n FROM incident GROUP BY placement),"
	  " fb AS (SELECT placement,"
	  "   MAX(direction = 'enterprise_to_school') AND MAX(direction = 'school_to_enterprise') AS both_ways"
	  "  FROM feedback GROUP BY placement),"
	  " pl AS (SELECT p.id, p.host, p.end_date, p.status, IFNULL(inc.n, 0) AS inc,"
	  "   IFNULL(fb.both_ways, 0) AS both_ways FROM placement p"
	  "  LEFT JOIN inc ON inc.placement = p.id LEFT JOIN fb ON fb.placement = p.id),"
	  " fd AS (SELECT pl.host, CAST(julianday(f.given_on) - julianday(pl.end_date) AS INTEGER) AS days"
	  "  FROM pl JOIN feedback f ON f.placement = pl.id),"
	  " delay AS (SELECT host, days FROM fd WHERE days >= 0),"
	  " dur AS (SELECT host, COUNT(*) AS n FROM fd WHERE days < 0 OR days IS NULL GROUP BY host),"
	  " dh AS (SELECT host, days, ROW_NUMBER() OVER (PARTITION BY host ORDER BY days) AS k,"
	  "   COUNT(*) OVER (PARTITION BY host) AS n FROM delay),"
	  " mh AS (SELECT host, AVG(days) AS m FROM dh WHERE k IN ((n + 1) / 2, (n + 2) / 2) GROUP BY host),"
	  " dt AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS k, COUNT(*) OVER () AS n FROM delay),"
	  " st AS (SELECT host, COUNT(*) AS n, SUM(inc) AS inc, SUM(status = 'ended_early') AS early,"
	  "   SUM(status IN ('completed', 'ended_early')) AS fin,"
	  "   SUM(status IN ('completed', 'ended_early') AND both_ways) AS fb FROM pl GROUP BY host),"
	  " r AS (SELECT 0 AS total, p.name AS sort_name, p.id AS sort_id, st.host, p.name AS host_name,"
	  "   st.n, st.inc, 100.0 * st.inc / st.n AS per100, st.early, st.fin, st.fb,"
	  "   1.0 * st.fb / NULLIF(st.fin, 0) AS cover, mh.m, IFNULL(dur.n, 0) AS dur"
	  "  FROM st JOIN partner p ON p.id = st.host LEFT JOIN mh ON mh.host = st.host"
	  "  LEFT JOIN dur ON dur.host = st.host"
	  "  UNION ALL"
	  "  SELECT 1, NULL, NULL, NULL, '(all)', COUNT(*), IFNULL(SUM(inc), 0),"
	  "   100.0 * SUM(inc) / NULLIF(COUNT(*), 0), IFNULL(SUM(status = 'ended_early'), 0),"
	  "   IFNULL(SUM(status IN ('completed', 'ended_early')), 0),"
	  "   IFNULL(SUM(status IN ('completed', 'ended_early') AND both_ways), 0),"
	  "   1.0 * SUM(status IN ('completed', 'ended_early') AND both_ways)"
	  "    / NULLIF(SUM(status IN ('completed', 'ended_early')), 0),"
	  "   (SELECT AVG(days) FROM dt WHERE k IN ((n + 1) / 2, (n + 2) / 2)),"
	  "   (SELECT COUNT(*) FROM fd WHERE days < 0 OR days IS NULL) FROM pl)"
	  " SELECT host, host_name, n, inc, per100, early, fin, fb, cover, m, dur FROM r"
	  " ORDER BY total, sort_name, sort_id" },

	{ "destinations",
	  /* the cooperating partners built once, each destination tested once */
	  "WITH coop AS MATERIALIZED (SELECT partner FROM agreement_party UNION SELECT partner"
	  "  FROM project_partner UNION SELECT host FROM placement),"
	  " x AS (SELECT st.cohort AS cohort, d.sector AS sector,"
	  "   (d.employer IS NOT NULL AND d.employer IN coop) AS c,"
	  "   (d.position_level IS 'middle_management') AS m"
	  "  FROM destination d JOIN student st ON st.id = d.student)"
	  " SELECT cohort, sector, COUNT(*), SUM(c), 1.0 * SUM(c) / COUNT(*), SUM(m), 1.0 * SUM(m) / COUNT(*)"
	  " FROM x GROUP BY cohort, sector"
	  " ORDER BY cohort, CASE sector WHEN 'civil_service' THEN 1 WHEN 'public_institution' THEN 2"
	  "  WHEN 'private_education' THEN 3 WHEN 'state_owned_enterprise' THEN 4"
	  "  WHEN 'private_enterprise' THEN 5 WHEN 'foreign_enterprise' THEN 6 WHEN 'own_startup' THEN 7"
	  "  WHEN 'further_study' THEN 8 ELSE 9 END" },

	{ "project_pipeline",
	  "WITH stages(stage, ord) AS (VALUES ('laboratory', 1), ('pilot', 2), ('industrialisation', 3)),"
	  " cnt AS (SELECT stage, COUNT(*) AS n, SUM(status = 'active') AS act,"
	  "   SUM(status = 'completed') AS comp FROM project GROUP BY stage),"
	  " bud AS (SELECT stage, currency, SUM(budget) AS b FROM project"
	  "  WHERE budget > 0 AND currency IS NOT NULL GROUP BY stage, currency)"
	  " SELECT s.stage, IFNULL(c.n, 0), IFNULL(c.act, 0), IFNULL(c.comp, 0), b.currency, IFNULL(b.b, 0)"
	  " FROM stages s LEFT JOIN cnt c ON c.stage = s.stage LEFT JOIN bud b ON b.stage = s.stage"
	  " ORDER BY s.ord, b.currency" },

	{ "subtopic_graph",
	  "WITH RECURSIVE"
	  " sub AS (SELECT id, title, status, planned_days AS days FROM subtopic WHERE project = :project),"
	  " dep AS (SELECT d.subtopic AS v, d.depends_on AS u FROM subtopic_dependency d"
	  "  JOIN sub a ON a.id = d.subtopic JOIN sub b ON b.id = d.depends_on),"
	  /* the longest chain ending at v (its earliest finish) and starting at v */
	  " fwd(v, f) AS (SELECT id, days FROM sub"
	  "  UNION ALL SELECT dep.v, fwd.f + s.days FROM fwd JOIN dep ON dep.u = fwd.v"
	  "  JOIN sub s ON s.id = dep.v),"
	  " ef AS (SELECT v, MAX(f) AS ef FROM fwd GROUP BY v),"
	  " len AS (SELECT IFNULL(MAX(ef), 0) AS len FROM ef),"
	  " bwd(v, t) AS (SELECT id, days FROM sub"
	  "  UNION ALL SELECT dep.u, bwd.t + s.days FROM bwd JOIN dep ON dep.v = bwd.v"
	  "  JOIN sub s ON s.id = dep.u),"
	  " tail AS (SELECT v, MAX(t) AS t FROM bwd GROUP BY v),"
	  /* Kahn's order, the smallest ready id first: step k has done k ids */
	  " topo(k, done) AS (SELECT 0, ','"
	  "  UNION ALL SELECT k + 1, done || (SELECT MIN(s.id) FROM sub s"
	  "   WHERE instr(topo.done, ',' || s.id || ',') = 0 AND NOT EXISTS (SELECT 1 FROM dep"
	  "    WHERE dep.v = s.id AND instr(topo.done, ',' || dep.u || ',') = 0)) || ','"
	  "  FROM topo WHERE k < (SELECT COUNT(*) FROM sub))"
	  " SELECT (SELECT MIN(k) FROM topo WHERE instr(done, ',' || s.id || ',') > 0) AS position,"
	  "  s.id, s.title, s.status, s.days,"
	  "  (SELECT group_concat(u, ',') FROM (SELECT u FROM dep WHERE v = s.id ORDER BY u)),"
	  "  ef.ef - s.days, ef.ef, len.len - tail.t, len.len - tail.t - (ef.ef - s.days),"
	  "  len.len - tail.t = ef.ef - s.days"
	  " FROM sub s JOIN ef ON ef.v = s.id JOIN tail ON tail.v = s.id, len"
	  " ORDER BY position" },

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
	  " st AS (SELECT k.spin, COUNT(*) AS n, SUM(t.level = 'undergraduate') AS ug"
	  "  FROM credited k JOIN student t ON t.id = k.student GROUP BY k.spin),"
	  " oc AS (SELECT spin, COUNT(*) AS n, SUM(kind = 'feasibility_report') AS fe,"
	  "  SUM(kind = 'business_plan') AS bp, SUM(kind = 'economic_analysis') AS ea,"
	  "  SUM(kind = 'paper') AS pa, SUM(kind IN ('invention_patent', 'utility_model_patent')) AS pt"
	  "  FROM outs GROUP BY spin)"
	  " SELECT s.id, s.title, s.status, h.on_date, s.from_subtopic, IFNULL(st.n, 0), IFNULL(st.ug, 0),"
	  "  IFNULL(oc.n, 0), IFNULL(oc.fe, 0), IFNULL(oc.bp, 0), IFNULL(oc.ea, 0), IFNULL(oc.pa, 0),"
	  "  IFNULL(oc.pt, 0), IFNULL(oc.n - oc.fe - oc.bp - oc.ea - oc.pa - oc.pt, 0)"
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
	  "  CASE WHEN b.planned = 0 THEN NULL ELSE 1.0 * (b.actual - b.planned) / b.planned END"
	  " FROM budget_line b JOIN subtopic s ON s.id = b.subtopic JOIN project p ON p.id = s.project"
	  " ORDER BY p.id, s.id, b.category, b.id" },

	/* The survey reports over every round, ungrouped: an anonymous round of
	 * 1..4 responses (k = 5) shows nothing. Unset numbers are 0. */
	{ "survey_response_rate",
	  "WITH n AS (SELECT round, COUNT(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.*, i.audience, IFNULL(n.responses, 0) AS responses,"
	  "  r.anonymous AND IFNULL(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r JOIN survey_instrument i ON i.id = r.instrument"
	  "  LEFT JOIN n ON n.round = r.id),"
	  " p AS (SELECT id, CASE WHEN invited > 0 THEN invited"
	  "  WHEN audience = 'student' THEN (SELECT COUNT(*) FROM student s"
	  "   WHERE (r.cohort = 0 OR s.cohort = r.cohort) AND (r.level IS NULL OR"
	  "   (r.level = 'undergraduate') = (s.level = 'undergraduate')))"
	  "  WHEN audience = 'academic_supervisor' THEN (SELECT COUNT(*) FROM supervisor WHERE kind = 'academic')"
	  "  WHEN audience = 'enterprise_mentor' THEN (SELECT COUNT(*) FROM supervisor WHERE kind = 'enterprise')"
	  "  ELSE (SELECT COUNT(*) FROM partner WHERE kind <> 'university') END AS population FROM r)"
	  " SELECT r.id, r.title, NULL, p.population, CASE WHEN hide THEN NULL ELSE responses END,"
	  "  CASE WHEN hide OR p.population = 0 THEN NULL ELSE 1.0 * responses / p.population END, hide"
	  " FROM r JOIN p ON p.id = r.id ORDER BY r.id" },

	/* the answers counted per value once; n, mean, sd, the counts and the
	 * median (the middle ranks' values, read off the running counts) from
	 * those few rows */
	{ "survey_item_stats",
	  "WITH n AS (SELECT round, COUNT(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND IFNULL(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " h AS (SELECT s.round, a.item, a.number AS x, COUNT(*) AS c FROM survey_answer a"
	  "  JOIN survey_response s ON s.id = a.response GROUP BY s.round, a.item, a.number),"
	  " agg AS (SELECT round, item, SUM(c) AS n, SUM(c * x) / SUM(c) AS mean,"
	  "  SUM(CASE WHEN x = 1 THEN c ELSE 0 END) AS c1, SUM(CASE WHEN x = 2 THEN c ELSE 0 END) AS c2,"
	  "  SUM(CASE WHEN x = 3 THEN c ELSE 0 END) AS c3, SUM(CASE WHEN x = 4 THEN c ELSE 0 END) AS c4,"
	  "  SUM(CASE WHEN x = 5 THEN c ELSE 0 END) AS c5, SUM(CASE WHEN x = 6 THEN c ELSE 0 END) AS c6,"
	  "  SUM(CASE WHEN x = 7 THEN c ELSE 0 END) AS c7 FROM h GROUP BY round, item),"
	  " k AS (SELECT h.round, h.item, h.x, h.c, agg.n, agg.mean,"
	  "  SUM(h.c) OVER (PARTITION BY h.round, h.item ORDER BY h.x) AS upto"
	  "  FROM h JOIN agg ON agg.round = h.round AND agg.item = h.item),"
	  " st AS (SELECT round, item, SUM(c * (x - mean) * (x - mean)) AS ss,"
	  "  AVG(CASE WHEN (n + 1) / 2 BETWEEN upto - c + 1 AND upto"
	  "   OR (n + 2) / 2 BETWEEN upto - c + 1 AND upto THEN x END) AS median"
	  "  FROM k GROUP BY round, item)"
	  " SELECT r.id, i.id, i.code, i.section, i.kind, NULL,"
	  "  CASE WHEN hide THEN NULL ELSE IFNULL(agg.n, 0) END, CASE WHEN hide THEN NULL ELSE agg.mean END,"
	  "  CASE WHEN hide THEN NULL ELSE st.median END,"
	  "  CASE WHEN hide OR IFNULL(agg.n, 0) < 2 THEN NULL ELSE sqrt(st.ss / (agg.n - 1)) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE IFNULL(agg.c1, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE IFNULL(agg.c2, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE IFNULL(agg.c3, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE IFNULL(agg.c4, 0) END,"
	  "  CASE WHEN hide OR i.kind = 'number' THEN NULL ELSE IFNULL(agg.c5, 0) END,"
	  "  CASE WHEN hide OR i.kind <> 'likert7' THEN NULL ELSE IFNULL(agg.c6, 0) END,"
	  "  CASE WHEN hide OR i.kind <> 'likert7' THEN NULL ELSE IFNULL(agg.c7, 0) END, hide"
	  " FROM r JOIN survey_item i ON i.instrument = r.instrument"
	  "  AND i.kind IN ('likert5', 'likert7', 'number')"
	  " LEFT JOIN agg ON agg.round = r.id AND agg.item = i.id"
	  " LEFT JOIN st ON st.round = r.id AND st.item = i.id ORDER BY r.id, i.position" },

	{ "survey_choices",
	  "WITH n AS (SELECT round, COUNT(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND IFNULL(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " a AS (SELECT s.round, a.item, a.option, a.choices FROM survey_answer a"
	  "  JOIN survey_response s ON s.id = a.response),"
	  " c AS (SELECT a.round, o.id AS opt, COUNT(*) AS n FROM a JOIN survey_option o ON o.item = a.item"
	  "  AND (a.option = o.id OR instr(';' || a.choices || ';', ';' || o.code || ';') > 0)"
	  "  GROUP BY a.round, o.id),"
	  " t AS (SELECT a.round, a.item, COUNT(*) AS n FROM a"
	  "  WHERE a.option IS NOT NULL OR a.choices IS NOT NULL GROUP BY a.round, a.item)"
	  " SELECT r.id, i.id, i.code, i.kind, NULL, o.code, o.label,"
	  "  CASE WHEN hide THEN NULL ELSE IFNULL(t.n, 0) END, CASE WHEN hide THEN NULL ELSE IFNULL(c.n, 0) END,"
	  "  CASE WHEN hide OR IFNULL(t.n, 0) = 0 THEN NULL ELSE 1.0 * IFNULL(c.n, 0) / t.n END, hide"
	  " FROM r JOIN survey_item i ON i.instrument = r.instrument"
	  "  AND i.kind IN ('single_choice', 'multiple_choice')"
	  " JOIN survey_option o ON o.item = i.id"
	  " LEFT JOIN t ON t.round = r.id AND t.item = i.id LEFT JOIN c ON c.round = r.id AND c.opt = o.id"
	  " ORDER BY r.id, i.position, o.position" },

	/* each round against its instrument's round opened last before it */
	{ "survey_comparison",
	  "WITH n AS (SELECT round, COUNT(*) AS responses FROM survey_response GROUP BY round),"
	  " r AS (SELECT r.id, r.instrument, r.anonymous AND IFNULL(n.responses, 0) BETWEEN 1 AND 4 AS hide"
	  "  FROM survey_round r LEFT JOIN n ON n.round = r.id),"
	  " p AS (SELECT b.id AS round, (SELECT a.id FROM survey_round a WHERE a.instrument = b.instrument"
	  "  AND (a.opens_on < b.opens_on OR (a.opens_on = b.opens_on AND a.id < b.id))"
	  "  ORDER BY a.opens_on DESC, a.id DESC LIMIT 1) AS base FROM survey_round b),"
	  " agg AS (SELECT s.round, a.item, COUNT(*) AS n, AVG(a.number) AS mean FROM survey_answer a"
	  "  JOIN survey_response s ON s.id = a.response GROUP BY s.round, a.item)"
	  " SELECT p.round, p.base, i.id, i.code, i.section, NULL,"
	  "  CASE WHEN hb.hide THEN NULL ELSE IFNULL(ab.n, 0) END, CASE WHEN hb.hide THEN NULL ELSE ab.mean END,"
	  "  CASE WHEN hr.hide THEN NULL ELSE IFNULL(ar.n, 0) END, CASE WHEN hr.hide THEN NULL ELSE ar.mean END,"
	  "  CASE WHEN hb.hide OR hr.hide THEN NULL ELSE ar.mean - ab.mean END, hb.hide OR hr.hide"
	  " FROM p JOIN r hr ON hr.id = p.round JOIN r hb ON hb.id = p.base"
	  " JOIN survey_item i ON i.instrument = hr.instrument AND i.kind IN ('likert5', 'likert7', 'number')"
	  " LEFT JOIN agg ar ON ar.round = p.round AND ar.item = i.id"
	  " LEFT JOIN agg ab ON ab.round = p.base AND ab.item = i.id ORDER BY p.round, i.position" },
};

const sql_report *bench_sql_report(const char *name)
{
	for (size_t i = 0; i < sizeof reports / sizeof reports[0]; i++)
		if (strcmp(reports[i].name, name) == 0)
			return &reports[i];
	return NULL;
}

void bench_report_filter(ce_report_filter *f, const char *name, int64_t project)
{
	ce_report_filter_init(f, CE_REPORT_FILTER_VERSION);
	if (strcmp(name, "subtopic_graph") == 0)
		f->project = project;
	else if (strcmp(name, "idle_platforms") == 0) {
		f->from = CE_DATE(2021, 1, 1);
		f->to = CE_DATE(2021, 12, 31);
	}
}
