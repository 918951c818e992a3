"""The one session policy every entry point uses: the guard, LangChain and LlamaIndex alike.

A call's session is, in order:

1. the session given explicitly (``session_id=``, a LangChain ``configurable`` session or
   thread id, a LlamaIndex component's bound ``session_id``);
2. else the current ``guard.session(...)`` block (a context variable: each thread and asyncio
   task sees its own);
3. else a private *per-call* session, created for this call and forgotten when it ends.

No entry point ever falls back to a session shared between callers. ``Guard`` methods, which
are one half of a round trip (``pseudonymize`` now, ``restore`` later), stop at step 2: without
a session they raise :class:`~chatveil.errors.NoSessionError`, since a per-call session would be
gone before the caller could restore anything.

A per-call session's id is derived (keyed HMAC) from a seed the adapter passes, the
conversation's first user message, so the same conversation gets the same surrogates from one
call to the next; if a call with that id is running right now, a random id is used instead.

The scope of a call is also the *current call* of the context that opened it (a context
variable, like the session block): once the call has pseudonymized, restoring its answer in
the same context needs no catch-up with the store (see :func:`current_call`).

A call's scope *holds* its session from the call's start to its end (the end of its stream,
or the stream's close or abandonment): the session is not purged or evicted while the model
or the reader takes its time, and its lifetime starts again when the call ends. The context
variable refers to the scope weakly, so a scope its adapter dropped without closing it (a
stream never started) stops holding the session once it is garbage-collected.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import hmac
import secrets
import threading
import uuid
import weakref
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import cachetools

from chatveil.errors import NoSessionError

if TYPE_CHECKING:
    from chatveil._guard import Guard
    from chatveil.state import Hold

__all__ = [
    "InCall",
    "SessionScope",
    "current_call",
    "current_session",
    "forgotten",
    "given_session",
    "on_forget",
    "open_session",
    "require_session",
    "session_block",
]

_SESSION: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "chatveil_session", default=None
)
#: The scope of the call running in this context (set by open_session; stale once closed),
#: weakly: the context never keeps a call's scope (and its hold on the session) alive.
_CALL: contextvars.ContextVar[weakref.ref[SessionScope] | None] = contextvars.ContextVar(
    "chatveil_call", default=None
)
#: Key of per-call session ids when the guard has no secret of its own.
_PROCESS_KEY = secrets.token_bytes(32)
#: Per-call session ids in use, by (guard, id): a concurrent call never shares one.
_IN_FLIGHT: cachetools.TTLCache[tuple[int, str], bool] = cachetools.TTLCache(100_000, 3600)
_IN_FLIGHT_LOCK = threading.Lock()
_PREFIX = "chatveil-call-"
_T = TypeVar("_T")


#: Called with (guard, session id) when a session is forgotten, expires or is evicted:
#: adapters' own per-session caches register here.
_FORGET_HOOKS: list[Callable[[Guard, str], None]] = []


def on_forget(hook: Callable[[Guard, str], None]) -> Callable[[Guard, str], None]:
    """Register ``hook(guard, session_id)`` to erase an adapter's caches of a session."""
    _FORGET_HOOKS.append(hook)
    return hook


def forgotten(guard: Guard, session_id: str) -> None:
    """Tell every registered cache that ``session_id`` of ``guard`` is gone."""
    for hook in list(_FORGET_HOOKS):
        hook(guard, session_id)


def current_session() -> str | None:
    """The session set by the innermost ``guard.session(...)`` block, if any."""
    return _SESSION.get()


def _checked(session_id: object) -> str:
    if not isinstance(session_id, str) or not session_id:
        raise TypeError("session_id must be a non-empty string")
    return session_id


@contextlib.contextmanager
def session_block(session_id: str) -> Iterator[str]:
    """Make ``session_id`` the current session inside the block (see ``Guard.session``)."""
    token = _SESSION.set(_checked(session_id))
    try:
        yield session_id
    finally:
        _SESSION.reset(token)


def given_session(session_id: str | None = None) -> str | None:
    """Steps 1 and 2 of the policy: the explicit session, else the current block's, if any."""
    sid = session_id if session_id else _SESSION.get()
    return _checked(sid) if sid else None


def require_session(session_id: str | None = None) -> str:
    """Steps 1 and 2 of the policy, for calls that cannot end a per-call session themselves.

    Raises:
        NoSessionError: neither is set.
        TypeError: ``session_id`` is not a non-empty string.
    """
    if session_id is None:
        session_id = _SESSION.get()
        if session_id is None:
            raise NoSessionError()
    return _checked(session_id)


