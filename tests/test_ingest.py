"""Ingest: every encoding the archive accepts, and a clear error for every seed it refuses."""

from __future__ import annotations

import pytest

from build_scripts.errors import ArchiveError, SeedError, SidecarError
from build_scripts.text.ingest import read_seed

TEXT = "锡林郭勒盟推进基层党建工作。\n党员中心户联系服务群众。\n"


@pytest.mark.parametrize("encoding, raw, expected", [
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    ("gb18030", TEXT.encode("gb18030"), "gb18030"),
    ("gbk", TEXT.encode("gbk"), "gb18030"),
    ("utf-16", TEXT.encode("utf-16"), "utf-16"),
    ("utf-16-be", b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_accepted_encodings_decode_to_the_same_text(tmp_path, encoding, raw, expected):
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    seed = read_seed(path)
    assert seed.text == TEXT
    assert seed.encoding == expected
    assert seed.raw == raw


@pytest.mark.parametrize("newline, name", [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF")])
def test_newlines_are_normalised_and_recorded(tmp_path, newline, name):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.replace("\n", newline).encode("utf-8"))
    seed = read_seed(path)
    assert seed.text == TEXT
    assert seed.newline == name


@pytest.mark.parametrize("raw, message", [
    (b"", "is empty"),
    (b"  \n\n\t\n", "is empty"),
    (b"\xef\xbb\xbf\n", "is empty"),
    (b"\xff\xfe\x00\x00\x81\x30", "cannot be decoded"),
    (bytes(range(128, 256)) * 4, "cannot be decoded"),
    (b"plain ascii only\n", "contains no Chinese text"),
])
def test_unusable_seeds_stop_with_file_name_problem_and_fix(tmp_path, raw, message):
    path = tmp_path / "bad_seed.txt"
    path.write_bytes(raw)
    with pytest.raises(SeedError) as caught:
        read_seed(path)
    text = str(caught.value)
    assert "bad_seed.txt" in text and message in text and "Fix:" in text


def write_seed_with_sidecar(tmp_path, sidecar: str):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.yml").write_text(sidecar, encoding="utf-8")
    return tmp_path / "a.txt"


def test_valid_sidecar_is_read(tmp_path):
    path = write_seed_with_sidecar(tmp_path, "publication: 锡林郭勒日报\ndate: '2019?'\n"
                                             "date_basis: 版面“壮丽70年”系列\nreports:\n  - position: 1\n    title: 标题\n")
    seed = read_seed(path)
    assert seed.sidecar["publication"] == "锡林郭勒日报"
    assert seed.sidecar["reports"][0]["title"] == "标题"


@pytest.mark.parametrize("sidecar, where, words", [
    ("publication: [unclosed\n", "line 2", "not valid YAML"),
    ("publisher: 锡林郭勒日报\n", "key '(top level)'", "allowed keys are"),
    ("date: 2019年\ndate_basis: x\n", "key 'date'", "EDTF"),
    ("date: '2019'\n", "key '(top level)'", "date_basis"),
    ("doc_type: novel\n", "key 'doc_type'", "one of"),
    ("reports:\n  - title: 无位置\n", "key 'reports.0'", "position"),
    ("id: Has Spaces\n", "key 'id'", "lowercase"),
    ("date_basis: 版面\n", "key '(top level)'", "missing key"),
    ("date: '2019-13-45'\ndate_basis: x\n", "key 'date'", "EDTF"),
])
def test_malformed_sidecars_name_file_key_and_fix(tmp_path, sidecar, where, words):
    path = write_seed_with_sidecar(tmp_path, sidecar)
    with pytest.raises(SidecarError) as caught:
        read_seed(path)
    text = str(caught.value)
    assert "a.yml" in text and where in text and words in text, text
    assert isinstance(caught.value, ArchiveError)
