"""Work on many documents: walking trees, the clean-file cache, batches, JSON Lines, the worker pool."""
