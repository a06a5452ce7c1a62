"""One board on several machines, through git: the board-aware merge and ``followup sync``.

- ``merge``: the merge of three versions of a board, pure (cards in, cards out);
- ``boardfile``: board files to and from the merge; ``changes``: what differs between two boards;
- ``git``: running git without ever prompting; ``run``: one ``followup sync``;
- ``command``: the ``sync`` and ``merge`` sub-commands (light: the rest is imported when they run).
"""
