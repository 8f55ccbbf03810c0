"""The build cache shared by processes writing and reading at once (the locales' builds, a preview beside a build)."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

from policydocs.cache import Cache

KEYS = [f"{n:02x}" + "0" * 62 for n in range(4)]


def value_of(key: str, writer: int) -> list[str]:
    """A large value (a few MB pickled, so writes take long enough to overlap), the same whoever writes it."""
    return [key * 64] * (4000 + 1000 * (writer % 2))


def hammer(folder: str, writer: int, rounds: int) -> list[str]:
    """Put and get the same entries as the other writers; what was read wrong, if anything."""
    cache = Cache(Path(folder))
    wrong = []
    for round_ in range(rounds):
        for key in KEYS:
            if (round_ + writer) % 2:
                cache.put(key, value_of(key, writer))
            found = cache.get(key)
            if found is not None and found not in (value_of(key, 0), value_of(key, 1)):
                wrong.append(key)
    return wrong


def test_processes_writing_the_same_entries_at_once_only_ever_read_whole_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(hammer, [(str(tmp_path), writer, 15) for writer in range(4)])
    assert results == [[], [], [], []]
    entries = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert entries == sorted(f"{key}.pickle" for key in KEYS)  # no half-written file left behind
    cache = Cache(tmp_path)
    assert all(cache.get(key) in (value_of(key, 0), value_of(key, 1)) for key in KEYS)


def test_threads_of_one_process_do_not_share_a_half_written_file(tmp_path: Path) -> None:
    wrong: list[str] = []
    threads = [
        threading.Thread(target=lambda w=writer: wrong.extend(hammer(str(tmp_path), w, 8))) for writer in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(f"{key}.pickle" for key in KEYS)


def test_an_unreadable_entry_is_a_miss_and_the_next_put_replaces_it(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put(KEYS[0], value_of(KEYS[0], 0))
    entry = next(tmp_path.rglob("*.pickle"))
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])  # cut short, as a full disk would leave a file written in place
    assert cache.get(KEYS[0]) is None
    cache.put(KEYS[0], value_of(KEYS[0], 0))
    assert cache.get(KEYS[0]) == value_of(KEYS[0], 0)


def test_a_cache_emptied_by_hand_while_in_use_is_written_again(tmp_path: Path) -> None:
    """The cache remembers which folders it made; emptied meanwhile (rm -rf .cache beside a preview), it makes
    them again rather than losing every entry after."""
    import shutil

    cache = Cache(tmp_path / "cache")
    cache.put("ab" + "0" * 62, "first")
    shutil.rmtree(tmp_path / "cache")
    cache.put("ab" + "1" * 62, "second")
    assert Cache(tmp_path / "cache").get("ab" + "1" * 62) == "second"
