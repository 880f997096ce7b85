"""Source parsers: one module per official list format.

Each module turns a native file into :class:`sanctiongap.model.SourceRecord` objects
and knows nothing of the knowledge base.  ``registry`` finds the parser for a file.
"""
