-- The search box names a device by its serial, name or user and an
-- indicator by its value, exactly or by the start, in any case: each is one
-- range of an index on the key as searched (folded to lower case). The
-- range compares byte by byte (COLLATE "C"), whatever the database's
-- locale, so "starts with" is exact and the index answers it; ticket
-- references have that index already (tickets_by_ref, migration 015).
CREATE INDEX devices_serial_key ON devices (org_id, (LOWER(serial)) COLLATE "C");
CREATE INDEX devices_name_key ON devices (org_id, (LOWER(name)) COLLATE "C");
CREATE INDEX devices_user_key ON devices (org_id, (LOWER(primary_user)) COLLATE "C");
CREATE INDEX warp_indicators_value_key ON warp_indicators (value COLLATE "C");
