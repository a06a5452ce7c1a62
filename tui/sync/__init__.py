"""One board on several machines, through git: the board-aware merge and ``followup sync``.

- ``merge``: the merge of three versions of a board, pure (cards in, cards out);
- ``boardfile``: board files to and from the merge, and the ``followup merge`` git driver;
- ``git``: running git without ever prompting; ``command``: the ``sync`` and ``merge`` commands.
"""
