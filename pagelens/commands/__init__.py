"""Subcommands of the ``pagelens`` command, one module each."""
