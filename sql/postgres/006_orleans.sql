-- Orleans membership (clustering) and reminders, for Microsoft.Orleans.Clustering.AdoNet and
-- Microsoft.Orleans.Reminders.AdoNet 10.4.x with the "Npgsql" invariant. The packages ship no SQL: at start-up
-- each provider reads every row of OrleansQuery into a dictionary and from then on only runs those texts, binding
-- its own parameters (@DeploymentId, @Address, @Port, @Generation, @Version, @ServiceId, ...) and reading result
-- columns by name. So the table, parameter and column names below are a contract; the SQL behind them is ours.
-- Everything is unqualified: tables, functions and the queries that call them resolve through the connection's
-- search_path, so every store schema gets its own copy. Status values are Orleans' SiloStatus (3 Active, 6 Dead).

-- Query texts are dollar-quoted so they need no quote doubling.
CREATE TABLE OrleansQuery (
    QueryKey TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL);

-- One row per cluster (DeploymentId is the ClusterId). Version is the membership table's etag: every membership
-- change must bump it from the value the writer read, which is what makes concurrent writers take turns.
CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId TEXT PRIMARY KEY,
    Timestamp TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    Version INTEGER NOT NULL DEFAULT 0);

-- One row per silo incarnation (address, port and generation, the start epoch). SuspectTimes is Orleans' own
-- "silo,time|silo,time" text of the votes against the silo.
CREATE TABLE OrleansMembershipTable (
    DeploymentId TEXT NOT NULL REFERENCES OrleansMembershipVersionTable(DeploymentId),
    Address TEXT NOT NULL,
    Port INTEGER NOT NULL,
    Generation INTEGER NOT NULL,
    SiloName TEXT NOT NULL,
    HostName TEXT NOT NULL,
    Status INTEGER NOT NULL,
    ProxyPort INTEGER NOT NULL DEFAULT 0,
    SuspectTimes TEXT,
    StartTime TIMESTAMPTZ(3) NOT NULL,
    IAmAliveTime TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation));

-- Reminders; GrainHash places a reminder in the hash ring, so each silo reads only its range of it.
CREATE TABLE OrleansRemindersTable (
    ServiceId TEXT NOT NULL,
    GrainId TEXT NOT NULL,
    ReminderName TEXT NOT NULL,
    StartTime TIMESTAMPTZ(3) NOT NULL,
    Period BIGINT NOT NULL,
    GrainHash INTEGER NOT NULL,
    Version INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName));
CREATE INDEX OrleansRemindersTable_hash ON OrleansRemindersTable(ServiceId, GrainHash);

-- Moves the cluster's membership version on, only from the version the caller read.
CREATE FUNCTION orleans_bump_membership_version(p_deployment_id TEXT, p_version INTEGER) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = p_deployment_id AND Version = p_version AND Version < 2147483647;
    RETURN FOUND;
END $$;

-- Adding a silo row and bumping the version must happen together or not at all: the bump only succeeds against
-- the version the silo read, and a row that already exists undoes it. The exception block is the rollback (a
-- savepoint), raised explicitly rather than by ASSERT, which a server may have switched off. Returns 1 or 0.
CREATE FUNCTION orleans_insert_membership(
    p_deployment_id TEXT, p_address TEXT, p_port INTEGER, p_generation INTEGER, p_silo_name TEXT,
    p_host_name TEXT, p_status INTEGER, p_proxy_port INTEGER, p_start_time TIMESTAMPTZ,
    p_i_am_alive_time TIMESTAMPTZ, p_version INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    changed INTEGER;
BEGIN
    BEGIN
        IF NOT orleans_bump_membership_version(p_deployment_id, p_version) THEN
            RETURN 0;
        END IF;
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
                COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS changed = ROW_COUNT;
        IF changed = 0 THEN
            RAISE EXCEPTION 'orleans membership row already exists' USING ERRCODE = 'unique_violation';
        END IF;
        RETURN 1;
    EXCEPTION WHEN unique_violation THEN
        RETURN 0;
    END;
END $$;

-- Same rule for a status or suspicion change: the version bump stands only if the silo's row was updated too.
CREATE FUNCTION orleans_update_membership(
    p_deployment_id TEXT, p_address TEXT, p_port INTEGER, p_generation INTEGER, p_status INTEGER,
    p_suspect_times TEXT, p_i_am_alive_time TIMESTAMPTZ, p_version INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    changed INTEGER;
BEGIN
    BEGIN
        IF NOT orleans_bump_membership_version(p_deployment_id, p_version) THEN
            RETURN 0;
        END IF;
        UPDATE OrleansMembershipTable
        SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive_time
        WHERE DeploymentId = p_deployment_id AND Address = p_address AND Port = p_port AND Generation = p_generation;
        GET DIAGNOSTICS changed = ROW_COUNT;
        IF changed = 0 THEN
            RAISE EXCEPTION 'orleans membership row not found' USING ERRCODE = 'no_data_found';
        END IF;
        RETURN 1;
    EXCEPTION WHEN no_data_found THEN
        RETURN 0;
    END;
END $$;

-- Every key the 10.4.x providers look up. Result columns are read by name (any case); the conditional writes
-- must return exactly one column, non-zero for success.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Clustering: creates the cluster's version row once; 1 when this call created it.
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1)
    SELECT count(*)::INTEGER FROM created;
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);
$q$),
-- The heartbeat touches only the silo's own row and not the version (Orleans never checks its result).
-- GREATEST keeps a late-arriving heartbeat from moving the time backwards.
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
$q$),
-- The reads always return the version row, joined to no, one or all silo rows (no StartTime means no silo).
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$),
-- Gateway discovery for clients: @Status is Active.
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$),
-- Drops the whole cluster (tests and tooling only); children first for the foreign key.
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),
-- Defunct-silo cleanup. With the optional per-row key present the provider reads the table, picks Dead rows that
-- started, last heartbeat and were last suspected before the cutoff, and deletes each only if it still holds the
-- values it read (a row that changed meanwhile stays). The bulk key is required all the same; it is the same rule
-- for providers that ignore the per-row key. Neither touches the version: removing a Dead row changes no view.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
        AND Address = @Address AND Port = @Port AND Generation = @Generation
        AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
        AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
        AND StartTime < @IAmAliveTime AND IAmAliveTime < @IAmAliveTime
        AND COALESCE(SuspectTimes, '') = '';
$q$),
-- Reminders. The etag is Version: 0 when created, +1 on every re-registration.
('UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash, Version = r.Version + 1
    RETURNING r.Version;
$q$),
('ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$q$),
('ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$q$),
-- A silo's ring range (begin, end]; the second form is the range that wraps past the largest hash.
('ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$q$),
('ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),
-- Deletes only the version the caller holds; 1 when it did.
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
        RETURNING 1)
    SELECT count(*)::INTEGER FROM deleted;
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$);
