"""Use cases shared by the command line and the window (docs/architecture.md).

A use case takes the application object first (``def open_candidate(app: App, klantnummer) -> ...``),
opens its own unit of work, applies the rules, writes the audit and returns plain frozen values. The
functions that take a ``session`` are the building blocks those use cases (and ``transfer/``'s batch
import) compose inside their own transaction; the window and the command line never call them."""
