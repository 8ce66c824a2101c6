"""uuid on MicroPython: UUID, uuid5 (name-based, SHA-1 as RFC 4122 says) and uuid4.
MicroPython's hashlib has no SHA-1, so it is computed here (short inputs only)."""
import random


def _sha1(data):
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
    size = len(data) * 8
    data = bytes(data) + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + size.to_bytes(8, "big")
    for start in range(0, len(data), 64):
        w = [int.from_bytes(data[start + 4 * i:start + 4 * i + 4], "big") for i in range(16)]
        for i in range(16, 80):
            x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
            w.append(((x << 1) | (x >> 31)) & 0xFFFFFFFF)
        a, b, c, d, e = h
        for i in range(80):
            if i < 20:
                f, k = (b & c) | (~b & d), 0x5A827999
            elif i < 40:
                f, k = b ^ c ^ d, 0x6ED9EBA1
            elif i < 60:
                f, k = (b & c) | (b & d) | (c & d), 0x8F1BBCDC
            else:
                f, k = b ^ c ^ d, 0xCA62C1D6
            t = (((a << 5) | (a >> 27)) + f + e + k + w[i]) & 0xFFFFFFFF
            a, b, c, d, e = t, a, ((b << 30) | (b >> 2)) & 0xFFFFFFFF, c, d
        h = [(x + y) & 0xFFFFFFFF for x, y in zip(h, (a, b, c, d, e))]
    return b"".join(x.to_bytes(4, "big") for x in h)


class UUID:
    """A UUID from its text form or its 16 bytes."""

    def __init__(self, hex=None, bytes=None):
        if bytes is None:
            bytes = b"".join(int(hex.replace("-", "")[i:i + 2], 16).to_bytes(1, "big") for i in range(0, 32, 2))
        self.bytes = bytes
        self.hex = "".join("%02x" % b for b in bytes)

    def __str__(self):
        x = self.hex
        return "-".join((x[:8], x[8:12], x[12:16], x[16:20], x[20:]))


def _versioned(raw, version):
    raw = bytearray(raw[:16])
    raw[6] = (raw[6] & 0x0F) | (version << 4)
    raw[8] = (raw[8] & 0x3F) | 0x80
    return UUID(bytes=bytes(raw))


def uuid5(namespace, name):
    """The name-based UUID of ``name`` in ``namespace`` (the same as CPython's)."""
    return _versioned(_sha1(namespace.bytes + name.encode("utf-8")), 5)


def uuid4():
    """A random UUID."""
    return _versioned(bytes(random.getrandbits(8) for _ in range(16)), 4)
