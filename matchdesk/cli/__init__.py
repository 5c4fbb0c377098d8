"""The ``matchdesk`` command line: a thin layer over the services, Dutch messages, contract exit codes."""
