// The study-token filter that 'hilum demo --orthanc' loads into its Orthanc,
// so that the hilum executable runs the demo without the source checkout.
// It is a copy of Tools/orthanc/hilum_token_filter.py, and a test fails when
// the two differ.
enum OrthancFilterScript {
    static let source = #"""
"""Orthanc request filter: DICOMweb reads of one study, with a Hilum study token.

Allows a request only when all of these are true, and Orthanc responds
with 403 otherwise:
- it is a GET under /dicom-web/studies,
- it targets one study: /dicom-web/studies/{uid}[/...], or /dicom-web/studies
  with exactly one plain StudyInstanceUID query parameter,
- it carries a token (Authorization: Bearer, or X-Hilum-Token) of the form
  hst1.<expiry>.<MAC> whose MAC is HMAC-SHA256(secret,
  b"hilum-study-token-v1\\0" + uid + b"\\0" + expiry) and whose expiry, in Unix
  seconds, is in the future.

The secret file is named by HilumTokenFilter.SecretFile in the Orthanc
configuration, else by the HILUM_TOKEN_SECRET_FILE environment variable. It
must hold at least 32 bytes and be readable by its owner only. Without a
usable secret every request is refused. Written for Debian 12's
orthanc-python 4.0 (Python 3.11).
"""
import base64
import hashlib
import hmac
import json
import os
import re
import stat
import time

import orthanc

DOMAIN = b"hilum-study-token-v1"
UID = r"[0-9]+(?:\.[0-9]+)*"
STUDY_PATH = re.compile(r"/dicom-web/studies/(" + UID + r")(?:/[A-Za-z0-9][A-Za-z0-9.,]*)*")
STUDY_UID = re.compile(UID)
TOKEN = re.compile(r"hst1\.([0-9]{1,10})\.([A-Za-z0-9_-]{43})")
# Query keys that select a study: the keyword (the DICOMweb plugin also reads
# other spellings) and the tag.
STUDY_KEYS = {"studyinstanceuid", "0020000d"}


def load_secret():
    config = json.loads(orthanc.GetConfiguration())
    path = config.get("HilumTokenFilter", {}).get("SecretFile") or os.environ.get("HILUM_TOKEN_SECRET_FILE")
    if not path:
        orthanc.LogError("hilum_token_filter: no HilumTokenFilter.SecretFile in the configuration "
                         "and no HILUM_TOKEN_SECRET_FILE; refusing every request")
        return None
    try:
        with open(path, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            secret = handle.read(1025)
    except OSError as error:
        orthanc.LogError("hilum_token_filter: cannot read secret file %s: %s; refusing every request"
                         % (path, error.strerror))
        return None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        orthanc.LogError("hilum_token_filter: secret file %s is accessible to group or others; "
                         "run chmod 600 %s; refusing every request" % (path, path))
        return None
    if not 32 <= len(secret) <= 1024:
        orthanc.LogError("hilum_token_filter: secret file %s has %d bytes, expected 32 to 1024; "
                         "refusing every request" % (path, len(secret)))
        return None
    orthanc.LogWarning("hilum_token_filter: study tokens checked with the secret in %s" % path)
    return secret


SECRET = load_secret()


def target_study(uri, query):
    """Return the study UID a DICOMweb request reads, or None unless it reads exactly one study."""
    study_keys = [key for key in query if key.lower() in STUDY_KEYS]
    match = STUDY_PATH.fullmatch(uri)
    if match:
        uid = match.group(1)
        # The path decides the study; a conflicting query parameter is refused all the same.
        return uid if all(query[key] == uid for key in study_keys) else None
    if uri == "/dicom-web/studies" and study_keys == ["StudyInstanceUID"]:
        uid = query["StudyInstanceUID"]
        return uid if STUDY_UID.fullmatch(uid) else None
    return None


def token_from(headers):
    authorization = headers.get("authorization", "")
    if authorization.startswith("Bearer "):
        return authorization[len("Bearer "):].strip()
    return headers.get("x-hilum-token", "").strip()


def token_valid(token, uid, now):
    match = TOKEN.fullmatch(token)
    if SECRET is None or match is None or len(uid) > 64:
        return False
    expiry, mac = match.groups()
    message = DOMAIN + b"\0" + uid.encode("ascii") + b"\0" + expiry.encode("ascii")
    expected = base64.urlsafe_b64encode(hmac.new(SECRET, message, hashlib.sha256).digest()).rstrip(b"=")
    # compare_digest takes time independent of where the strings differ.
    return hmac.compare_digest(expected, mac.encode("ascii")) and now < int(expiry)


def allow_request(uri, **request):
    if request.get("method") != orthanc.HttpMethod.GET:
        return False
    uid = target_study(uri, request.get("get", {}))
    if uid is None:
        return False
    return token_valid(token_from(request.get("headers", {})), uid, int(time.time()))


orthanc.RegisterIncomingHttpRequestFilter(allow_request)
"""#
}
