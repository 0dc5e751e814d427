-- CAF frameworks: the NCSC Cyber Assessment Framework versions ward has
-- imported from WebCAF's YAML. They are reference data every org shares
-- (no org_id: any caller may read them; only an admin imports one). The
-- framework itself (objectives, principles, outcomes, IGP statements,
-- rules and profiles) is one JSON document, read and written whole: it is
-- a few hundred KiB, changes only by a new version, and the domain
-- package works on it in memory. A version is imported once, since
-- assessments will cite its statements.
CREATE TABLE caf_frameworks (
	version TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	source_file TEXT NOT NULL,
	source_sha256 TEXT NOT NULL,
	outcomes INTEGER NOT NULL,
	statements INTEGER NOT NULL,
	imported_at {{time}} NOT NULL,
	imported_by TEXT NOT NULL,
	body TEXT NOT NULL
);
