-- The device inventory filters by kind, operating system and owner, and
-- pages by name then id. The device record itself stays in data (a binary
-- layout, see devicecodec.go); these columns copy the three fields the
-- list filters on, written with the record by SaveDevices. Devices held
-- before this step get them from fillDeviceColumns, run in the same step.
ALTER TABLE devices ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN os TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN primary_user TEXT NOT NULL DEFAULT '';
CREATE INDEX devices_inventory ON devices (org_id, name, id);

-- "Devices failing a control" asks, for each device, whether it has an
-- open finding: one index probe by org, kind and key.
CREATE INDEX findings_subject ON findings (org_id, subject_kind, subject_key, state);
