"""langchain-tests' standard unit tests for chat models, run on GuardedChatModel."""

from __future__ import annotations

from langchain_tests.unit_tests import ChatModelUnitTests

from chatveil import Guard, GuardConfig
from chatveil.langchain import GuardedChatModel
from lc_fakes import SpyChatModel

GUARD = Guard(GuardConfig(secret_key=b"standard-tests-secret-key-0123"))


class TestGuardedChatModelStandard(ChatModelUnitTests):
    @property
    def chat_model_class(self) -> type[GuardedChatModel]:
        return GuardedChatModel

    @property
    def chat_model_params(self) -> dict:
        return {"inner": SpyChatModel(), "guard": GUARD}

    @property
    def returns_usage_metadata(self) -> bool:
        return False
