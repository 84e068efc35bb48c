"""A minimal asyncio HTTP/1.1 client for the load test: loopback only, one request per connection.

gunicorn's sync workers close every connection after one response, so there
is nothing to keep alive; a few dozen lines of asyncio cost far less CPU on
a 2-core machine than one thread per simulated viewer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlencode

LOOPBACK = "127.0.0.1"
MAX_RESPONSE_BYTES = 256 * 2**20


class NotLoopback(ValueError):
    pass


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Session:
    """One browser: its cookies, sent with every request to one loopback port."""

    port: int
    host: str = LOOPBACK
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.host != LOOPBACK:
            raise NotLoopback(f"the load test only talks to {LOOPBACK}, not {self.host}")

    async def get(self, path: str) -> Response:
        return await self.request("GET", path)

    async def post_json(self, path: str, body: bytes) -> Response:
        return await self.request("POST", path, body, "application/json")

    async def post_form(self, path: str, fields: dict[str, str]) -> Response:
        body = urlencode(fields).encode("utf-8")
        return await self.request("POST", path, body, "application/x-www-form-urlencoded")

    async def request(self, method: str, path: str, body: bytes = b"",
                      content_type: str | None = None) -> Response:
        return await asyncio.wait_for(self._exchange(method, path, body, content_type),
                                      self.timeout)

    async def _exchange(self, method: str, path: str, body: bytes,
                        content_type: str | None) -> Response:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(self._head(method, path, body, content_type) + body)
            await writer.drain()
            raw = await reader.read(MAX_RESPONSE_BYTES)
            while True:
                more = await reader.read(MAX_RESPONSE_BYTES)
                if not more:
                    break
                raw += more
        finally:
            writer.close()
        response = parse_response(raw)
        self._keep_cookies(response)
        return response

    def _head(self, method: str, path: str, body: bytes, content_type: str | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Connection: close", "Accept-Encoding: identity"]
        if content_type:
            lines += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _keep_cookies(self, response: Response) -> None:
        for line in response.headers.get("set-cookie", "").split("\n"):
            name, _, rest = line.partition("=")
            if name.strip() and rest:
                self.cookies[name.strip()] = rest.split(";", 1)[0]


def parse_response(raw: bytes) -> Response:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}\n{value.strip()}" if key in headers else value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    return Response(status, headers, body)


def _unchunk(body: bytes) -> bytes:
    out, rest = b"", body
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, rest = out + rest[:size], rest[size + 2:]
    return out
