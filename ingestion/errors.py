"""Why a document is rejected, as specific exception types with messages that say what to do.

A rejected document is recorded (``dim_document.status = 'rejected'`` with ``rejection_reason``) and
the rest of the batch goes on. Each subclass carries a stable ``reason`` code users can query.
"""

from __future__ import annotations


class DocumentRejected(Exception):
    """Base class: this file cannot be turned into facts. ``str(error)`` is the advice shown to users."""

    reason = "rejected"

    def __init__(self, source_file: str, message: str) -> None:
        super().__init__(f"{source_file}: {message}")
        self.source_file = source_file
        self.message = message

    def __reduce__(self):
        """Pickle as (source_file, message), so a rejection raised in a worker process arrives intact."""
        return type(self), (self.source_file, self.message)


class EmptyFile(DocumentRejected):
    reason = "empty_file"


class UnsupportedFormat(DocumentRejected):
    reason = "unsupported_format"


class NoTextLayer(DocumentRejected):
    reason = "no_text_layer"


class EncryptedDocument(DocumentRejected):
    reason = "encrypted"


class CorruptDocument(DocumentRejected):
    reason = "corrupt"


class NotADisclosure(DocumentRejected):
    reason = "not_a_disclosure"


class ResourceLimitExceeded(DocumentRejected):
    reason = "resource_limit"


class ReaderFailed(DocumentRejected):
    """A reader or extractor raised something unexpected (a bug or a pathological file): the batch goes on."""

    reason = "reader_error"


class UnreadableFile(DocumentRejected):
    """The file could not be opened or read (permissions, I/O error, vanished during the run)."""

    reason = "unreadable"


class StagingValidationFailed(DocumentRejected):
    """The extracted frames broke a pandera schema: the message names column and failing values."""

    reason = "validation_failed"
