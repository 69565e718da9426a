-- One schema per run, so that concurrent runs on a shared database never see each other's tables.
CREATE SCHEMA {schema};
