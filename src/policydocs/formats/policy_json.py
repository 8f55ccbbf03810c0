"""``/<lang>/versions/<date>/policy.json``: each version's data with its text in the locale."""

from __future__ import annotations

from ..cache import key
from ..policy.dump import to_data
from ..policy.model import Policy
from ..site import addresses
from ..site.pages import LocalePages
from ..site.publication import Publication
from ..versions.archive import Release
from ._json import dump


def policy_json(release: Release, locale: str, policy: Policy, *, withdrawn: bool = False) -> str:
    """One version's ``policy.json`` in ``locale`` (``withdrawn``: it is withdrawn on the build date)."""
    slug = release.effective_date.isoformat()
    extra: dict[str, object] = {"forced": release.forced} if release.forced else {}
    if withdrawn and release.withdrawn is not None:
        extra["withdrawn"] = {"day": release.withdrawn.withdrawn.isoformat(), "reason": release.withdrawn.reason}
    return dump(
        {
            "$schema": addresses.from_root(addresses.VERSION_SCHEMA, addresses.policy_json(slug)),
            "effective_date": release.effective_date.isoformat(),
            "published": release.published.isoformat(),
            # The first version is neither material nor editorial: it is the first.
            "class": "initial" if release.previous_digest is None else release.change_class,
            **extra,
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
        release, withdrawn = version.release, version.status == "withdrawn"
        name = key("policy.json", release.digest, [c.digest for c in release.corrections], pages.locale, withdrawn)
        found[addresses.policy_json(version.slug)] = publication.cache.remember(
            name,
            lambda v=version, w=withdrawn: policy_json(v.release, pages.locale, pages.policies[v.slug], withdrawn=w),
        )
    return found
