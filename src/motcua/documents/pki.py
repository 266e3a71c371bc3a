"""A development PKI: a root CA and one signing certificate per receiving point, as PKCS#12 files.

For demos and tests only. Production signs with the unit's real certificate (``DIGITIZATION_SIGNING_P12``)
issued by a licensed CA, and trusts that CA's roots (``DIGITIZATION_TRUST_ROOTS``).

Layout under ``DIGITIZATION_PKI_DIR``: ``ca.pem`` (the root, to trust), ``ca.p12`` (its key),
``points/<point code>.p12`` and ``points/_unit.p12`` (for signing without a receiving point).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

CA_NAME = "motcua development CA (not trusted outside development)"
DEFAULT_UNIT = "_unit"
_VALID_DAYS_CA = 3650
_VALID_DAYS_UNIT = 1095
#: Development certificates are valid from a fixed past day, so a demo or a test set at an earlier date than the
#: day the keys were made (time travel) still finds them valid.
VALID_FROM = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Unit:
    """Whose certificate: the file stem (a point's code) and the names written in the certificate."""

    key: str
    common_name: str
    organization: str


def pki_dir() -> Path:
    return Path(settings.DIGITIZATION_PKI_DIR)


def ca_cert_path() -> Path:
    return pki_dir() / "ca.pem"


def unit_p12_path(key: str) -> Path:
    return pki_dir() / "points" / f"{safe_name(key)}.p12"


def safe_name(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", key) or DEFAULT_UNIT


def _password() -> bytes:
    return str(settings.DIGITIZATION_P12_PASSWORD).encode()


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _encryption() -> serialization.KeySerializationEncryption:
    return serialization.BestAvailableEncryption(_password())


def ensure_ca() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """The development CA, made on first use and read back afterwards."""
    p12_path = pki_dir() / "ca.p12"
    if p12_path.exists():
        key, cert, _ = pkcs12.load_key_and_certificates(p12_path.read_bytes(), _password())
        assert isinstance(key, rsa.RSAPrivateKey) and cert is not None
        return key, cert
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name(CA_NAME, "motcua")
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(now + dt.timedelta(days=_VALID_DAYS_CA))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    p12_path.parent.mkdir(parents=True, exist_ok=True)
    p12_path.write_bytes(pkcs12.serialize_key_and_certificates(b"ca", key, cert, None, _encryption()))
    ca_cert_path().write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def ensure_unit(unit: Unit) -> tuple[Path, bool]:
    """The unit's PKCS#12 file, issued by the development CA if missing. Returns (path, created)."""
    path = unit_p12_path(unit.key)
    if path.exists():
        return path, False
    ca_key, ca_cert = ensure_ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(unit.common_name, unit.organization))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(VALID_FROM)
        .not_valid_after(now + dt.timedelta(days=_VALID_DAYS_UNIT))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    data = pkcs12.serialize_key_and_certificates(unit.key.encode(), key, cert, [ca_cert], _encryption())
    path.write_bytes(data)
    return path, True


def point_unit(point: object | None) -> Unit:
    """The certificate holder for a receiving point (duck-typed: ``code``, ``name``, ``operator.name``)."""
    if point is None:
        return Unit(DEFAULT_UNIT, "motcua digitization unit (development)", "motcua")
    operator = getattr(point, "operator", None)
    return Unit(str(point.code), str(point.name), str(getattr(operator, "name", "") or point.name))  # type: ignore[attr-defined]


def agency_unit(agency: object) -> Unit:
    """The certificate holder for a competent agency (duck-typed: ``code``, ``name``), for signing results in
    demos and tests. The file stem is prefixed so an agency and a receiving point never share a certificate."""
    code, name = str(agency.code), str(agency.name)  # type: ignore[attr-defined]
    return Unit(f"agency-{code}", name, name)