class SessionScope:
    """The session of one call; ends a per-call session when the call ends.

    Use it as a context manager, or call :meth:`close` (idempotent) when the call's output is
    finished (a stream may end long after the call started). While it is :meth:`held
    <hold>`, the session neither expires nor is evicted; :meth:`close` releases it, and its
    lifetime starts again then.

    Attributes:
        session_id: the session the call uses.
        per_call: the session belongs to this call alone and is forgotten by :meth:`close`.
    """

    def __init__(self, guard: Guard, session_id: str, per_call: bool) -> None:
        self.guard = guard
        self.session_id = session_id
        self.per_call = per_call
        self._closed = False
        #: what the guard's last pseudonymize in this call left the session's state at (the
        #: guard's own marker: restoring in the call needs no catch-up while it still holds)
        self.synced: tuple[object, str, int] | None = None
        self._outer: weakref.ref[SessionScope] | None = None
        self._holds: list[Hold] = []

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def held(self) -> bool:
        """True while the scope holds its session (from :meth:`hold` to :meth:`close`)."""
        return bool(self._holds)

    def hold(self) -> SessionScope:
        """Hold the session until :meth:`close` (idempotent): it is not purged or evicted
        while the call uses it, and its lifetime restarts when the call ends. If the scope
        is garbage-collected without :meth:`close`, the hold ends with it."""
        if not self._closed and not self._holds:
            self._holds = self.guard._hold(self.session_id)
        return self

    def close(self) -> None:
        """Release the session (its lifetime restarts now); forget a per-call session
        (everything derived from it, in every cache)."""
        if self._closed:
            return
        self._closed = True
        self.synced = None
        current = _CALL.get()
        if current is not None and current() is self:
            _CALL.set(self._outer)  # (in the context that opened it) an enclosing call again
        holds, self._holds = self._holds, []
        try:
            if self.per_call:
                try:
                    self.guard.forget(self.session_id)
                finally:
                    with _IN_FLIGHT_LOCK:
                        _IN_FLIGHT.pop((id(self.guard), self.session_id), None)
        finally:
            for hold in holds:  # (after forgetting a per-call session: nothing to refresh)
                hold.release()

    async def aclose(self) -> None:
        """:meth:`close` in a worker thread: forgetting a per-call session is a store call,
        which must not block an event loop."""
        if not self._closed:
            await asyncio.to_thread(self.close)

    def __enter__(self) -> SessionScope:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    async def __aenter__(self) -> SessionScope:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        kind = "per-call" if self.per_call else "session"
        return f"SessionScope({kind}, closed={self._closed}, held={self.held})"


def open_session(guard: Guard, session_id: str | None = None, *, seed: str = "",
                 hold: bool = True) -> SessionScope:
    """The session of one call, by the policy above.

    Args:
        guard: the guard whose vaults the call uses.
        session_id: the explicit session, if the caller gave one.
        seed: text a per-call session id is derived from (the first user message), so that
            a conversation re-sent call after call keeps its surrogates.
        hold: hold the session until the scope is closed (:meth:`SessionScope.hold`). Pass
            ``False`` only where the caller does not close the scope at the call's end.
    """
    sid = given_session(session_id)
    if sid is not None:
        scope = _current(SessionScope(guard, sid, per_call=False))
        return scope.hold() if hold else scope
    key = guard.config.secret_key or _PROCESS_KEY
    digest = hmac.new(key, b"chatveil-call\x00" + seed.encode("utf-8", "surrogatepass"),
                      hashlib.sha256).hexdigest()[:32]
    sid = _PREFIX + digest
    with _IN_FLIGHT_LOCK:
        if (id(guard), sid) in _IN_FLIGHT:
            sid = _PREFIX + uuid.uuid4().hex
        _IN_FLIGHT[(id(guard), sid)] = True
    guard.forget(sid)  # a vault left by an interrupted call is never reused
    scope = _current(SessionScope(guard, sid, per_call=True))
    return scope.hold() if hold else scope


def _current(scope: SessionScope) -> SessionScope:
    """Make ``scope`` this context's current call (the enclosing one comes back at close)."""
    ref = _CALL.get()
    outer = ref() if ref is not None else None
    scope._outer = ref if outer is not None and not outer.closed else None
    _CALL.set(weakref.ref(scope))
    return scope


def current_call(guard: Guard, session_id: str) -> SessionScope | None:
    """The open scope of the call running in this context, if it is ``guard``'s call on
    ``session_id`` (else ``None``: a standalone call, another thread or task, a closed call).

    Only the context that opened the call sees it (an ``asyncio.to_thread`` started from
    there too): a ``guard.restore`` from anywhere else is standalone and catches up.
    """
    ref = _CALL.get()
    scope = ref() if ref is not None else None
    if (scope is None or scope.closed or scope.guard is not guard
            or scope.session_id != session_id):
        return None
    return scope


class InCall:
    """Runs the steps of one async call in worker threads, all in one context.

    ``asyncio.to_thread`` runs each step in a fresh copy of the caller's context, so a scope
    opened in one step (the call's session scope, see :func:`current_call`) is gone in the
    next, and restoring the answer catches up with the store as a standalone restore would.
    The steps of an ``InCall`` share a copy of the context made when it was created, so the
    answer is restored in the context that pseudonymized the call, as in a sync call. Steps
    are awaited one after the other; if one still runs when the next starts (its caller was
    cancelled while it ran), the next runs in a copy of the context instead.
    """

    __slots__ = ("_busy", "_context")

    def __init__(self) -> None:
        self._context = contextvars.copy_context()
        self._busy = threading.Lock()

    async def __call__(self, fn: Callable[..., _T], /, *args: Any) -> _T:
        """``fn(*args)`` in a worker thread (asyncio's default executor), in the call's
        context."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self._run, fn, args)

    def _run(self, fn: Callable[..., _T], args: tuple[Any, ...]) -> _T:
        if not self._busy.acquire(blocking=False):  # (a context runs in one thread at a time)
            return self._context.copy().run(fn, *args)
        try:
            return self._context.run(fn, *args)
        finally:
            self._busy.release()
