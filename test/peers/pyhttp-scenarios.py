"""Scenario server for test/peers/http-client-python.test.ts, built on http.server.

Run: python3 pyhttp-scenarios.py  -> binds 127.0.0.1 port 0, prints "PORT <n>" on stdout.
Every route answers any method (GET, HEAD, POST, PUT, DELETE, PATCH):

  /echo                   200 JSON {method, path, headers: [[k, v]...], body}; the method
                          also in X-Echo-Method (so HEAD can see it)
  /redirect/CODE?to=URL   CODE (301/302/303/307/308) with Location: URL (default /echo)
  /chain/N                302 to /chain/N-1; /chain/0 is /echo (N redirects in all)
  /loop                   302 to /loop, forever (urllib's max_repeats 4)
  /cross?to=URL           302 to URL (a redirect to another host: 127.0.0.1 -> localhost)
  /basic                  Basic auth, realm "netkit-basic", user "peer", password "peerpass"
  /digest/ALG[?qop=Q]     Digest auth, algorithm ALG (MD5, SHA, SHA-256), qop="auth" (or Q:
                          "none" for an RFC 2069 challenge without qop, "auth-int"),
                          realm "netkit-digest", same credentials; verified with hashlib
  /set-cookie[?to=URL]    200 with Set-Cookie headers (see COOKIES below), body "cookies set";
                          with ?to=URL a 302 to URL carrying the same Set-Cookie headers
  /cookies[/...]          200 JSON {cookie: the Cookie header or null, path}
  /status/CODE            CODE with a text body "status CODE body"
  /bad/HOW                raw misbehaviour, then close: short (Content-Length 20, 5 bytes),
                          chunked (well-formed, extension, trailer), chunked-short,
                          chunked-short2, chunked-no-crlf,
                          status-line ("HTTP/1.1 abc"), no-response, many-headers (101),
                          long-header (70000 bytes), http09 (no status line)
  /gzip                   gzip-encoded TEXT when Accept-Encoding has gzip, else identity
"""

import gzip
import hashlib
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from urllib.request import parse_http_list, parse_keqv_list

USER = "peer"
PASSWORD = "peerpass"
TEXT = "".join(f"line {i}: the quick brown fox jumps over the lazy dog {i % 7}\n" for i in range(2000)).encode()

# Cookies the /set-cookie route sets: a session cookie, one with Path, one with Max-Age, an
# expired one (removes "gone"), one for another domain (refused by DefaultCookiePolicy),
# one HttpOnly, one with a quoted value.
COOKIES = [
    "session=abc123",
    "pathed=p1; Path=/cookies",
    "lasting=yes; Max-Age=3600",
    "gone=x; Max-Age=0",
    "foreign=f; Domain=example.com",
    "httponly=h; HttpOnly",
    'quoted="a b"',
]

NONCES = set()


