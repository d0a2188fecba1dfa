"""`scorer lsp`: the audit in an editor, as a Language Server Protocol server over stdio.

One module a concern: positions.py (offsets to LSP positions in the negotiated encoding),
documents.py (the open documents and their edits), auditing.py (an audit under the config
that applies, off the editor's thread), diagnostics.py (findings as diagnostics), hover.py,
actions.py (the quick fix that sets a finding aside), protocol.py (what pygls gets wrong
for us: the encoding choice, malformed messages) and server.py (the wiring).

pygls is an extra (`sourcing-scorer[lsp]`): nothing here is imported by `audit` or `check`,
and this file imports nothing, so `scorer lsp` can say so in one line when it is missing.
"""
