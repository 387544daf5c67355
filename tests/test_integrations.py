"""cleanwire from Python engines: the datatrove step in datatrove's own executor,
and the datasets.map recipe with several processes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from .conftest import GOLD, SEEDS, seed_names


def seed_rows() -> list[dict[str, str]]:
    return [{"id": name, "text": (SEEDS / name).read_text(encoding="utf-8")} for name in seed_names()]


def gold(name: str) -> str:
    return (GOLD / name).read_text(encoding="utf-8")


def test_the_datatrove_step_cleans_each_document_in_a_local_pipeline_executor(tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleanwire.corpus.datatrove_step import CleanwireFormatter

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    rows = seed_rows()
    for half in (0, 1):
        lines = "".join(json.dumps(row) + "\n" for row in rows[half::2])
        (crawl / f"part-{half}.jsonl").write_text(lines, encoding="utf-8")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(crawl)), CleanwireFormatter(), JsonlWriter(str(tmp_path / "clean"))],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written = [
        json.loads(line)
        for path in sorted((tmp_path / "clean").glob("*.jsonl.gz"))
        for line in gzip.decompress(path.read_bytes()).splitlines()
    ]
    assert sorted(doc["id"] for doc in written) == seed_names()
    for doc in written:
        assert doc["text"] == gold(doc["id"])
        said = doc["metadata"]["cleanwire"]
        assert said["status"] == "changed"
        taken = sum(part["bytes"] for part in said["removed"].values())
        before = (SEEDS / doc["id"]).read_bytes()
        assert 0 < taken < len(before), "the removal counts are what went, not the whole text"
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    step = next(entry for entry in stats if "cleanwire" in entry["name"])
    assert step["stats"]["changed"] == len(rows)


def test_the_datasets_map_recipe_cleans_every_row_with_several_processes() -> None:
    datasets = pytest.importorskip("datasets")
    from cleanwire.corpus.hf_map import CleanBatch

    rows = seed_rows() * 2
    dataset = datasets.Dataset.from_list(rows)
    clean = dataset.map(CleanBatch(), batched=True, batch_size=3, num_proc=2)
    assert clean["id"] == [row["id"] for row in rows], "rows keep their order and their other columns"
    assert clean["text"] == [gold(row["id"]) for row in rows]
    assert set(clean["cleanwire_status"]) == {"changed"}
    assert all(0 < removed for removed in clean["cleanwire_removed_bytes"])


def test_the_datatrove_step_without_datatrove_names_the_extra_to_install() -> None:
    import subprocess
    import sys

    code = "import sys; sys.modules['datatrove.pipeline.formatters.base'] = None; import cleanwire.corpus.datatrove_step"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 1
    assert b"ImportError: cleanwire's datatrove step needs datatrove: pip install 'cleanwire[datatrove]'" in done.stderr


def test_a_plain_install_brings_no_optional_engine_and_each_has_its_extra() -> None:
    import tomllib

    from .conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(project["dependencies"])
    for engine in ("dask", "distributed", "datatrove", "datasets", "pyarrow"):
        assert engine not in core
    extras = project["optional-dependencies"]
    assert any(d.startswith("distributed") for d in extras["dask"])
    assert any(d.startswith("datatrove") for d in extras["datatrove"])
    assert any(d.startswith("datasets") for d in extras["hf"])
    tested = " ".join(extras["test"])
    assert all(name in tested for name in ("distributed", "datatrove", "datasets")), "make test installs them"
