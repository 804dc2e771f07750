"""The exception hierarchy, keyed by the C library's result codes.

Every negative ``ce_result`` raises the class registered for its code
(the SWIG typemap calls :func:`error_from_code`), carrying the library's
message, which names the field and value at fault. Codes are the C ones and
are never renumbered. This module imports nothing from the C extension:
the extension imports it.
"""

from __future__ import annotations

__all__ = [
    "CoopEduError",
    "OutOfMemoryError",
    "NotFoundError",
    "InvalidError",
    "IntegrityError",
    "ExistsError",
    "ConstraintError",
    "TransitionError",
    "CycleError",
    "NotSupportedError",
    "BackendError",
    "BusyError",
    "SchemaError",
    "MisuseError",
    "DeniedError",
    "error_from_code",
]

# The C codes (include/coopedu/common.h); repeated here so that this module
# stands alone.
CE_ERROR = -1
CE_ENOMEM = -2
CE_ENOTFOUND = -3
CE_EEXISTS = -4
CE_EINVALID = -5
CE_ECONSTRAINT = -6
CE_ETRANSITION = -7
CE_ECYCLE = -8
CE_ENOTSUPPORTED = -9
CE_EBACKEND = -10
CE_EBUSY = -11
CE_ESCHEMA = -12
CE_EMISUSE = -13
CE_EDENIED = -14


class CoopEduError(Exception):
    """Base of every libcoopedu error.

    ``code`` is the C result code (``CE_E*``, negative) and ``message`` the
    library's explanation, e.g. ``"partner.name: '…' is already taken by
    partner 2"``.
    """

    code: int = CE_ERROR

    def __init__(self, message: str = "", code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        # KeyError would quote the message; every class reads the same.
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code})"

    def __reduce__(self):  # pickling keeps the code
        return (type(self), (self.message, self.code))


class OutOfMemoryError(CoopEduError, MemoryError):
    """The library ran out of memory (CE_ENOMEM)."""

    code = CE_ENOMEM


class NotFoundError(CoopEduError, KeyError):
    """No record with that id or key (CE_ENOTFOUND); also a KeyError."""

    code = CE_ENOTFOUND


class InvalidError(CoopEduError, ValueError):
    """An argument or field value is malformed or out of range (CE_EINVALID);
    also a ValueError."""

    code = CE_EINVALID


class IntegrityError(CoopEduError):
    """A rule of the store refused the change; the store is unchanged."""


class ExistsError(IntegrityError):
    """A unique value (name, number, code, pair) is taken (CE_EEXISTS)."""

    code = CE_EEXISTS


class ConstraintError(IntegrityError):
    """Referential integrity: a dangling reference, or a record still
    referenced (CE_ECONSTRAINT)."""

    code = CE_ECONSTRAINT


class TransitionError(IntegrityError):
    """A lifecycle move that is not allowed, or whose date goes backwards
    (CE_ETRANSITION)."""

    code = CE_ETRANSITION


class CycleError(IntegrityError):
    """The change would close a cycle (CE_ECYCLE)."""

    code = CE_ECYCLE


class NotSupportedError(CoopEduError):
    """The backend does not provide this operation (CE_ENOTSUPPORTED)."""

    code = CE_ENOTSUPPORTED


class BackendError(CoopEduError):
    """The storage engine failed: I/O, corruption, server (CE_EBACKEND)."""

    code = CE_EBACKEND


class BusyError(CoopEduError):
    """The store is locked by another writer; retry later (CE_EBUSY)."""

    code = CE_EBUSY


class SchemaError(CoopEduError):
    """The store's schema is newer than this library, or not ours
    (CE_ESCHEMA)."""

    code = CE_ESCHEMA


class MisuseError(CoopEduError):
    """The call is not allowed in this state (CE_EMISUSE): commit without
    begin, a closed database, a finished iteration, ..."""

    code = CE_EMISUSE


class DeniedError(CoopEduError):
    """The handle's role may not do this (CE_EDENIED): a change outside what
    the role of :func:`coopedu.open` (``role=..., actor=...``) allows, or a
    read only trusted, admin and office handles may make (the audit trail).
    Nothing changed. A record the role may not see is not denied but absent:
    NotFoundError."""

    code = CE_EDENIED


_BY_CODE: dict[int, type[CoopEduError]] = {
    cls.code: cls
    for cls in (
        CoopEduError,
        OutOfMemoryError,
        NotFoundError,
        InvalidError,
        ExistsError,
        ConstraintError,
        TransitionError,
        CycleError,
        NotSupportedError,
        BackendError,
        BusyError,
        SchemaError,
        MisuseError,
        DeniedError,
    )
}


def error_from_code(code: int, message: str) -> CoopEduError:
    """The exception for C result ``code`` (an unknown code gives the base
    class, keeping the code)."""
    return _BY_CODE.get(code, CoopEduError)(message, code)
