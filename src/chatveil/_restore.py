"""Restore: surrogates back to originals in one regex pass, whole texts or streamed chunks.

Restore needs only a vault. One compiled alternation matches every surrogate, longest first,
on word boundaries, case-insensitively; tokens and placeholders are matched by shape so that
models' changes of case or spacing still restore.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from chatveil._state import Vault
from chatveil._surrogates import PLACEHOLDER_RE, TOKEN_RE

__all__ = ["Matcher", "StreamRestorer", "apply_case", "matcher_for"]

_MAX_TOKEN_LEN = 48  # longest tolerated token/placeholder, spaces included


def apply_case(seen: str, canonical: str, target: str) -> str:
    """Render ``target`` in the casing ``seen`` used relative to ``canonical``."""
    if seen == canonical:
        return target
    letters = [c for c in seen if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return target.upper()
    if letters and all(c.islower() for c in letters):
        return target.lower()
    if seen.istitle() and not target.istitle():
        return target.title()
    return target


def _literal(value: str) -> str:
    """A regex for ``value`` with word boundaries only where its ends are word characters."""
    pattern = re.escape(value)
    if value[:1].isalnum() or value[:1] == "_":
        pattern = r"(?<!\w)" + pattern
    if value[-1:].isalnum() or value[-1:] == "_":
        pattern += r"(?!\w)"
    return pattern


@dataclass
class Matcher:
    """Everything restore needs from one vault version."""

    pattern: re.Pattern[str]
    literals: dict[str, tuple[str, str, str]]  # casefold surrogate -> (surrogate, original, type)
    shaped: dict[str, tuple[str, str]]  # normalised token/placeholder -> (original, type)
    prefixes: frozenset[str] = field(default_factory=frozenset)
    first_chars: frozenset[str] = field(default_factory=frozenset)
    max_len: int = 0

    def replace(self, match: re.Match[str], restored: Counter[str],
                unknown: list[int]) -> str:
        text = match.group(0)
        if match.lastgroup == "lit":
            hit = self.literals.get(text.casefold()) or self.literals.get(text.lower())
            if hit is None:  # pragma: no cover - casefold/lower disagree on exotic text
                return text
            surrogate, original, etype = hit
            restored[etype] += 1
            return apply_case(text, surrogate, original)
        if match.lastgroup == "tok":
            key = f"[PII_{match.group('tl').upper()}_{match.group('th').lower()}]"
        else:
            key = f"<{match.group('pl').upper()}_{int(match.group('pn'))}>"
        found = self.shaped.get(key)
        if found is None:
            unknown[0] += 1
            return text
        restored[found[1]] += 1
        return found[0]

    def restore(self, text: str, start: int = 0, end: int | None = None,
                restored: Counter[str] | None = None, unknown: list[int] | None = None) -> str:
        """Restore ``text[start:end]`` (characters before ``start`` serve as context only)."""
        restored = restored if restored is not None else Counter()
        unknown = unknown if unknown is not None else [0]
        end = len(text) if end is None else end
        out: list[str] = []
        pos = start
        for m in self.pattern.finditer(text, start, end):
            out.append(text[pos : m.start()])
            out.append(self.replace(m, restored, unknown))
            pos = m.end()
        out.append(text[pos:end])
        return "".join(out)

    def hold_from(self, buf: str) -> int:
        """Index of the earliest tail of ``buf`` that could still grow into a surrogate."""
        n = len(buf)
        hold = n
        # tokens / placeholders: an opening bracket not yet closed
        for opener, closer in (("[", "]"), ("<", ">")):
            i = buf.rfind(opener, max(0, n - _MAX_TOKEN_LEN))
            if i != -1 and buf.find(closer, i) == -1:
                hold = min(hold, i)
        if self.max_len:
            first = self.first_chars
            prefixes = self.prefixes
            for p in range(max(0, n - self.max_len), hold):
                if buf[p].lower() in first and buf[p:].lower() in prefixes:
                    return p
        return hold


def _build(vault: Vault) -> Matcher:
    literals: dict[str, tuple[str, str, str]] = {}
    shaped: dict[str, tuple[str, str]] = {}
    token_shape = re.compile(TOKEN_RE)
    placeholder_shape = re.compile(PLACEHOLDER_RE)
    for entry in vault.entries():
        if token_shape.fullmatch(entry.surrogate) or placeholder_shape.fullmatch(entry.surrogate):
            shaped[entry.surrogate] = (entry.original, entry.entity_type)
        else:
            literals[entry.surrogate.casefold()] = (entry.surrogate, entry.original,
                                                   entry.entity_type)
    restorable = vault.restorable_parts()  # casefold surrogate part -> original part
    for entry in vault.entries():
        for _, surr_part in entry.parts:
            key = surr_part.casefold()
            if key in restorable and key not in literals:
                literals[key] = (surr_part, restorable[key], entry.entity_type)
    ordered = sorted((v[0] for v in literals.values()), key=lambda s: (-len(s), s))
    parts = [
        rf"(?P<tok>\[\s*PII[\s_]*(?P<tl>[A-Za-z]+)[\s_]*(?P<th>[0-9A-Fa-f]{{8}})\s*\])",
        rf"(?P<ph><\s*(?P<pl>[A-Za-z]+)[\s_]*(?P<pn>\d{{1,6}})\s*>)",
    ]
    first_chars = frozenset(s[0].lower() for s in ordered)
    if ordered:
        lead = "".join(sorted({re.escape(c) for s in ordered for c in (s[0].lower(), s[0].upper())}))
        parts.append(f"(?=[{lead}])(?P<lit>" + "|".join(_literal(s) for s in ordered) + ")")
    prefixes = frozenset(s.lower()[:i] for s in ordered for i in range(1, len(s) + 1))
    return Matcher(
        pattern=re.compile("|".join(parts), re.IGNORECASE),
        literals=literals,
        shaped=shaped,
        prefixes=prefixes,
        first_chars=first_chars,
        max_len=max((len(s) for s in ordered), default=0),
    )


def matcher_for(vault: Vault) -> Matcher:
    """The restore matcher of the vault's current version (cached on the vault)."""
    return vault.derived("restore", _build)  # type: ignore[return-value]


