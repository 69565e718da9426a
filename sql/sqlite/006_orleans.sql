-- Orleans membership and reminders. The embedded store runs one silo, whose membership and reminders Orleans keeps
-- in memory (localhost clustering), so nothing is stored here; the version exists so both stores share one history.
SELECT 1;
