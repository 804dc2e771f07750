-- libcoopedu store, schema version 5
CREATE TABLE partner ( -- an organisation the university cooperates with
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('university', 'enterprise', 'government', 'industry_association', 'research_institute', 'social_organisation')),
	sector TEXT,
	region TEXT,
	ownership TEXT CHECK (ownership IN ('state_owned', 'private', 'foreign', 'joint_venture')),
	credit_code TEXT UNIQUE
);

CREATE TABLE agreement ( -- a cooperation agreement between the university and partners
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	title TEXT NOT NULL,
	scopes INTEGER NOT NULL DEFAULT 0,
	signed_on TEXT CHECK (signed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'expired', 'terminated')),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	conduct_terms TEXT
);

CREATE TABLE agreement_party ( -- a partner that is party to an agreement
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	agreement INTEGER NOT NULL REFERENCES agreement (id),
	partner INTEGER NOT NULL REFERENCES partner (id),
	UNIQUE (agreement, partner)
);
CREATE INDEX idx_agreement_party_agreement ON agreement_party (agreement);
CREATE INDEX idx_agreement_party_partner ON agreement_party (partner);

CREATE TABLE platform ( -- a platform (joint lab, base, park...) built with partners
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('joint_laboratory', 'engineering_research_centre', 'graduate_training_base', 'practice_teaching_base', 'industrial_park', 'incubator')),
	level TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'institutional')),
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
CREATE INDEX idx_platform_host_platform ON platform_host (platform);
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
	status TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'completed', 'terminated')),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	stage TEXT NOT NULL CHECK (stage IN ('laboratory', 'pilot', 'industrialisation')),
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
	role TEXT NOT NULL CHECK (role IN ('lead', 'co_applicant', 'funder', 'host', 'user')),
	UNIQUE (project, partner, role)
);
CREATE INDEX idx_project_partner_project ON project_partner (project);
CREATE INDEX idx_project_partner_partner ON project_partner (partner);

CREATE TABLE subtopic ( -- a thesis topic decomposed from a project
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	project INTEGER NOT NULL REFERENCES project (id),
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('theoretical', 'applied')),
	site TEXT NOT NULL CHECK (site IN ('university', 'enterprise', 'platform')),
	platform INTEGER REFERENCES platform (id),
	partner INTEGER REFERENCES partner (id),
	planned_days INTEGER NOT NULL DEFAULT 0 CHECK (planned_days >= 0),
	status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'in_progress', 'completed', 'abandoned')),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_subtopic_project ON subtopic (project);
CREATE INDEX idx_subtopic_platform ON subtopic (platform);
CREATE INDEX idx_subtopic_partner ON subtopic (partner);

CREATE TABLE subtopic_io ( -- an input a subtopic needs or an output it delivers
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	direction TEXT NOT NULL CHECK (direction IN ('input', 'output')),
	description TEXT NOT NULL,
	UNIQUE (subtopic, direction, description)
);
CREATE INDEX idx_subtopic_io_subtopic ON subtopic_io (subtopic);

CREATE TABLE subtopic_dependency ( -- a subtopic needing the output of another subtopic of its project
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	depends_on INTEGER NOT NULL REFERENCES subtopic (id),
	UNIQUE (subtopic, depends_on)
);
CREATE INDEX idx_subtopic_dependency_subtopic ON subtopic_dependency (subtopic);
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
CREATE INDEX idx_budget_line_subtopic ON budget_line (subtopic);

CREATE TABLE subtopic_assignment ( -- a student working on a subtopic
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	subtopic INTEGER NOT NULL REFERENCES subtopic (id),
	student INTEGER NOT NULL REFERENCES student (id),
	start_date TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	UNIQUE (subtopic, student)
);
CREATE INDEX idx_subtopic_assignment_subtopic ON subtopic_assignment (subtopic);
CREATE INDEX idx_subtopic_assignment_student ON subtopic_assignment (student);

CREATE TABLE supervisor ( -- a person who guides students
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('academic', 'enterprise')),
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
	role TEXT NOT NULL CHECK (role IN ('main', 'deputy', 'member')),
	UNIQUE (team, supervisor),
	UNIQUE (team, student)
);
CREATE INDEX idx_team_member_team ON team_member (team);
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
	level TEXT NOT NULL CHECK (level IN ('undergraduate', 'academic_master', 'professional_master', 'doctoral')),
	cohort INTEGER NOT NULL DEFAULT 0,
	major TEXT,
	status TEXT NOT NULL CHECK (status IN ('enrolled', 'graduated', 'withdrawn')),
	status_date TEXT NOT NULL CHECK (status_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);

