"""A static file server as a host would run it: gzip for text types, and a cache lifetime
(GitHub Pages sends `Cache-Control: max-age=600`), so the browser's transfer sizes are real."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml")
CACHE_CONTROL = "max-age=600"


class _Handler(http.server.SimpleHTTPRequestHandler):
    log: list  # (path, status, bytes sent with headers) of every request, in order

    def log_message(self, *args):
        pass

    def handle_one_request(self):
        self.sent = _Counter(self.wfile)
        self.wfile = self.sent
        super().handle_one_request()
        self.wfile = self.sent.stream
        if getattr(self, "command", None):
            self.log.append((self.path, self.status, self.sent.count))

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the stock redirect to the directory URL
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(path.stat().st_mtime))
        self.end_headers()
        return _Body(body)


class _Counter:
    """The response stream, counting the bytes written to it."""

    def __init__(self, stream):
        self.stream, self.count = stream, 0

    def write(self, data) -> int:
        self.count += len(data)
        return self.stream.write(data)

    def flush(self):
        self.stream.flush()


class _Body:
    """A response body for SimpleHTTPRequestHandler's copyfile()."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@functools.lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def serve(directory: Path, log: list | None = None):
    """Serve `directory` on a free loopback port in a background thread; return (server, URL).
    Each request is appended to `log` as (path, status, bytes sent)."""
    handler = functools.partial(type("Handler", (_Handler,), {"log": [] if log is None else log}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
