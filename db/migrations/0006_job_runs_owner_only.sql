-- Job runs are the scheduler's business, run on the owner connection; requests never touch them.
REVOKE ALL ON TABLE job_runs FROM vendops_app;
