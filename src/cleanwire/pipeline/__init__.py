"""The per-document pipeline, one module per stage: decode, normalize, segment, detect,
decide (engine, with dedupe and classify), guard, render; ``cleaner`` runs them in order."""
