"""Mail moves the board: what local mail files say about the cards, read-only.

``read`` opens mail files (maildir, mbox, .eml, stdin) for reading only;
``headers``, ``body`` and ``invite`` decode what was read; ``match`` ties a
message to a card; ``classify`` says what it would do; ``plan`` joins them
into ``Suggestion`` values (``suggestion``); ``apply`` turns one into the
change of its card; ``describe`` words them and ``command`` is
``followup mail``. Only ``read`` and ``command`` touch files;
nothing here imports Textual, and only ``command`` reaches the store.
"""
