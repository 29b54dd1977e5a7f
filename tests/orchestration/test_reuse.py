"""The memo of what a folder's files were written from: reused only with the same inputs and every file there."""

from orchestration.defs.build.reuse import OutputMemo, digest


def test_an_item_is_reused_only_with_the_same_inputs_and_its_files(tmp_path):
    memo = OutputMemo(tmp_path, "pages")
    (tmp_path / "a.html").write_text("a", encoding="utf-8")
    memo.remember("a", digest(["row", 1]), ["a.html"], {"images": {"3": "p3.png"}})
    memo.remember("b", digest(["row", 2]), ["b.html"])  # never written: its file is missing
    memo.save()

    later = OutputMemo(tmp_path, "pages")
    assert later.recall("a", digest(["row", 1]), tmp_path) == {"images": {"3": "p3.png"}}
    assert later.recall("b", digest(["row", 2]), tmp_path) is None
    assert later.recall("a", digest(["row", 9]), tmp_path) is None  # its rows changed
    assert later.reused == 1
    later.save()  # only what this run wrote or reused is remembered
    assert OutputMemo(tmp_path, "pages").recall("b", digest(["row", 2]), tmp_path) is None


def test_an_item_written_without_a_result_is_still_recalled(tmp_path):
    memo = OutputMemo(tmp_path, "pages")
    (tmp_path / "x.html").write_text("x", encoding="utf-8")
    memo.remember("x", "d", ["x.html"])
    memo.save()
    assert OutputMemo(tmp_path, "pages").recall("x", "d", tmp_path) is True


def test_a_new_file_replaces_a_hard_link_and_never_writes_through_it(tmp_path):
    import os

    from orchestration.defs.build.reuse import new_file, write_new

    published, working = tmp_path / "published.html", tmp_path / "working.html"
    published.write_text("published")
    os.link(published, working)  # how a run's reports folder starts
    write_new(working, "rebuilt")
    assert published.read_text() == "published" and working.read_text() == "rebuilt"
    os.unlink(working)
    os.link(published, working)
    try:
        with new_file(working) as partial:
            partial.write_text("half")
            raise OSError("disk full")
    except OSError:
        pass
    assert published.read_text() == "published" and working.read_text() == "published"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["published.html", "working.html"]


def test_an_unchanged_item_is_carried_and_a_forgotten_one_loses_its_files(tmp_path):
    for name in ("a.html", "pages/b/p1.png", "pages/b/p2.png", "c.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    memo = OutputMemo(tmp_path, "pages")
    memo.remember("a", "da", ["a.html"], "kept")
    memo.remember("b", "db", ["pages/b/p1.png", "pages/b/p2.png"])
    memo.remember("c", "dc", ["c.html"])
    memo.save()

    later = OutputMemo(tmp_path, "pages")
    assert later.carry("a", tmp_path) == "kept"  # no inputs compared: the caller knows they did not change
    later.remember("b", "db2", ["pages/b/p2.png"])  # b now has one page; c is gone
    later.save()
    assert later.remove_forgotten(tmp_path) == 2
    assert (tmp_path / "a.html").is_file() and (tmp_path / "pages/b/p2.png").is_file()
    assert not (tmp_path / "pages/b/p1.png").exists() and not (tmp_path / "c.html").exists()
    assert OutputMemo(tmp_path, "pages").carry("c", tmp_path) is None
    (tmp_path / "pages/b/p2.png").unlink()
    assert OutputMemo(tmp_path, "pages").carry("b", tmp_path) is None  # a file it lists is missing


def test_a_file_memo_is_trusted_only_while_its_files_are_those_it_described(tmp_path):
    from orchestration.defs.build.reuse import FileMemo

    (tmp_path / "a.csv").write_text("x\n1\n", encoding="utf-8")
    memo = FileMemo(tmp_path, ".a.json")
    assert memo.load(["a.csv"]) == {}  # nothing saved yet
    memo.save(["a.csv"], {"d1": ["digest", 0, 4]})
    assert memo.load(["a.csv"]) == {"d1": ["digest", 0, 4]}
    assert FileMemo(tmp_path, ".a.json").load(["a.csv", "b.csv"]) == {}  # a file it never described
    (tmp_path / "a.csv").write_text("x\n1\n2\n", encoding="utf-8")  # changed since
    assert memo.load(["a.csv"]) == {}
    memo.save(["a.csv"], {"d1": ["digest", 0, 6]})
    memo.forget()
    assert memo.load(["a.csv"]) == {} and not (tmp_path / ".a.json").exists()
