from pathlib import Path

import pytest

from engine.lookups.datafile import DataFileError, Row, read_rows


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_comments_and_blank_lines_are_skipped_and_lines_counted(tmp_path: Path) -> None:
    path = write(tmp_path, '\ufeff# fiktive data\n# to linjer\na;b\n\n1; to \n"3;4";5\n')

    assert read_rows(path, ("a", "b")) == [
        Row(path, 5, {"a": "1", "b": "to"}),
        Row(path, 6, {"a": "3;4", "b": "5"}),
    ]


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# x\na;c\n1;2\n")

    with pytest.raises(DataFileError) as caught:
        read_rows(path, ("a", "b"))

    assert caught.value.problems == [f"{path}:2: the header is 'a;c'; expected a;b"]


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "# only a comment\n")

    with pytest.raises(DataFileError) as caught:
        read_rows(path, ("a", "b"))

    assert caught.value.problems == [f"{path}:1: the file has no header line; expected a;b"]


def test_rows_with_too_few_or_too_many_fields_are_all_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a;b\n1\n1;2\n1;2;3\n")

    with pytest.raises(DataFileError) as caught:
        read_rows(path, ("a", "b"))

    assert caught.value.problems == [
        f"{path}:2: expected 2 fields (a;b), found 1",
        f"{path}:4: expected 2 fields (a;b), found 3",
    ]
    assert str(caught.value) == "\n".join(caught.value.problems)