CREATE TABLE supervision ( -- a supervisor's role for a student over a period
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL REFERENCES student (id),
	supervisor INTEGER NOT NULL REFERENCES supervisor (id),
	role TEXT NOT NULL CHECK (role IN ('main', 'deputy', 'enterprise')),
	start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	end_date TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	UNIQUE (student, supervisor, role)
);
CREATE INDEX idx_supervision_student ON supervision (student);
CREATE INDEX idx_supervision_supervisor ON supervision (supervisor);

CREATE TABLE guidance_session ( -- a session where supervisors guided students
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	held_on TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	duration_minutes INTEGER NOT NULL DEFAULT 0,
	mode TEXT NOT NULL CHECK (mode IN ('meeting', 'laboratory', 'enterprise_site', 'online')),
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
CREATE INDEX idx_guidance_attendee_session ON guidance_attendee (session);
CREATE INDEX idx_guidance_attendee_supervisor ON guidance_attendee (supervisor);
CREATE INDEX idx_guidance_attendee_student ON guidance_attendee (student);

CREATE TABLE evaluation ( -- a score for a supervisor on one criterion for a period
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	supervisor INTEGER NOT NULL REFERENCES supervisor (id),
	period_start TEXT NOT NULL CHECK (period_start GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	period_end TEXT NOT NULL CHECK (period_end GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	evaluator TEXT NOT NULL CHECK (evaluator IN ('student', 'school', 'enterprise')),
	criterion TEXT NOT NULL,
	score REAL NOT NULL DEFAULT 0,
	comment TEXT
);
CREATE INDEX idx_evaluation_supervisor ON evaluation (supervisor);

CREATE TABLE progress_report ( -- a student's periodic progress report
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL REFERENCES student (id),
	subtopic INTEGER REFERENCES subtopic (id),
	kind TEXT NOT NULL CHECK (kind IN ('literature', 'reading', 'experiment', 'proposal_defence', 'mid_term', 'final')),
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
	status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'ended_early')),
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
	kind TEXT NOT NULL CHECK (kind IN ('absence_without_leave', 'misconduct', 'safety', 'other')),
	description TEXT,
	resolved_on TEXT CHECK (resolved_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_incident_placement ON incident (placement);

CREATE TABLE feedback ( -- feedback about a placement in one direction
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	placement INTEGER NOT NULL REFERENCES placement (id),
	direction TEXT NOT NULL CHECK (direction IN ('enterprise_to_school', 'school_to_enterprise', 'student_to_school')),
	given_on TEXT NOT NULL CHECK (given_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	score REAL NOT NULL DEFAULT 0,
	comment TEXT
);
CREATE INDEX idx_feedback_placement ON feedback (placement);

CREATE TABLE outcome ( -- a patent, paper, product, project or other result
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL CHECK (kind IN ('invention_patent', 'utility_model_patent', 'software_copyright', 'paper', 'product', 'standard', 'award', 'feasibility_report', 'business_plan', 'economic_analysis', 'entrepreneurship_project', 'startup', 'technology_transfer')),
	title TEXT NOT NULL,
	patent_number TEXT UNIQUE,
	doi TEXT UNIQUE,
	status TEXT NOT NULL CHECK (status IN ('filed', 'published', 'granted', 'rejected', 'withdrawn', 'registered', 'submitted', 'accepted', 'prototype', 'pilot', 'mass_production', 'drafted', 'completed', 'proposed', 'approved', 'terminated', 'founded', 'operating', 'closed', 'negotiated', 'signed')),
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
CREATE INDEX idx_outcome_contributor_outcome ON outcome_contributor (outcome);
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
CREATE INDEX idx_outcome_attribution_outcome ON outcome_attribution (outcome);
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
CREATE INDEX idx_outcome_derivation_outcome ON outcome_derivation (outcome);
CREATE INDEX idx_outcome_derivation_from_subtopic ON outcome_derivation (from_subtopic);
CREATE INDEX idx_outcome_derivation_from_outcome ON outcome_derivation (from_outcome);

CREATE TABLE destination ( -- a graduate's first employment
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	student INTEGER NOT NULL UNIQUE REFERENCES student (id),
	started_on TEXT NOT NULL CHECK (started_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	employer INTEGER REFERENCES partner (id),
	employer_name TEXT,
	sector TEXT NOT NULL CHECK (sector IN ('civil_service', 'public_institution', 'private_education', 'state_owned_enterprise', 'private_enterprise', 'foreign_enterprise', 'own_startup', 'further_study', 'other')),
	position_level TEXT CHECK (position_level IN ('front_line', 'technical', 'middle_management', 'senior')),
	position TEXT
);
CREATE INDEX idx_destination_employer ON destination (employer);

CREATE TABLE agreement_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES agreement (id),
	from_state TEXT CHECK (from_state IN ('draft', 'active', 'expired', 'terminated')),
	to_state TEXT NOT NULL CHECK (to_state IN ('draft', 'active', 'expired', 'terminated')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_agreement_status_history_record ON agreement_status_history (record);

CREATE TABLE project_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES project (id),
	from_state TEXT CHECK (from_state IN ('proposed', 'active', 'completed', 'terminated')),
	to_state TEXT NOT NULL CHECK (to_state IN ('proposed', 'active', 'completed', 'terminated')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_project_status_history_record ON project_status_history (record);

CREATE TABLE project_stage_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES project (id),
	from_state TEXT CHECK (from_state IN ('laboratory', 'pilot', 'industrialisation')),
	to_state TEXT NOT NULL CHECK (to_state IN ('laboratory', 'pilot', 'industrialisation')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_project_stage_history_record ON project_stage_history (record);

CREATE TABLE subtopic_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES subtopic (id),
	from_state TEXT CHECK (from_state IN ('proposed', 'approved', 'in_progress', 'completed', 'abandoned')),
	to_state TEXT NOT NULL CHECK (to_state IN ('proposed', 'approved', 'in_progress', 'completed', 'abandoned')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_subtopic_status_history_record ON subtopic_status_history (record);

CREATE TABLE student_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES student (id),
	from_state TEXT CHECK (from_state IN ('enrolled', 'graduated', 'withdrawn')),
	to_state TEXT NOT NULL CHECK (to_state IN ('enrolled', 'graduated', 'withdrawn')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_student_status_history_record ON student_status_history (record);

CREATE TABLE placement_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES placement (id),
	from_state TEXT CHECK (from_state IN ('planned', 'active', 'completed', 'ended_early')),
	to_state TEXT NOT NULL CHECK (to_state IN ('planned', 'active', 'completed', 'ended_early')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_placement_status_history_record ON placement_status_history (record);

CREATE TABLE outcome_status_history ( -- one dated move of a lifecycle
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	record INTEGER NOT NULL REFERENCES outcome (id),
	from_state TEXT CHECK (from_state IN ('filed', 'published', 'granted', 'rejected', 'withdrawn', 'registered', 'submitted', 'accepted', 'prototype', 'pilot', 'mass_production', 'drafted', 'completed', 'proposed', 'approved', 'terminated', 'founded', 'operating', 'closed', 'negotiated', 'signed')),
	to_state TEXT NOT NULL CHECK (to_state IN ('filed', 'published', 'granted', 'rejected', 'withdrawn', 'registered', 'submitted', 'accepted', 'prototype', 'pilot', 'mass_production', 'drafted', 'completed', 'proposed', 'approved', 'terminated', 'founded', 'operating', 'closed', 'negotiated', 'signed')),
	on_date TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
CREATE INDEX idx_outcome_status_history_record ON outcome_status_history (record);

CREATE TABLE audit ( -- one change to one record: who, when, in which role, what
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	actor TEXT,
	role TEXT CHECK (role IN ('admin', 'office', 'academic', 'mentor', 'student', 'analyst')),
	operation TEXT NOT NULL CHECK (operation IN ('create', 'update', 'delete', 'cascade', 'transition', 'import', 'merge', 'anonymise')),
	entity TEXT NOT NULL,
	record INTEGER NOT NULL DEFAULT 0,
	changes TEXT
);
CREATE INDEX idx_audit_record ON audit (record);

PRAGMA application_id = 1128612949; -- 'CEDU'
PRAGMA user_version = 5;
