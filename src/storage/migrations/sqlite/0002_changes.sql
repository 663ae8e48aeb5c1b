-- 0002 change feed: one row per committed change to state that servers keep in memory (caches,
-- engines), read by every server's ChangeFeed in seq order. Rows are pruned to the newest few
-- thousand; settings 'changes.pruned_through' records the highest seq removed.
CREATE TABLE changes (
  seq   INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after pruning
  topic TEXT NOT NULL,                      -- what kind of thing changed, e.g. 'role'
  ref   TEXT NOT NULL                       -- which one (its id or key)
);
