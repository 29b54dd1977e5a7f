"""What makes a run rebuild: a review file is a new input (dbt and the report run again), a classification
list dropped in changes the models' fingerprint (a full refresh: it names subjects in incremental facts)."""

from orchestration import build_state


def test_a_review_changes_the_inputs_and_a_reference_list_the_models(tmp_path, monkeypatch):
    reviews, reference = tmp_path / "reviews", tmp_path / "reference"
    reviews.mkdir()
    reference.mkdir()
    (reviews / "reviews.template.csv").write_text("check_id,decision\n")
    monkeypatch.setenv("BUDGET_REVIEWS_DIR", str(reviews))
    monkeypatch.setenv("BUDGET_REFERENCE_DIR", str(reference))
    inputs, models = build_state.inputs_fingerprint("staged"), build_state.models_fingerprint()
    assert build_state.inputs_fingerprint("staged") == inputs  # nothing changed: nothing to do

    (reviews / "reviews.csv").write_text("check_id,decision\nbcb11a1035232edd,dismissed\n")
    assert build_state.inputs_fingerprint("staged") != inputs
    assert build_state.models_fingerprint() == models  # no full refresh for a review
    (reviews / "notes.txt").write_text("not a review file")
    with_review = build_state.inputs_fingerprint("staged")
    (reviews / "notes.txt").write_text("still not one")
    assert build_state.inputs_fingerprint("staged") == with_review

    (reference / "functional_subjects_2024.csv").write_text("code,name\n20406,司法\n")
    assert build_state.models_fingerprint() != models
