-- A phishing result keeps the line of the Gophish export it came from: the
-- line is unique within a campaign, so the per-person table pages by key
-- (furthest step, then line) without an OFFSET, and an admin can find the
-- row in the file the result came from.
ALTER TABLE phishing_results ADD COLUMN line INTEGER NOT NULL DEFAULT 0;
CREATE INDEX phishing_results_campaign ON phishing_results (campaign_id, line);
