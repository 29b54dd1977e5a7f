"""The frame comparison finds no difference between two dumps of the same code, and finds a changed row."""

import pickle

from tests.conftest import SAMPLES
from tools import compare_frames


def test_two_dumps_of_the_same_code_agree_and_a_changed_row_is_found(tmp_path, capsys):
    sample = sorted(SAMPLES.iterdir())[:1]
    compare_frames.dump(tmp_path / "before", sample)
    compare_frames.dump(tmp_path / "after", sample)
    assert compare_frames.diff(tmp_path / "before", tmp_path / "after") == 0

    frames_file = tmp_path / "after" / sample[0].name / "frames.pkl"
    frames = pickle.loads(frames_file.read_bytes())
    frames["line_items"].loc[0, "amount_yuan"] = "1.00"
    frames_file.write_bytes(pickle.dumps(frames))
    assert compare_frames.diff(tmp_path / "before", tmp_path / "after") == 1
    assert "line_items differs" in capsys.readouterr().out
