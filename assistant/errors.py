"""One rooted exception tree. Every error a user can meet is a
`PolicyAssistantError` whose message is Chinese and says what to do; each
front end converts them in one place (cli.main, web.common.to_gr_error,
web.api's exception handler).

    PolicyAssistantError
    ├── UserInputError            something the user can fix
    │   ├── QuestionError         an empty, over-long or garbled question
    │   ├── ProfileError          an enterprise profile with unknown fields or values
    │   ├── UnreadableDocument    a file that is not a readable policy document
    │   ├── UploadError           an upload refused (name, type, size, permission)
    │   └── ConfigError           a setting with a wrong value or name
    └── BackendError              the system cannot answer right now
        ├── EmbeddingError        the embedding model cannot be loaded or run
        ├── VectorStoreError      Chroma (embedded or server) failed
        ├── IndexUnavailable      no usable index: not built, damaged, or another model
        │   └── IndexBuilding     the first index is being built; answers come once it is ready
        ├── ServerBusy            more requests waiting than the server queues
        └── IndexBusy             another build holds the index's build lock too long
"""

from __future__ import annotations


class PolicyAssistantError(Exception):
    """Root of every error shown to a user; str(exc) is the message."""


class UserInputError(PolicyAssistantError, ValueError):
    """The input cannot be used as given; the user can fix it."""


class QuestionError(UserInputError):
    """A question that cannot be asked as given."""


class ProfileError(UserInputError):
    """An enterprise profile (政策匹配) with unknown fields or values."""


class UnreadableDocument(UserInputError):
    """A file that cannot be read as a policy document; the message says why."""


class UploadError(UserInputError):
    """An upload that is refused; the message says why."""


class ConfigError(UserInputError):
    """A setting (environment, TOML, flag) with a wrong name or value."""


class BackendError(PolicyAssistantError, RuntimeError):
    """A part of the system failed; the message says what to check."""


class EmbeddingError(BackendError):
    """The embedding model could not be loaded or run."""


class VectorStoreError(BackendError):
    """The vector store (embedded Chroma or a Chroma server) failed."""


class IndexUnavailable(BackendError):
    """No usable index; the message says what to run."""


class IndexBuilding(IndexUnavailable):
    """The server started before its first index existed and is building it."""


class ServerBusy(BackendError):
    """Every answering slot is taken and the waiting line is full."""


class IndexBusy(BackendError):
    """Another builder holds the index's build lock; the current index keeps serving."""
