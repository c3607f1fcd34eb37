"""Reference data and the tagger as the parse stage loads them."""

from __future__ import annotations

import os

from warehouse.reference import DEFAULT_SPACY_MODEL, SPACY_MODEL_ENV, TAGGER_EXCLUDES

TEXTS = [
    "Varga scored in the 12th minute before Initial assessments ruled him out.",
    "Despite that, Drogba headed home and the Dutchman was booked.",
    "Nevertheless Hernandez equalised; Superb work by Messi.",
]


def test_tagger_through_numpy_gives_spacys_own_tags(tagger) -> None:
    """The tagger's matrix products go through numpy's BLAS, not thinc's BLIS: the tags must not change."""
    import spacy
    from thinc.api import NumpyOps

    model = os.environ.get(SPACY_MODEL_ENV, DEFAULT_SPACY_MODEL)
    plain = spacy.load(model, exclude=TAGGER_EXCLUDES)
    # the same rules, patterns and exceptions, though loaded without the default tokenizer built first
    assert tagger.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    assert all(not isinstance(n.ops, NumpyOps) or n.ops.use_blis for n in plain.get_pipe("tok2vec").model.walk())
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in tagger.get_pipe("tok2vec").model.walk())
    ours = [[t.tag_ for t in d] for d in tagger.pipe(TEXTS)]
    assert ours == [[t.tag_ for t in d] for d in plain.pipe(TEXTS)]
    assert ours[0][0] == "NNP"  # "Varga" opens the sentence and is a name
