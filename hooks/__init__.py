"""Pure modules of the help site, and the thin MkDocs hooks that call them.

The modules named without a ``_hook`` suffix know nothing of MkDocs: the tests and the
command line use them directly.
"""
