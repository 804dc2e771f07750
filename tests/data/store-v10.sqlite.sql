-- libcoopedu store, schema version 10
CREATE TABLE partner ( -- an organisation the university cooperates with
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind = 'university' OR kind = 'enterprise' OR kind = 'government' OR kind = 'industry_association' OR kind = 'research_institute' OR kind = 'social_organisation'),
	sector TEXT,
	region TEXT,
	ownership TEXT CHECK (ownership = 'state_owned' OR ownership = 'private' OR ownership = 'foreign' OR ownership = 'joint_venture'),
	credit_code TEXT UNIQUE
);

CREATE TABLE agreement ( -- a cooperation agreement between the university and partners
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	title TEXT NOT NULL,
	scopes INTEGER NOT NULL DEFAULT 0,
	signed_on TEXT CHECK (signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL CHECK (status = 'draft' OR status = 'active' OR status = 'expired' OR status = 'terminated'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	conduct_terms TEXT
);

CREATE TABLE agreement_party ( -- a partner that is party to an agreement
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement INTEGER NOT NULL REFERENCES agreement (id),
	partner INTEGER NOT NULL REFERENCES partner (id),
	UNIQUE (agreement, partner)
);
CREATE INDEX idx_agreement_party_partner ON agreement_party (partner);

CREATE TABLE platform ( -- a platform (joint lab, base, park...) built with partners
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind = 'joint_laboratory' OR kind = 'engineering_research_centre' OR kind = 'graduate_training_base' OR kind = 'practice_teaching_base' OR kind = 'industrial_park' OR kind = 'incubator'),
	level TEXT NOT NULL CHECK (level = 'national' OR level = 'provincial' OR level = 'municipal' OR level = 'institutional'),
	capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	established_on TEXT CHECK (established_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	agreement INTEGER REFERENCES agreement (id)
);
CREATE INDEX idx_platform_agreement ON platform (agreement);

CREATE TABLE platform_host ( -- a partner hosting a platform
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	platform INTEGER NOT NULL REFERENCES platform (id),
	partner INTEGER NOT NULL REFERENCES partner (id),
	UNIQUE (platform, partner)
);
CREATE INDEX idx_platform_host_partner ON platform_host (partner);

CREATE TABLE project ( -- a joint R&D project that thesis subtopics come from
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	code TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	funding_scheme TEXT,
	budget INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
	currency TEXT,
	start_date TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL CHECK (status = 'proposed' OR status = 'active' OR status = 'completed' OR status = 'terminated'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	stage TEXT NOT NULL CHECK (stage = 'laboratory' OR stage = 'pilot' OR stage = 'industrialisation'),
	stage_date TEXT NOT NULL CHECK (stage_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	principal_investigator INTEGER REFERENCES supervisor (id),
	agreement INTEGER REFERENCES agreement (id),
	parent INTEGER REFERENCES project (id)
);
CREATE INDEX idx_project_principal_investigator ON project (principal_investigator);
CREATE INDEX idx_project_agreement ON project (agreement);
CREATE INDEX idx_project_parent ON project (parent);

CREATE TABLE project_partner ( -- a partner taking part in a project in one role
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	project INTEGER NOT NULL REFERENCES project (id),
	partner INTEGER NOT NULL REFERENCES partner (id),
	role TEXT NOT NULL CHECK (role = 'lead' OR role = 'co_applicant' OR role = 'funder' OR role = 'host' OR role = 'user'),
	UNIQUE (project, partner, role)
);
CREATE INDEX idx_project_partner_partner ON project_partner (partner);

CREATE TABLE subtopic ( -- a thesis topic decomposed from a project
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	project INTEGER NOT NULL REFERENCES project (id),
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind = 'theoretical' OR kind = 'applied'),
	site TEXT NOT NULL CHECK (site = 'university' OR site = 'enterprise' OR site = 'platform'),
	platform INTEGER REFERENCES platform (id),
	partner INTEGER REFERENCES partner (id),
	planned_days INTEGER NOT NULL DEFAULT 0 CHECK (planned_days >= 0),
	status TEXT NOT NULL CHECK (status = 'proposed' OR status = 'approved' OR status = 'in_progress' OR status = 'completed' OR status = 'abandoned'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_subtopic_project ON subtopic (project);
CREATE INDEX idx_subtopic_platform ON subtopic (platform);
CREATE INDEX idx_subtopic_partner ON subtopic (partner);

CREATE TABLE subtopic_io ( -- an input a subtopic needs or an output it delivers
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	direction TEXT NOT NULL CHECK (direction = 'input' OR direction = 'output'),
	description TEXT NOT NULL,
	UNIQUE (subtopic, direction, description)
);

CREATE TABLE subtopic_dependency ( -- a subtopic needing the output of another subtopic of its project
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	depends_on INTEGER NOT NULL REFERENCES subtopic (id),
	UNIQUE (subtopic, depends_on)
);
CREATE INDEX idx_subtopic_dependency_depends_on ON subtopic_dependency (depends_on);

CREATE TABLE milestone ( -- a dated milestone of a subtopic
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	title TEXT NOT NULL,
	due_date TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	done_date TEXT CHECK (done_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_milestone_subtopic ON milestone (subtopic);
CREATE INDEX idx_milestone_due_date ON milestone (due_date);

CREATE TABLE budget_line ( -- a planned and actual budget category of a subtopic
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	category TEXT NOT NULL,
	planned INTEGER NOT NULL DEFAULT 0 CHECK (planned >= 0),
	actual INTEGER NOT NULL DEFAULT 0 CHECK (actual >= 0),
	currency TEXT NOT NULL,
	UNIQUE (subtopic, category)
);

CREATE TABLE subtopic_assignment ( -- a student working on a subtopic
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	student INTEGER NOT NULL REFERENCES student (id),
	start_date TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	UNIQUE (subtopic, student)
);
CREATE INDEX idx_subtopic_assignment_student ON subtopic_assignment (student);

CREATE TABLE supervisor ( -- a person who guides students
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind = 'academic' OR kind = 'enterprise'),
	staff_number TEXT UNIQUE,
	affiliation INTEGER REFERENCES partner (id),
	title TEXT,
	field TEXT,
	industry_experience INTEGER NOT NULL DEFAULT 0 CHECK (industry_experience IN (0, 1)),
	entrepreneurship_experience INTEGER NOT NULL DEFAULT 0 CHECK (entrepreneurship_experience IN (0, 1))
);
CREATE INDEX idx_supervisor_affiliation ON supervisor (affiliation);

CREATE TABLE team ( -- a supervisor team tied to a discipline
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	discipline TEXT NOT NULL,
	established_on TEXT CHECK (established_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);

CREATE TABLE team_member ( -- a supervisor or student in a team
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	team INTEGER NOT NULL REFERENCES team (id),
	supervisor INTEGER REFERENCES supervisor (id),
	student INTEGER REFERENCES student (id),
	role TEXT NOT NULL CHECK (role = 'main' OR role = 'deputy' OR role = 'member'),
	UNIQUE (team, supervisor),
	UNIQUE (team, student)
);
CREATE INDEX idx_team_member_supervisor ON team_member (supervisor);
CREATE INDEX idx_team_member_student ON team_member (student);

CREATE TABLE team_meeting ( -- a progress meeting of a team
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	team INTEGER NOT NULL REFERENCES team (id),
	held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	duration_minutes INTEGER NOT NULL DEFAULT 0,
	topic TEXT,
	notes TEXT
);
CREATE INDEX idx_team_meeting_team ON team_meeting (team);

CREATE TABLE student ( -- a student trained in cooperation
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	number TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level = 'undergraduate' OR level = 'academic_master' OR level = 'professional_master' OR level = 'doctoral'),
	cohort INTEGER NOT NULL DEFAULT 0,
	major TEXT,
	status TEXT NOT NULL CHECK (status = 'enrolled' OR status = 'graduated' OR status = 'withdrawn'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);

CREATE TABLE supervision ( -- a supervisor's role for a student over a period
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL REFERENCES student (id),
	supervisor INTEGER NOT NULL REFERENCES supervisor (id),
	role TEXT NOT NULL CHECK (role = 'main' OR role = 'deputy' OR role = 'enterprise'),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	UNIQUE (student, supervisor, role)
);
CREATE INDEX idx_supervision_supervisor ON supervision (supervisor);

CREATE TABLE guidance_session ( -- a session where supervisors guided students
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	duration_minutes INTEGER NOT NULL DEFAULT 0,
	mode TEXT NOT NULL CHECK (mode = 'meeting' OR mode = 'laboratory' OR mode = 'enterprise_site' OR mode = 'online'),
	subtopic INTEGER REFERENCES subtopic (id),
	notes TEXT
);
CREATE INDEX idx_guidance_session_subtopic ON guidance_session (subtopic);

CREATE TABLE guidance_attendee ( -- a supervisor or student at a guidance session
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	session INTEGER NOT NULL REFERENCES guidance_session (id),
	supervisor INTEGER REFERENCES supervisor (id),
	student INTEGER REFERENCES student (id),
	UNIQUE (session, supervisor),
	UNIQUE (session, student)
);
CREATE INDEX idx_guidance_attendee_supervisor ON guidance_attendee (supervisor);
CREATE INDEX idx_guidance_attendee_student ON guidance_attendee (student);

CREATE TABLE evaluation ( -- a score for a supervisor on one criterion for a period
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	supervisor INTEGER NOT NULL REFERENCES supervisor (id),
	period_start TEXT NOT NULL CHECK (period_start GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	period_end TEXT NOT NULL CHECK (period_end GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	evaluator TEXT NOT NULL CHECK (evaluator = 'student' OR evaluator = 'school' OR evaluator = 'enterprise'),
	criterion TEXT NOT NULL,
	score REAL NOT NULL DEFAULT 0,
	comment TEXT
);
CREATE INDEX idx_evaluation_supervisor ON evaluation (supervisor);

CREATE TABLE progress_report ( -- a student's periodic progress report
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL REFERENCES student (id),
	subtopic INTEGER REFERENCES subtopic (id),
	kind TEXT NOT NULL CHECK (kind = 'literature' OR kind = 'reading' OR kind = 'experiment' OR kind = 'proposal_defence' OR kind = 'mid_term' OR kind = 'final'),
	submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	summary TEXT
);
CREATE INDEX idx_progress_report_student ON progress_report (student);
CREATE INDEX idx_progress_report_subtopic ON progress_report (subtopic);

CREATE TABLE placement ( -- an internship or on-site period of a student at a partner
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL REFERENCES student (id),
	host INTEGER NOT NULL REFERENCES partner (id),
	platform INTEGER REFERENCES platform (id),
	agreement INTEGER REFERENCES agreement (id),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	position TEXT,
	mentor INTEGER REFERENCES supervisor (id),
	academic_supervisor INTEGER REFERENCES supervisor (id),
	status TEXT NOT NULL CHECK (status = 'planned' OR status = 'active' OR status = 'completed' OR status = 'ended_early'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_placement_student ON placement (student);
CREATE INDEX idx_placement_host ON placement (host);
CREATE INDEX idx_placement_platform ON placement (platform);
CREATE INDEX idx_placement_agreement ON placement (agreement);
CREATE INDEX idx_placement_mentor ON placement (mentor);
CREATE INDEX idx_placement_academic_supervisor ON placement (academic_supervisor);

CREATE TABLE incident ( -- something that went wrong during a placement
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	placement INTEGER NOT NULL REFERENCES placement (id),
	occurred_on TEXT NOT NULL CHECK (occurred_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	kind TEXT NOT NULL CHECK (kind = 'absence_without_leave' OR kind = 'misconduct' OR kind = 'safety' OR kind = 'other'),
	description TEXT,
	resolved_on TEXT CHECK (resolved_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_incident_placement ON incident (placement);

CREATE TABLE feedback ( -- feedback about a placement in one direction
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	placement INTEGER NOT NULL REFERENCES placement (id),
	direction TEXT NOT NULL CHECK (direction = 'enterprise_to_school' OR direction = 'school_to_enterprise' OR direction = 'student_to_school'),
	given_on TEXT NOT NULL CHECK (given_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	score REAL NOT NULL DEFAULT 0,
	comment TEXT
);
CREATE INDEX idx_feedback_placement ON feedback (placement);

CREATE TABLE outcome ( -- a patent, paper, product, project or other result
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL CHECK (kind = 'invention_patent' OR kind = 'utility_model_patent' OR kind = 'software_copyright' OR kind = 'paper' OR kind = 'product' OR kind = 'standard' OR kind = 'award' OR kind = 'feasibility_report' OR kind = 'business_plan' OR kind = 'economic_analysis' OR kind = 'entrepreneurship_project' OR kind = 'startup' OR kind = 'technology_transfer'),
	title TEXT NOT NULL,
	patent_number TEXT UNIQUE,
	doi TEXT UNIQUE,
	status TEXT NOT NULL CHECK (status = 'filed' OR status = 'published' OR status = 'granted' OR status = 'rejected' OR status = 'withdrawn' OR status = 'registered' OR status = 'submitted' OR status = 'accepted' OR status = 'prototype' OR status = 'pilot' OR status = 'mass_production' OR status = 'drafted' OR status = 'completed' OR status = 'proposed' OR status = 'approved' OR status = 'terminated' OR status = 'founded' OR status = 'operating' OR status = 'closed' OR status = 'negotiated' OR status = 'signed'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);

CREATE TABLE outcome_contributor ( -- an author or inventor of an outcome, in order
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	outcome INTEGER NOT NULL REFERENCES outcome (id),
	position INTEGER NOT NULL DEFAULT 0,
	student INTEGER REFERENCES student (id),
	supervisor INTEGER REFERENCES supervisor (id),
	UNIQUE (outcome, position),
	UNIQUE (outcome, student),
	UNIQUE (outcome, supervisor)
);
CREATE INDEX idx_outcome_contributor_student ON outcome_contributor (student);
CREATE INDEX idx_outcome_contributor_supervisor ON outcome_contributor (supervisor);

CREATE TABLE outcome_attribution ( -- credit of an outcome to a subtopic, project or partner
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	outcome INTEGER NOT NULL REFERENCES outcome (id),
	subtopic INTEGER REFERENCES subtopic (id),
	project INTEGER REFERENCES project (id),
	partner INTEGER REFERENCES partner (id),
	UNIQUE (outcome, subtopic),
	UNIQUE (outcome, project),
	UNIQUE (outcome, partner)
);
CREATE INDEX idx_outcome_attribution_subtopic ON outcome_attribution (subtopic);
CREATE INDEX idx_outcome_attribution_project ON outcome_attribution (project);
CREATE INDEX idx_outcome_attribution_partner ON outcome_attribution (partner);

CREATE TABLE outcome_derivation ( -- what an outcome grew out of: a subtopic or another outcome
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	outcome INTEGER NOT NULL REFERENCES outcome (id),
	from_subtopic INTEGER REFERENCES subtopic (id),
	from_outcome INTEGER REFERENCES outcome (id),
	UNIQUE (outcome, from_subtopic),
	UNIQUE (outcome, from_outcome)
);
CREATE INDEX idx_outcome_derivation_from_subtopic ON outcome_derivation (from_subtopic);
CREATE INDEX idx_outcome_derivation_from_outcome ON outcome_derivation (from_outcome);

CREATE TABLE destination ( -- a graduate's first employment
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL UNIQUE REFERENCES student (id),
	started_on TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	employer INTEGER REFERENCES partner (id),
	employer_name TEXT,
	sector TEXT NOT NULL CHECK (sector = 'civil_service' OR sector = 'public_institution' OR sector = 'private_education' OR sector = 'state_owned_enterprise' OR sector = 'private_enterprise' OR sector = 'foreign_enterprise' OR sector = 'own_startup' OR sector = 'further_study' OR sector = 'other'),
	position_level TEXT CHECK (position_level = 'front_line' OR position_level = 'technical' OR position_level = 'middle_management' OR position_level = 'senior'),
	position TEXT
);
CREATE INDEX idx_destination_employer ON destination (employer);

CREATE TABLE risk ( -- a risk to an agreement, project or placement, and what became of it
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement INTEGER REFERENCES agreement (id),
	project INTEGER REFERENCES project (id),
	placement INTEGER REFERENCES placement (id),
	kind TEXT NOT NULL CHECK (kind = 'financial' OR kind = 'moral' OR kind = 'safety' OR kind = 'intellectual_property' OR kind = 'confidentiality' OR kind = 'schedule'),
	title TEXT NOT NULL,
	likelihood INTEGER NOT NULL DEFAULT 0,
	impact INTEGER NOT NULL DEFAULT 0,
	owner_supervisor INTEGER REFERENCES supervisor (id),
	owner_partner INTEGER REFERENCES partner (id),
	mitigation TEXT,
	identified_on TEXT NOT NULL CHECK (identified_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	review_on TEXT CHECK (review_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL CHECK (status = 'open' OR status = 'mitigated' OR status = 'closed' OR status = 'realised'),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	realised_by INTEGER REFERENCES incident (id)
);
CREATE INDEX idx_risk_agreement ON risk (agreement);
CREATE INDEX idx_risk_project ON risk (project);
CREATE INDEX idx_risk_placement ON risk (placement);
CREATE INDEX idx_risk_owner_supervisor ON risk (owner_supervisor);
CREATE INDEX idx_risk_owner_partner ON risk (owner_partner);
CREATE INDEX idx_risk_realised_by ON risk (realised_by);

CREATE TABLE survey_instrument ( -- a questionnaire for one audience, in one version
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	code TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL,
	title_en TEXT,
	audience TEXT NOT NULL CHECK (audience = 'student' OR audience = 'academic_supervisor' OR audience = 'enterprise_mentor' OR audience = 'partner'),
	description TEXT,
	UNIQUE (code, version)
);

CREATE TABLE survey_item ( -- one question of a survey instrument
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	instrument INTEGER NOT NULL REFERENCES survey_instrument (id),
	code TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0,
	section TEXT,
	text TEXT NOT NULL,
	text_en TEXT,
	kind TEXT NOT NULL CHECK (kind = 'likert5' OR kind = 'likert7' OR kind = 'single_choice' OR kind = 'multiple_choice' OR kind = 'number' OR kind = 'text'),
	min_value REAL NOT NULL DEFAULT 0,
	max_value REAL NOT NULL DEFAULT 0,
	UNIQUE (instrument, code),
	UNIQUE (instrument, position)
);

CREATE TABLE survey_option ( -- one option of a choice item
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	item INTEGER NOT NULL REFERENCES survey_item (id),
	code TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0,
	label TEXT NOT NULL,
	label_en TEXT,
	UNIQUE (item, code),
	UNIQUE (item, position)
);

CREATE TABLE survey_round ( -- one run of a survey instrument over a period
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	instrument INTEGER NOT NULL REFERENCES survey_instrument (id),
	title TEXT NOT NULL,
	opens_on TEXT NOT NULL CHECK (opens_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	closes_on TEXT CHECK (closes_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	cohort INTEGER NOT NULL DEFAULT 0,
	level TEXT CHECK (level = 'graduate' OR level = 'undergraduate'),
	anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
	attributes INTEGER NOT NULL DEFAULT 0,
	invited INTEGER NOT NULL DEFAULT 0 CHECK (invited >= 0)
);
CREATE INDEX idx_survey_round_instrument ON survey_round (instrument);

CREATE TABLE survey_response ( -- one respondent's questionnaire in a survey round
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	round INTEGER NOT NULL REFERENCES survey_round (id),
	student INTEGER REFERENCES student (id),
	supervisor INTEGER REFERENCES supervisor (id),
	partner INTEGER REFERENCES partner (id),
	submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	cohort INTEGER NOT NULL DEFAULT 0,
	level TEXT CHECK (level = 'graduate' OR level = 'undergraduate'),
	supervisor_kind TEXT CHECK (supervisor_kind = 'academic' OR supervisor_kind = 'enterprise'),
	attr_partner INTEGER REFERENCES partner (id),
	UNIQUE (round, student),
	UNIQUE (round, supervisor),
	UNIQUE (round, partner)
);
CREATE INDEX idx_survey_response_student ON survey_response (student);
CREATE INDEX idx_survey_response_supervisor ON survey_response (supervisor);
CREATE INDEX idx_survey_response_partner ON survey_response (partner);
CREATE INDEX idx_survey_response_attr_partner ON survey_response (attr_partner);

CREATE TABLE survey_answer ( -- the answer of a survey response to one item
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	response INTEGER NOT NULL REFERENCES survey_response (id),
	item INTEGER NOT NULL REFERENCES survey_item (id),
	number REAL NOT NULL DEFAULT 0,
	option INTEGER REFERENCES survey_option (id),
	choices TEXT,
	text TEXT,
	UNIQUE (response, item)
);
CREATE INDEX idx_survey_answer_item ON survey_answer (item);
CREATE INDEX idx_survey_answer_option ON survey_answer (option);

CREATE TABLE training_course ( -- a training course students take besides their degree (enterprise culture, leadership...)
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind = 'enterprise_culture' OR kind = 'workplace_conduct' OR kind = 'leadership' OR kind = 'pre_practice' OR kind = 'safety' OR kind = 'entrepreneurship' OR kind = 'professional_skills' OR kind = 'other'),
	provider INTEGER NOT NULL REFERENCES partner (id),
	hours REAL NOT NULL DEFAULT 0 CHECK (hours >= 0),
	description TEXT,
	UNIQUE (provider, title)
);

CREATE TABLE training_enrolment ( -- a student's enrolment in a training course, and its completion
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	course INTEGER NOT NULL REFERENCES training_course (id),
	student INTEGER NOT NULL REFERENCES student (id),
	started_on TEXT CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	completed_on TEXT CHECK (completed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	hours_attended REAL NOT NULL DEFAULT 0 CHECK (hours_attended >= 0),
	UNIQUE (course, student)
);
CREATE INDEX idx_training_enrolment_student ON training_enrolment (student);

CREATE TABLE platform_equipment ( -- a piece of equipment of a platform
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	platform INTEGER NOT NULL REFERENCES platform (id),
	name TEXT NOT NULL,
	value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
	currency TEXT,
	acquired_on TEXT CHECK (acquired_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	source INTEGER REFERENCES partner (id)
);
CREATE INDEX idx_platform_equipment_platform ON platform_equipment (platform);
CREATE INDEX idx_platform_equipment_source ON platform_equipment (source);

CREATE TABLE platform_funding ( -- money put into a platform in one year, from a partner or a named funder
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	platform INTEGER NOT NULL REFERENCES platform (id),
	amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
	currency TEXT NOT NULL,
	year INTEGER NOT NULL DEFAULT 0,
	source INTEGER REFERENCES partner (id),
	funder TEXT,
	purpose TEXT
);
CREATE INDEX idx_platform_funding_platform ON platform_funding (platform);
CREATE INDEX idx_platform_funding_source ON platform_funding (source);

CREATE TABLE agreement_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES agreement (id),
	from_state TEXT CHECK (from_state = 'draft' OR from_state = 'active' OR from_state = 'expired' OR from_state = 'terminated'),
	to_state TEXT NOT NULL CHECK (to_state = 'draft' OR to_state = 'active' OR to_state = 'expired' OR to_state = 'terminated'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_agreement_status_history_record ON agreement_status_history (record);

CREATE TABLE project_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES project (id),
	from_state TEXT CHECK (from_state = 'proposed' OR from_state = 'active' OR from_state = 'completed' OR from_state = 'terminated'),
	to_state TEXT NOT NULL CHECK (to_state = 'proposed' OR to_state = 'active' OR to_state = 'completed' OR to_state = 'terminated'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_project_status_history_record ON project_status_history (record);

CREATE TABLE project_stage_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES project (id),
	from_state TEXT CHECK (from_state = 'laboratory' OR from_state = 'pilot' OR from_state = 'industrialisation'),
	to_state TEXT NOT NULL CHECK (to_state = 'laboratory' OR to_state = 'pilot' OR to_state = 'industrialisation'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_project_stage_history_record ON project_stage_history (record);

CREATE TABLE subtopic_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES subtopic (id),
	from_state TEXT CHECK (from_state = 'proposed' OR from_state = 'approved' OR from_state = 'in_progress' OR from_state = 'completed' OR from_state = 'abandoned'),
	to_state TEXT NOT NULL CHECK (to_state = 'proposed' OR to_state = 'approved' OR to_state = 'in_progress' OR to_state = 'completed' OR to_state = 'abandoned'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_subtopic_status_history_record ON subtopic_status_history (record);

CREATE TABLE student_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES student (id),
	from_state TEXT CHECK (from_state = 'enrolled' OR from_state = 'graduated' OR from_state = 'withdrawn'),
	to_state TEXT NOT NULL CHECK (to_state = 'enrolled' OR to_state = 'graduated' OR to_state = 'withdrawn'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_student_status_history_record ON student_status_history (record);

CREATE TABLE placement_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES placement (id),
	from_state TEXT CHECK (from_state = 'planned' OR from_state = 'active' OR from_state = 'completed' OR from_state = 'ended_early'),
	to_state TEXT NOT NULL CHECK (to_state = 'planned' OR to_state = 'active' OR to_state = 'completed' OR to_state = 'ended_early'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_placement_status_history_record ON placement_status_history (record);

CREATE TABLE outcome_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES outcome (id),
	from_state TEXT CHECK (from_state = 'filed' OR from_state = 'published' OR from_state = 'granted' OR from_state = 'rejected' OR from_state = 'withdrawn' OR from_state = 'registered' OR from_state = 'submitted' OR from_state = 'accepted' OR from_state = 'prototype' OR from_state = 'pilot' OR from_state = 'mass_production' OR from_state = 'drafted' OR from_state = 'completed' OR from_state = 'proposed' OR from_state = 'approved' OR from_state = 'terminated' OR from_state = 'founded' OR from_state = 'operating' OR from_state = 'closed' OR from_state = 'negotiated' OR from_state = 'signed'),
	to_state TEXT NOT NULL CHECK (to_state = 'filed' OR to_state = 'published' OR to_state = 'granted' OR to_state = 'rejected' OR to_state = 'withdrawn' OR to_state = 'registered' OR to_state = 'submitted' OR to_state = 'accepted' OR to_state = 'prototype' OR to_state = 'pilot' OR to_state = 'mass_production' OR to_state = 'drafted' OR to_state = 'completed' OR to_state = 'proposed' OR to_state = 'approved' OR to_state = 'terminated' OR to_state = 'founded' OR to_state = 'operating' OR to_state = 'closed' OR to_state = 'negotiated' OR to_state = 'signed'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_outcome_status_history_record ON outcome_status_history (record);

CREATE TABLE risk_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES risk (id),
	from_state TEXT CHECK (from_state = 'open' OR from_state = 'mitigated' OR from_state = 'closed' OR from_state = 'realised'),
	to_state TEXT NOT NULL CHECK (to_state = 'open' OR to_state = 'mitigated' OR to_state = 'closed' OR to_state = 'realised'),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_risk_status_history_record ON risk_status_history (record);

CREATE TABLE audit ( -- one change to one record: who, when, in which role, what
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	actor TEXT,
	role TEXT CHECK (role = 'admin' OR role = 'office' OR role = 'academic' OR role = 'mentor' OR role = 'student' OR role = 'analyst'),
	operation TEXT NOT NULL CHECK (operation = 'create' OR operation = 'update' OR operation = 'delete' OR operation = 'cascade' OR operation = 'transition' OR operation = 'import' OR operation = 'merge' OR operation = 'anonymise'),
	entity TEXT NOT NULL,
	record INTEGER NOT NULL DEFAULT 0,
	changes TEXT
);
CREATE INDEX idx_audit_record ON audit (record);

PRAGMA application_id = 1128612949; -- 'CEDU'
PRAGMA user_version = 10;
