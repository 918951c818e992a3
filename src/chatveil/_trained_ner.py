"""The trained names-and-places NER now lives in :mod:`chatveil.detect.recognizers.trained_ner`
(the detection layer, beside the recognizers that use it). This name stays an alias of that
module for the training scripts in ``train/`` and for user code."""

from __future__ import annotations

import sys

from chatveil.detect.recognizers import trained_ner as _module

sys.modules[__name__] = _module
