-- Plans 5.0: index names follow the new convention. Older builds name the
-- index in their nightly REINDEX job.
-- backstep: backward-compatible
-- expect: caution rename-constraint
ALTER INDEX api_keys_label_idx RENAME TO api_keys_label_lookup_idx;
