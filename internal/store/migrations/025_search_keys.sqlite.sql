-- The search box names a device by its serial, name or user and an
-- indicator by its value, exactly or by the start, in any case: each is one
-- range of an index on the key as searched (folded to lower case), so no
-- search reads a whole table. Ticket references are already indexed by
-- (org_id, ref), which SQLite compares byte by byte.
CREATE INDEX devices_serial_key ON devices (org_id, LOWER(serial));
CREATE INDEX devices_name_key ON devices (org_id, LOWER(name));
CREATE INDEX devices_user_key ON devices (org_id, LOWER(primary_user));
-- The indicator value index (009) serves ranges too: SQLite's default
-- collation is byte order. The text search's window reads the newest
-- indicators from warp_indicators_created.