class StreamRestorer:
    """Restores a stream of chunks, holding back only a tail that could begin a surrogate.

    ``"".join(feed(c) for c in chunks) + flush()`` equals restoring the concatenation.
    """

    def __init__(self, vault: Vault, on_done: Callable[[Counter[str], int], None] | None = None
                 ) -> None:
        self._vault = vault
        self._buf = ""
        self._ctx = ""  # the last character already emitted, for look-behind
        self._restored: Counter[str] = Counter()
        self._unknown = [0]
        self._on_done = on_done
        self._closed = False

    @property
    def pending(self) -> int:
        """Number of characters held back."""
        return len(self._buf)

    def feed(self, chunk: str) -> str:
        """Add a chunk; return the restored text that is now final."""
        if not isinstance(chunk, str):
            raise TypeError(f"feed() expects str, got {type(chunk).__name__}")
        if self._closed:
            raise ValueError("this stream restorer was already flushed")
        if not chunk:
            return ""
        buf = self._buf + chunk
        matcher = matcher_for(self._vault)
        hold = matcher.hold_from(buf)
        if hold == 0:
            self._buf = buf
            return ""
        text = self._ctx + buf
        offset = len(self._ctx)
        cut = offset + hold
        out: list[str] = []
        pos = offset
        for m in matcher.pattern.finditer(text, offset):
            if m.start() >= cut:
                break
            out.append(text[pos : m.start()])
            out.append(matcher.replace(m, self._restored, self._unknown))
            pos = m.end()
        end = max(pos, cut)
        out.append(text[pos:end])
        self._ctx = text[end - 1]
        self._buf = text[end:]
        return "".join(out)

    def flush(self) -> str:
        """Emit whatever is held back; the stream is finished."""
        if self._closed:
            return ""
        self._closed = True
        text = self._ctx + self._buf
        out = matcher_for(self._vault).restore(text, len(self._ctx), None, self._restored,
                                                self._unknown)
        self._buf = ""
        if self._on_done is not None:
            self._on_done(self._restored, self._unknown[0])
        return out

    def __repr__(self) -> str:
        return f"StreamRestorer(session_id={self._vault.session_id!r}, pending={self.pending})"
