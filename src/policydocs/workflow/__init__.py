"""The editor's and the translators' commands on a site's files: release, withdraw, translate.

Each acts on a ``Workspace`` and writes the record or the catalogs, checked by the reader that will load them.
"""
