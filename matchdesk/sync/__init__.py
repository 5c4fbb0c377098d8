"""Offline laptops and the team server (docs/sync.md): commands recorded in an outbox, replayed through the
same use cases on the server, changes pulled back. Qt-free; the engines never import it."""
