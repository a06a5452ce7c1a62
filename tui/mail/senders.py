"""Kept lists of who sends mail: public mail providers, and the hiring systems employers use.

A public provider's domain (gmail.com) says nothing about an employer, so it
never ties a message to a card by domain. A hiring system's domain
(greenhouse.io) says a message comes from some employer's hiring process; the
company is then read from the sender's name or the subject. A domain matches
its listed entry or any subdomain of it (``us.greenhouse-mail.io``).
"""

from __future__ import annotations

PUBLIC_PROVIDERS: frozenset[str] = frozenset(
    {
        "aol.com",
        "att.net",
        "comcast.net",
        "fastmail.com",
        "fastmail.fm",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "googlemail.com",
        "hey.com",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "live.com",
        "mac.com",
        "mail.com",
        "mail.ru",
        "me.com",
        "msn.com",
        "outlook.com",
        "pm.me",
        "posteo.de",
        "proton.me",
        "protonmail.ch",
        "protonmail.com",
        "qq.com",
        "t-online.de",
        "tutanota.com",
        "tuta.io",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.fr",
        "yandex.com",
        "yandex.ru",
        "zoho.com",
    }
)

#: Applicant-tracking systems that send on an employer's behalf.
HIRING_SYSTEMS: frozenset[str] = frozenset(
    {
        "applytojob.com",  # JazzHR
        "ashbyhq.com",
        "bamboohr.com",
        "breezy.hr",
        "greenhouse-mail.io",
        "greenhouse.io",
        "hire.lever.co",
        "hirebridge.com",
        "icims.com",
        "jobvite.com",
        "lever.co",
        "myworkday.com",
        "myworkdayjobs.com",
        "personio.de",
        "pinpointhq.com",
        "recruitee.com",
        "smartrecruiters.com",
        "successfactors.com",
        "successfactors.eu",
        "taleo.net",
        "teamtailor.com",
        "teamtailor-mail.com",
        "workable.com",
        "workablemail.com",
        "workday.com",
    }
)


def domain_of(address: str) -> str:
    """The lower-cased domain of ``address`` ('' when it has none)."""
    _, at, domain = address.rpartition("@")
    return domain.strip().strip(".").lower() if at else ""


def _listed(domain: str, listed: frozenset[str]) -> bool:
    labels = domain.split(".")
    return any(".".join(labels[i:]) in listed for i in range(len(labels) - 1))


def is_public_provider(domain: str) -> bool:
    return _listed(domain, PUBLIC_PROVIDERS)


def is_hiring_system(domain: str) -> bool:
    return _listed(domain, HIRING_SYSTEMS)
