-- Rows a job produces (scraped profiles, analysed posts...), paged by the results endpoint. Keyed by row number, so
-- an attempt that re-writes rows after a retry overwrites them instead of adding duplicates.
CREATE TABLE job_results (
    job_id  uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    row_no  integer NOT NULL,
    data    jsonb NOT NULL,
    PRIMARY KEY (job_id, row_no)
);
