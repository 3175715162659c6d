"""What this deployment renders with: a page's ETag changes when a new release changes how the
page is drawn, even though nothing on the public site changed."""

from functools import cache
from hashlib import sha256
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGE = "translate_flow"


@cache
def deploy_stamp(package_root: str, template_root: str) -> str:
    """The package's version and the content of its code and templates, hashed once per process.

    Content rather than modification times: every worker, and every machine behind a load
    balancer, serving the same release computes the same stamp, so their ETags agree and a
    reader's revalidation is answered 304 by whichever one it reaches.
    """
    try:
        release = version(PACKAGE)
    except PackageNotFoundError:
        release = "unreleased"
    digest = sha256(release.encode())
    for root, pattern in ((Path(package_root), "*.py"), (Path(template_root), "*")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
