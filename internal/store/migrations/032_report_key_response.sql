-- The SLA report shows requests beside incidents and first response beside
-- resolution, so the report key (store/reportkey.go) gains three bits:
-- 40 a request, 41 first response within target, 42 first response target
-- missed. Tickets measured before this set them here from their stored
-- measurement, and every month's rollup is rebuilt from the tickets on its
-- next read (a rollup counts only while built_version equals version).
UPDATE tickets SET report_key = (report_key & 1099511627775)
	+ (CASE WHEN type = 'request' THEN 1099511627776 ELSE 0 END)
	+ (CASE response_status WHEN 'met' THEN 2199023255552 WHEN 'breached' THEN 4398046511104 ELSE 0 END);
UPDATE ticket_rollups SET built_version = 0;
