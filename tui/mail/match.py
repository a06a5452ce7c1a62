"""Which card a message belongs to: three rules, tried from the surest down.

Among the cards not closed:

1. an address of the message (the sender, or for the user's own messages a
   recipient) is a contact's email on exactly one card;
2. the address's domain (or a parent of it: ``talent.acme.com`` is
   ``acme.com``'s) is the domain of contact emails on exactly one card, and is
   not a public mail provider;
3. the sender is a hiring system (Greenhouse, Lever...) and its display name
   or the subject names exactly one card's company.

An address or a name shared by several cards matches none of them: the
message is reported as unmatched with the cards it could belong to, rather
than guessed. Only the headers are needed; nothing here reads files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from email.utils import getaddresses

from tui.domain.model import Interview
from tui.domain.stages import Stage
from tui.mail.headers import Head
from tui.mail.senders import domain_of, is_hiring_system, is_public_provider
from tui.mail.suggestion import Match, Rule, Unmatched

#: Words that say what kind of company it is, not which: "Acme Ltd" is named by "Acme".
_LEGAL_FORMS = {
    "ab", "ag", "as", "bv", "co", "company", "corp", "corporation", "gmbh", "inc", "incorporated",
    "limited", "llc", "llp", "ltd", "nv", "oy", "plc", "pty", "sa", "sarl", "sas", "spa", "the",
}  # fmt: skip


def company_pattern(company: str) -> re.Pattern[str] | None:
    """A pattern finding ``company`` as whole words in casefolded text (None: too short to tell)."""
    words = re.findall(r"\w+", company.casefold())
    core = [w for w in words if w not in _LEGAL_FORMS] or words
    if not core or len("".join(core)) < 2:
        return None
    return re.compile(r"(?<!\w)" + r"\W*".join(map(re.escape, core)) + r"(?!\w)")


class CardIndex:
    """The open cards, indexed by their contacts' addresses and domains, and by company name."""

    def __init__(self, cards: Iterable[Interview]) -> None:
        self.cards: dict[int, Interview] = {}
        self._by_address: dict[str, set[int]] = {}
        self._by_domain: dict[str, set[int]] = {}
        self._names: list[tuple[int, re.Pattern[str]]] = []
        for card in cards:
            if card.stage is Stage.CLOSED:
                continue
            self.cards[card.id] = card
            for contact in card.contacts:
                for address in contact_addresses(contact.email):
                    self._by_address.setdefault(address, set()).add(card.id)
                    domain = domain_of(address)
                    if domain and not is_public_provider(domain):
                        self._by_domain.setdefault(domain, set()).add(card.id)
            pattern = company_pattern(card.company)
            if pattern is not None:
                self._names.append((card.id, pattern))

    def match(self, head: Head, me: frozenset[str]) -> Match | Unmatched:
        info = head.info
        if info.from_me:
            addresses = [a for a in info.recipients if a not in me]
            if not addresses:
                return Unmatched("your own message, to no one else")
        else:
            addresses = [info.sender, *head.also_from]
        found = self._by_contact(addresses) or self._by_company_domain(addresses)
        if found is not None:
            return found
        if not info.from_me:
            named = self._by_hiring_system(addresses, f"{info.sender_name}\n{info.subject}")
            if named is not None:
                return named
        return Unmatched(self._why_not(addresses, info.from_me))

    def _by_contact(self, addresses: Sequence[str]) -> Match | Unmatched | None:
        hits = {a: self._by_address[a] for a in addresses if a in self._by_address}
        ids = set().union(*hits.values()) if hits else set()
        if len(ids) == 1:
            card_id = next(iter(ids))
            address = next(a for a, found in hits.items() if card_id in found)
            return Match(card_id, self.cards[card_id].company, Rule.CONTACT_EMAIL, address)
        if ids:
            return Unmatched(f"{', '.join(hits)}: a contact on {self._several(ids)}")
        return None

    def _by_company_domain(self, addresses: Sequence[str]) -> Match | Unmatched | None:
        hits: dict[str, set[int]] = {}
        for address in addresses:
            domain = domain_of(address)
            if not domain or is_public_provider(domain):
                continue
            labels = domain.split(".")
            for start in range(len(labels) - 1):
                parent = ".".join(labels[start:])
                if parent in self._by_domain:
                    hits[parent] = self._by_domain[parent]
                    break
        ids = set().union(*hits.values()) if hits else set()
        if len(ids) == 1:
            card_id = next(iter(ids))
            return Match(card_id, self.cards[card_id].company, Rule.COMPANY_DOMAIN, next(iter(hits)))
        if ids:
            return Unmatched(f"{', '.join(hits)}: the domain of contacts on {self._several(ids)}")
        return None

    def _by_hiring_system(self, addresses: Sequence[str], text: str) -> Match | Unmatched | None:
        system = next((d for d in map(domain_of, addresses) if d and is_hiring_system(d)), "")
        if not system:
            return None
        folded = text.casefold()
        ids = {card_id for card_id, pattern in self._names if pattern.search(folded)}
        if len(ids) == 1:
            card_id = next(iter(ids))
            return Match(card_id, self.cards[card_id].company, Rule.HIRING_SYSTEM, system)
        if ids:
            return Unmatched(f"from a hiring system ({system}) naming {self._several(ids)}")
        return Unmatched(
            f"from a hiring system ({system}), but neither its sender nor its subject "
            "names an open card's company"
        )

    def _several(self, ids: set[int]) -> str:
        shown = sorted(ids)[:3]
        names = ", ".join(f"#{i} {self.cards[i].company}" for i in shown)
        more = f" and {len(ids) - len(shown)} more" if len(ids) > len(shown) else ""
        return f"{len(ids)} cards ({names}{more})"

    def _why_not(self, addresses: Sequence[str], from_me: bool) -> str:
        shown = ", ".join(addresses[:3]) + (" ..." if len(addresses) > 3 else "")
        public = sorted({d for d in map(domain_of, addresses) if d and is_public_provider(d)})
        note = f" ({', '.join(public)}: a public mail provider)" if public else ""
        if from_me:
            return f"to no contact of an open card: {shown}{note}"
        return f"not from a contact of an open card, nor from their domain: {shown}{note}"


def contact_addresses(text: str) -> list[str]:
    """The addresses in a contact's email field ("Ann <ann@acme.com>", or several), lower-cased."""
    if "@" not in text:
        return []
    try:
        pairs = getaddresses([text.replace(";", ",")])
    except (ValueError, IndexError, TypeError):
        return []
    return [a.strip().lower() for _, a in pairs if "@" in a]
