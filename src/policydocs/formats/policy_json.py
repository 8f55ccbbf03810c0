"""``/<lang>/versions/<date>/policy.json``: each version's data with its text in the locale."""

from __future__ import annotations

from ..cache import key
from ..policy.migrate import to_data
from ..policy.v2 import Policy
from ..site import addresses
from ..site.pages import LocalePages
from ..site.publication import Publication
from ..versions.archive import Release
from ._json import dump


def policy_json(release: Release, locale: str, policy: Policy) -> str:
    """One version's ``policy.json`` in ``locale``."""
    slug = release.effective_date.isoformat()
    forced = {"forced": release.forced} if release.forced else {}
    return dump(
        {
            "$schema": addresses.from_root(addresses.VERSION_SCHEMA, addresses.policy_json(slug)),
            "effective_date": release.effective_date.isoformat(),
            "published": release.published.isoformat(),
            # The first version is neither material nor editorial: it is the first.
            "class": "initial" if release.previous_digest is None else release.change_class,
            **forced,
            "locale": locale,
            "binding": locale in policy.binding_locales,
            "digest": release.digest,
            "policy": to_data(policy),
        }
    )


def files(publication: Publication, pages: LocalePages, strict: bool) -> dict[str, str]:
    """Each version's ``policy.json`` in this locale (from the cache when it has them)."""
    found = {}
    for version in publication.versions:
        if version.slug not in pages.policies:
            continue
        name = key("policy.json", version.release.digest, [c.digest for c in version.release.corrections], pages.locale)
        found[addresses.policy_json(version.slug)] = publication.cache.remember(
            name, lambda v=version: policy_json(v.release, pages.locale, pages.policies[v.slug])
        )
    return found
