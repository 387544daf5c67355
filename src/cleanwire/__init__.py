r"""cleanwire: strip boilerplate from scraped article text, and say why.

The Python API is three names: `clean` for one text, `Cleaner` to load the rules
once and clean many texts, and `CleanResult`, what both give back: the clean
`text`, and every removal in `decisions` with its rule, category and span.
Options are the command line's, as keyword arguments (fields of
`cleanwire.settings.options.Settings`): `outlet`, `keep`, `enable`, `disable`,
`normalize`, `max_removal`, `rule_dirs`, ...

## A list of strings

>>> from cleanwire import Cleaner
>>> cleaner = Cleaner(outlet="none")          # the generic rules only; loads them once
>>> pages = [
...     "Headline\n\nBody text.\n\nAll rights reserved.\n",
...     "The council voted to repair the harbour wall.\n\nSign up for our newsletter\n",
... ]
>>> [cleaner.clean(page).text for page in pages]
['Headline\n\nBody text.\n', 'The council voted to repair the harbour wall.\n']
>>> result = cleaner.clean(pages[1])
>>> [(d.rule_id, d.category.value, result.normalized[d.start:d.end]) for d in result.decisions]
[('generic.newsletter-prompt', 'newsletter', 'Sign up for our newsletter')]

`clean(text, **options)` does the same with a cleaner it keeps for those options.
A result whose `refused` is set is the input unchanged: a guard found that the
rules would remove too much of it (`max_removal`, 0.6 by default).

## A pandas column

```python
import pandas as pd
from cleanwire import Cleaner

cleaner = Cleaner()
frame = pd.read_parquet("crawl.parquet")
results = frame["text"].map(cleaner.clean)          # one CleanResult per row
frame["clean"] = results.map(lambda r: r.text)
frame["refused"] = results.map(lambda r: r.refused)  # None, or why it was left as it was
```

Pass the page's address where you have it: it picks the outlet by domain.

```python
frame["clean"] = [cleaner.clean(text, url=url).text for text, url in zip(frame["text"], frame["url"])]
```

## Hugging Face `datasets.map`

```python
from datasets import load_dataset
from cleanwire import Cleaner

cleaner = Cleaner()  # pickled once to each worker process with num_proc

def strip_boilerplate(batch):
    results = [cleaner.clean(text, url=url) for text, url in zip(batch["text"], batch["url"])]
    return {"text": [r.text for r in results], "removed": [len(r.decisions) for r in results]}

dataset = load_dataset("json", data_files="crawl.jsonl", split="train")
dataset = dataset.map(strip_boilerplate, batched=True, num_proc=4)
```

For files and JSON Lines on disk, the command line (`cleanwire strip`) does the
same in parallel, atomically, with a report of every removal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Category", "CleanResult", "Cleaner", "Decision", "RuleSet", "Settings", "__version__", "clean"]

if TYPE_CHECKING:
    from cleanwire.pipeline.cleaner import CleanResult, Cleaner, clean
    from cleanwire.settings.options import Settings
    from cleanwire.rules.model import Category, Decision
    from cleanwire.rules.ruleset import RuleSet

_EXPORTS = {
    "Cleaner": "pipeline.cleaner",
    "CleanResult": "pipeline.cleaner",
    "clean": "pipeline.cleaner",
    "Settings": "settings.options",
    "Category": "rules.model",
    "Decision": "rules.model",
    "RuleSet": "rules.ruleset",
}


def __getattr__(name: str) -> Any:
    # Imported on first use so `cleanwire --help` does not pay for the engine.
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanwire' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly from now on (and by pdoc, which reads the module's names)
    return value
