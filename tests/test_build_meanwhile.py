"""Work a hook starts to run beside the rest of the build (Pagefind, a
process of its own) is waited for: at the build's end, and when the build
fails, so nothing writes into the output folder after the build gave up on
it (scripts/build.py removes it)."""
import threading
import time

import pytest

import cache as cache_hook  # hooks/cache.py
import site_context


@pytest.fixture
def context(monkeypatch):
    context = object.__new__(site_context.BuildContext)  # only what the waiting needs
    context.meanwhile = []
    monkeypatch.setattr(site_context, "_current", context)
    return context


def slow_work(done: threading.Event, fail: bool = False):
    thread = threading.Thread(target=lambda: (time.sleep(0.3), done.set()), daemon=True)
    thread.start()

    def wait():
        thread.join()
        if fail:
            raise RuntimeError("Pagefind failed")
    return wait


def test_a_failed_build_waits_for_every_work_beside_it(context):
    first, second = threading.Event(), threading.Event()
    context.meanwhile += [slow_work(first, fail=True), slow_work(second)]
    cache_hook.on_build_error(RuntimeError("a schema failed"))  # reports nothing of its own
    assert first.is_set() and second.is_set()
    assert context.meanwhile == []


def test_the_end_of_a_build_waits_and_reports_the_first_failure(context):
    first, second = threading.Event(), threading.Event()
    context.meanwhile += [slow_work(first, fail=True), slow_work(second)]
    with pytest.raises(RuntimeError, match="Pagefind failed"):
        context.finish_meanwhile()
    assert first.is_set() and second.is_set()
