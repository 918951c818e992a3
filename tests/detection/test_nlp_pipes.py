"""The spaCy pipeline the detector runs: only what its NER needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from chatveil import Guard
from chatveil.detect._presidio import _build_nlp_engine, _listens_to, _nlp_engine


def test_the_small_model_runs_ner_without_the_shared_tok2vec(warm_guard: Guard) -> None:
    config = warm_guard.config
    nlp = _nlp_engine(config.spacy_model, config.language).nlp[config.language]
    # en_core_web_sm's NER embeds its own tok2vec: the shared one would be dead weight
    assert nlp.pipe_names == ["ner", "chatveil_lower_lemma"]
    masked = warm_guard.pseudonymize("Maria Lopez flew to Denver on Monday.", session_id="pipes")
    assert "Maria" not in masked and "Lopez" not in masked


def _listener_model(path: Path) -> Path:
    """A tiny English pipeline whose NER listens to the shared tok2vec (as larger models'
    components may)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "extra_state_tokens": False, "hidden_width": 8, "maxout_pieces": 2,
        "use_upper": False,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96,
                    "upstream": "*"},
    }})
    nlp.get_pipe("ner").add_label("PERSON")
    nlp.initialize()
    nlp.to_disk(path)
    return path


def test_a_listened_to_tok2vec_is_kept(tmp_path: Path) -> None:
    model = str(_listener_model(tmp_path / "listener"))
    engine = _build_nlp_engine(model, "en")
    nlp = engine.nlp["en"]
    assert nlp.pipe_names == ["tok2vec", "ner", "chatveil_lower_lemma"]
    assert nlp.get_pipe("tok2vec").listening_components == ["ner"]
    nlp("Maria Lopez flew to Denver.")  # runs: the listener gets its input


@pytest.mark.parametrize(("config", "heard"), [
    ({"@architectures": "spacy.Tok2Vec.v2", "embed": {"width": 96}}, False),
    ({"tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "upstream": "*"}}, True),
    ({"layers": [{"upstream": "tok2vec"}]}, True),
    ({"tok2vec": {"upstream": "transformer"}}, False),
])
def test_listeners_are_found_anywhere_in_a_component_config(config: dict, heard: bool) -> None:
    assert _listens_to(config, "tok2vec") is heard