def H(algorithm, text):
    name = {"MD5": "md5", "SHA": "sha1", "SHA-256": "sha256"}[algorithm]
    return hashlib.new(name, text.encode()).hexdigest()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "netkit-scenarios/1"

    def log_message(self, format, *args):  # quiet: the test reads stdout only
        pass

    def send(self, code, body=b"", headers=(), content_type="text/plain"):
        # 1xx, 204 and 304 have no body (RFC 9110): none is sent, nor Content-Length.
        bodyless = code < 200 or code in (204, 304)
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if not bodyless:
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD" and not bodyless:
            self.wfile.write(body)

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def handle_any(self):
        body = self.read_body()
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        route = parts[0]
        if route == "echo":
            doc = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("latin-1"),
            }
            self.send(200, json.dumps(doc).encode(), [("X-Echo-Method", self.command)], "application/json")
        elif route == "redirect":
            code = int(parts[1])
            self.send(code, b"redirecting\n", [("Location", query.get("to", ["/echo"])[0])])
        elif route == "chain":
            n = int(parts[1])
            self.send(302, b"", [("Location", f"/chain/{n - 1}" if n > 1 else "/echo")])
        elif route == "loop":
            self.send(302, b"", [("Location", "/loop")])
        elif route == "cross":
            self.send(302, b"", [("Location", query["to"][0])])
        elif route == "basic":
            self.basic()
        elif route == "digest":
            self.digest(parts[1], query.get("qop", ["auth"])[0])
        elif route == "set-cookie":
            cookies = [("Set-Cookie", c) for c in COOKIES]
            if "to" in query:
                self.send(302, b"", cookies + [("Location", query["to"][0])])
            else:
                self.send(200, b"cookies set\n", cookies)
        elif route == "cookies":
            self.send(200, json.dumps({"cookie": self.headers.get("Cookie"), "path": self.path}).encode(), (), "application/json")
        elif route == "status":
            code = int(parts[1])
            self.send(code, f"status {code} body\n".encode())
        elif route == "gzip":
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                self.send(200, gzip.compress(TEXT, mtime=0), [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
            else:
                self.send(200, TEXT, [("Vary", "Accept-Encoding")])
        elif route == "bad":
            self.misbehave(parts[1])
        else:
            self.send(404, b"no such route\n")

    def misbehave(self, how):
        # Raw bytes, then the connection is closed.
        w = self.wfile.write
        if how == "short":  # Content-Length 20, 5 bytes sent
            w(b"HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nhello")
        elif how == "chunked":  # a well-formed chunked body with an extension and a trailer
            w(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
        elif how == "chunked-short":  # the chunked body stops inside its first chunk
            w(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nhel")
        elif how == "chunked-short2":  # a whole chunk, then it stops inside the second
            w(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na\r\nwor")
        elif how == "chunked-no-crlf":  # a whole chunk without its CRLF, then the end
            w(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello")
        elif how == "status-line":
            w(b"HTTP/1.1 abc\r\n\r\n")
        elif how == "no-response":
            pass
        elif how == "many-headers":  # http.client's _MAXHEADERS is 100
            w(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(101)) + b"Content-Length: 0\r\n\r\n")
        elif how == "long-header":  # http.client's _MAXLINE is 65536
            w(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\nContent-Length: 0\r\n\r\n")
        elif how == "http09":
            w(b"hello without a status line\n")
        self.wfile.flush()
        self.close_connection = True

    def basic(self):
        import base64

        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") == f"Basic {token}":
            self.send(200, b"basic ok\n")
        else:
            self.send(401, b"basic denied\n", [("WWW-Authenticate", 'Basic realm="netkit-basic"')])

    def digest(self, algorithm, qop):
        realm = "netkit-digest"
        given = self.headers.get("Authorization") or ""
        if given.startswith("Digest "):
            chal = parse_keqv_list(filter(None, parse_http_list(given[7:])))
            try:
                ok = (
                    chal["username"] == USER
                    and chal["realm"] == realm
                    and chal["nonce"] in NONCES
                    and chal["uri"] == self.path
                    and chal.get("qop") == (None if qop == "none" else "auth")
                    and chal.get("algorithm", "MD5") == algorithm
                    and chal.get("opaque") == "0pa9ue"
                )
                ha1 = H(algorithm, f"{USER}:{realm}:{PASSWORD}")
                ha2 = H(algorithm, f"{self.command}:{chal['uri']}")
                if qop == "none":  # RFC 2069
                    expected = H(algorithm, f"{ha1}:{chal['nonce']}:{ha2}")
                else:
                    expected = H(algorithm, f"{ha1}:{chal['nonce']}:{chal['nc']}:{chal['cnonce']}:auth:{ha2}")
                ok = ok and chal["response"] == expected
            except KeyError:
                ok = False
            if ok:
                self.send(200, f"digest {algorithm} ok\n".encode())
                return
        nonce = os.urandom(16).hex()
        NONCES.add(nonce)
        qop_param = "" if qop == "none" else f', qop="{qop}"'
        challenge = f'Digest realm="{realm}"{qop_param}, nonce="{nonce}", opaque="0pa9ue", algorithm={algorithm}'
        self.send(401, b"digest denied\n", [("WWW-Authenticate", challenge)])

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
