#!/usr/bin/env python
"""Django's command-line utility; `.venv/bin/qunyan` is the same with the settings preset."""

from qunyan.cli import main

if __name__ == "__main__":
    main()
