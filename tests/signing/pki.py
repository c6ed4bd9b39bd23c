"""A small public-key infrastructure for the tests, made once per session with certomancer: a root CA, the
Director's and the Sở's signing certificates, a time-stamping authority and an OCSP responder, served over HTTP on
127.0.0.1 by a tiny threaded server; and an unrelated CA with its own signer, which nobody trusts."""

import datetime as dt
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import ocsp, pem, tsp
from certomancer.registry import CertomancerConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

PASSPHRASE = "mat-khau-thu"
KEYS = ["root", "director", "org", "tsa", "ocsp", "stranger-root", "stranger"]
ARCH = "so"


def _ext_ca():
    return [
        {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
        {"id": "key_usage", "critical": True,
         "smart-value": {"schema": "key-usage", "params": ["digital_signature", "key_cert_sign", "crl_sign"]}},
    ]


def _ext_signer(ca):
    return [
        {"id": "key_usage", "critical": True,
         "smart-value": {"schema": "key-usage", "params": ["digital_signature", "non_repudiation"]}},
        {"id": "crl_distribution_points", "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [ca]}}},
        {"id": "authority_information_access",
         "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": [f"{ca}-ocsp"]}}},
    ]


def _config(keydir: Path) -> dict:
    validity = {"valid-from": "2020-01-01T00:00:00+0000", "valid-to": "2050-01-01T00:00:00+0000"}
    leaf = {"valid-from": "2022-01-01T00:00:00+0000", "valid-to": "2045-01-01T00:00:00+0000"}
    return {
        "keysets": {ARCH: {"path-prefix": str(keydir), "keys": {k: {"path": f"{k}.pem"} for k in KEYS}}},
        "pki-architectures": {ARCH: {
            "keyset": ARCH,
            "entity-defaults": {"country-name": "VN", "organization-name": "Ban Co yeu Thu nghiem"},
            "entities": {
                "root": {"common-name": "CA Thu nghiem"},
                "director": {"common-name": "Nguyễn Văn Giám", "organization-name": "Sở Lao động - Thương binh và Xã hội"},
                "org": {"common-name": "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận",
                        "organization-name": "Sở Lao động - Thương binh và Xã hội"},
                "tsa": {"common-name": "TSA Thu nghiem"},
                "ocsp": {"common-name": "OCSP Thu nghiem"},
                "stranger-root": {"common-name": "CA La", "organization-name": "Ai do"},
                "stranger": {"common-name": "Nguyễn Văn Giám", "organization-name": "Ai do"},
            },
            "certs": {
                "root": {"subject": "root", "issuer": "root", "validity": validity, "extensions": _ext_ca()},
                "director": {"issuer": "root", "validity": leaf, "extensions": _ext_signer("root")},
                "org": {"issuer": "root", "validity": leaf, "extensions": _ext_signer("root")},
                "tsa": {"issuer": "root", "validity": leaf, "extensions": [
                    {"id": "key_usage", "critical": True,
                     "smart-value": {"schema": "key-usage", "params": ["digital_signature"]}},
                    {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                ]},
                "ocsp": {"issuer": "root", "validity": leaf, "extensions": [
                    {"id": "key_usage", "critical": True,
                     "smart-value": {"schema": "key-usage", "params": ["digital_signature"]}},
                    {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                    {"id": "ocsp_no_check"},
                ]},
                "stranger-root": {"subject": "stranger-root", "issuer": "stranger-root", "validity": validity,
                                  "extensions": _ext_ca()},
                "stranger": {"issuer": "stranger-root", "validity": leaf, "extensions": [
                    {"id": "key_usage", "critical": True,
                     "smart-value": {"schema": "key-usage", "params": ["digital_signature", "non_repudiation"]}},
                ]},
            },
            "services": {
                "ocsp": {"root-ocsp": {"for-issuer": "root", "responder-cert": "ocsp", "signing-key": "ocsp"}},
                "crl-repo": {"root": {"for-issuer": "root", "signing-key": "root",
                                      "simulated-update-schedule": "P90D"}},
                "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
            },
        }},
    }


@dataclass
class TestPKI:
    arch: object
    base_url: str
    folder: Path
    server: ThreadingHTTPServer

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/{ARCH}/tsa/tsa"

    def pem(self, label: str) -> Path:
        """The certificate `label` as a PEM file (for trust-root settings)."""
        path = self.folder / f"{label}.crt.pem"
        if not path.exists():
            path.write_bytes(pem.armor("CERTIFICATE", self.arch.get_cert(label).dump()))
        return path

    def pkcs12(self, label: str) -> Path:
        """The key and certificate (with its chain) of `label` as a PKCS#12 file protected by PASSPHRASE."""
        path = self.folder / f"{label}.p12"
        if not path.exists():
            path.write_bytes(self.arch.package_pkcs12(label, password=PASSPHRASE.encode()))
        return path

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def _handler(arch):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, body: bytes, mime: str):
            self.send_response(200)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            now = dt.datetime.now(dt.timezone.utc)
            registry = arch.service_registry
            if self.path == f"/{ARCH}/tsa/tsa":
                tsa = registry.summon_timestamper("tsa", now)
                return self._send(tsa.request_tsa_response(tsp.TimeStampReq.load(data)).dump(),
                                  "application/timestamp-reply")
            if self.path == f"/{ARCH}/ocsp/root-ocsp":
                responder = registry.summon_responder("root-ocsp", now)
                return self._send(responder.build_ocsp_response(ocsp.OCSPRequest.load(data)).dump(),
                                  "application/ocsp-response")
            self.send_error(404)

        def do_GET(self):
            if self.path == f"/{ARCH}/crls/root/latest.crl":
                crl = arch.service_registry.get_crl("root", dt.datetime.now(dt.timezone.utc))
                return self._send(crl.dump(), "application/pkix-crl")
            self.send_error(404)

    return Handler


def start_pki(folder: Path) -> TestPKI:
    """Keys, certificates and the services, ready in well under a second (EC P-256 keys)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in KEYS:
        key = ec.generate_private_key(ec.SECP256R1())
        (folder / f"{name}.pem").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    config = CertomancerConfig(_config(folder), key_search_dir=str(folder), external_url_prefix=base_url)
    arch = config.get_pki_arch(ARCH)
    server.RequestHandlerClass = _handler(arch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return TestPKI(arch=arch, base_url=base_url, folder=folder, server=server)
