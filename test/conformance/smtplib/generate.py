# Runs CPython 3.11's smtplib with set_debuglevel(1) against a scripted server for each
# session in SESSIONS and records what it printed (the trace), what each call returned or
# raised: test/conformance/smtplib/fixtures/sessions.json. smtplib-trace.test.ts replays
# the same scripts with netkit's SMTPClient and compares, byte for byte except the AUTH
# secrets netkit masks.
import contextlib, io, json, os, socket, socketserver, sys, threading
import smtplib

HERE = os.path.dirname(os.path.abspath(__file__))

SESSIONS = [
    {"name": "sendmail with SIZE, dot-stuffing and bare LFs",
     "replies": {"EHLO": "250-fake.test\n250-SIZE 1000\n250-8BITMIME\n250 HELP"},
     "actions": [["sendmail", "alice@example.com", ["bob@example.com"], "Subject: hi\nFrom: alice@example.com\n\nHello Bob\n.dot line\r.x"], ["quit"]]},
    {"name": "partial refusal returns the refused dict",
     "replies": {"EHLO": "250-fake.test\n250 PIPELINING", "RCPT": ["250 2.1.5 Ok", "550 5.1.1 <bad@example.com>: Recipient address rejected", "251 2.1.5 forwarded"]},
     "actions": [["sendmail", "Alice <a@example.com>", ["ok@example.com", "bad@example.com", "fw@example.com"], "Subject: x\r\n\r\nbody\r\n"], ["quit"]]},
    {"name": "all recipients refused, then RSET",
     "replies": {"RCPT": "554 5.7.1 Relay access denied"},
     "actions": [["sendmail", "a@example.com", ["b@elsewhere.test", "c@elsewhere.test"], "x"], ["quit"]]},
    {"name": "sender refused",
     "replies": {"MAIL": "553-5.1.8 first\n553 5.1.8 sender rejected"},
     "actions": [["sendmail", "<>", ["b@example.com"], "x"], ["quit"]]},
    {"name": "data refused",
     "replies": {"DATA": "554 5.5.1 no valid recipients"},
     "actions": [["sendmail", "a@example.com", ["b@example.com"], "x"], ["quit"]]},
    {"name": "EHLO refused, HELO used",
     "replies": {"EHLO": "502 5.5.2 Error: command not recognized", "HELO": "250 fake.test"},
     "actions": [["sendmail", "a@example.com", ["b@example.com"], "Subject: s\n\nb\n"], ["quit"]]},
    {"name": "login tries CRAM-MD5 then PLAIN",
     "replies": {"EHLO": "250-fake.test\n250-AUTH LOGIN PLAIN CRAM-MD5\n250 AUTH=LOGIN", "AUTH": ["334 PDEyMzQ1Njc4OTAuMTIzNDVAZmFrZS50ZXN0Pg==", "235 2.7.0 Authentication successful"], "*": "535 5.7.8 bad digest"},
     "actions": [["login", "alice", "s3cret"], ["noop"], ["quit"]]},
    {"name": "login with LOGIN only, refused",
     "replies": {"EHLO": "250-fake.test\n250 AUTH LOGIN", "AUTH": "334 UGFzc3dvcmQ6", "*": "535 5.7.8 Authentication credentials invalid"},
     "actions": [["login", "bob", "pw"], ["quit"]]},
    {"name": "vrfy, expn, noop, rset, odd replies",
     "replies": {"VRFY": "252 2.0.0 Cannot VRFY user", "EXPN": "250-Ann <ann@example.com>\n250 Bob   <bob@example.com>  ", "NOOP": "2x0 broken code", "RSET": "250"},
     "actions": [["verify", "Bob <bob@example.com>"], ["expn", "staff"], ["noop"], ["rset"], ["quit"]]},
    {"name": "multi-line greeting and quoting of addresses",
     "greeting": "220-fake.test first line\n220 fake.test ESMTP",
     "actions": [["sendmail", "\"Al Ice\" <al.ice@example.com>", ["<b@example.com>", "c@example.com (comment)"], "x"], ["quit"]]},
]

DEFAULTS = {"EHLO": "250-fake.test\n250-SIZE 35882577\n250 8BITMIME", "HELO": "250 fake.test", "MAIL": "250 2.1.0 Ok",
            "RCPT": "250 2.1.5 Ok", "RSET": "250 2.0.0 Ok", "NOOP": "250 2.0.0 Ok", "QUIT": "221 2.0.0 Bye",
            "VRFY": "252 2.0.0 Cannot VRFY user", "EXPN": "502 5.5.2 not implemented", "AUTH": "504 unknown mechanism",
            "*": "500 5.5.2 Error: command not recognized"}
DATA_GO = "354 End data with <CR><LF>.<CR><LF>"
DATA_DONE = "250 2.0.0 Ok: queued as 4F2A1C"


def wire(text):
    return "".join(line + "\r\n" for line in text.split("\n")).encode("latin-1")


def pick(replies, verb, count):
    r = replies.get(verb, DEFAULTS.get(verb)) if verb in replies or verb in DEFAULTS else replies.get("*", DEFAULTS["*"])
    if isinstance(r, list):
        return r[min(count, len(r) - 1)]
    return r


def serve(session):
    replies = session.get("replies", {})
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def run():
        conn, _ = srv.accept()
        f = conn.makefile("rb")
        counts = {}
        conn.sendall(wire(session.get("greeting", "220 fake.test ESMTP ready")))
        while True:
            line = f.readline()
            if not line:
                break
            text = line.decode("utf-8").rstrip("\r\n")
            verb = text.split(" ")[0].upper()
            known = verb in replies or verb in DEFAULTS or verb == "DATA"
            key = verb if known else "*"
            n = counts.get(key, 0)
            counts[key] = n + 1
            if verb == "DATA" and "DATA" not in replies:
                conn.sendall(wire(DATA_GO))
                while True:
                    l = f.readline()
                    if not l or l == b".\r\n":
                        break
                conn.sendall(wire(DATA_DONE))
                continue
            conn.sendall(wire(pick(replies, key, n)))
            if verb == "QUIT":
                break
        conn.close()
        srv.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return srv.getsockname()[1], t


def result_repr(value):
    return repr(value)


def run(session):
    port, thread = serve(session)
    err = io.StringIO()
    results = []
    with contextlib.redirect_stderr(err):
        s = smtplib.SMTP(local_hostname="client.test", timeout=10)
        s.set_debuglevel(1)
        s.connect("127.0.0.1", port)
        for action in session["actions"]:
            name, args = action[0], action[1:]
            try:
                value = getattr(s, name)(*args)
                results.append({"ok": result_repr(value)})
            except Exception as e:  # recorded, compared by class name and args
                results.append({"raised": type(e).__name__, "args": repr(e.args)})
    thread.join(10)
    trace = err.getvalue().replace(f", {port})", ", PORT)")
    return {**session, "trace": trace.split("\n")[:-1], "results": results}


def main():
    out = [run(s) for s in SESSIONS]
    with open(os.path.join(HERE, "fixtures", "sessions.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "sessions": out}, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
