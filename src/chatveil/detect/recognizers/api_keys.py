"""API keys and other credentials with a provider's recognisable shape."""

from __future__ import annotations

from presidio_analyzer import Pattern

from chatveil.detect.recognizers._common import OwnFlagsPatternRecognizer


# ---------------------------------------------------------------------- API keys
class ApiKeyRecognizer(OwnFlagsPatternRecognizer):
    """API keys, bearer tokens and other credentials with a recognisable shape.

    High-entropy values in assignments (``secret: ...``, ``webhook_secret="..."``) and AWS
    secret access keys after their cue are found by :class:`~.secrets.SecretAssignmentRecognizer`.
    """

    PATTERNS = (
        Pattern("bearer", r"(?<=\bBearer\s)[A-Za-z0-9\-._~+/]{16,}=*", 0.9),
        Pattern("openai/stripe style",
                r"\b(?:sk|pk|rk)[-_](?:live_|test_|proj-|ant-|svcacct-|admin-)?"
                r"[A-Za-z0-9_\-]{16,}", 0.9),
        Pattern("stripe webhook secret", r"\bwhsec_[A-Za-z0-9]{24,}\b", 0.95),
        Pattern("github", r"\bgh[pousr]_[A-Za-z0-9]{30,}\b", 0.95),
        Pattern("github fine-grained", r"\bgithub_pat_[A-Za-z0-9_]{40,}\b", 0.95),
        Pattern("gitlab", r"\bglpat-[A-Za-z0-9_\-]{20,}\b", 0.95),
        Pattern("aws access key", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", 0.9),
        Pattern("slack", r"\bxox[abposr]-[A-Za-z0-9\-]{10,}", 0.9),
        Pattern("slack webhook",
                r"(?<=hooks\.slack\.com/services/)T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}",
                0.9),
        Pattern("google", r"\bAIza[0-9A-Za-z\-_]{35}(?![\w\-])", 0.9),
        Pattern("hugging face", r"\bhf_[A-Za-z0-9]{30,}\b", 0.9),
        Pattern("sendgrid", r"\bSG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{30,64}", 0.95),
        Pattern("twilio", r"\b(?:SK|AC)[0-9a-f]{32}\b", 0.85),
        Pattern("anthropic", r"\bsk-ant-[A-Za-z0-9_\-]{20,}", 0.95),
        Pattern("mailgun", r"\bkey-[0-9a-f]{32}\b", 0.85),
        Pattern("npm", r"\bnpm_[A-Za-z0-9]{36}\b", 0.95),
        Pattern("pypi", r"\bpypi-[A-Za-z0-9_\-]{50,}", 0.95),
        Pattern("jwt", r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", 0.9),
        Pattern("private key block",
                r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----",
                0.95),
    )

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity="API_KEY",
            patterns=list(self.PATTERNS),
            supported_language=supported_language,
            name="ChatveilApiKeyRecognizer",
        )
