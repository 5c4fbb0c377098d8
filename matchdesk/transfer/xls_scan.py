"""The used area of an old binary .xls (BIFF8 in an OLE2 compound file), found before calamine reads it.

calamine keeps a sheet as a rectangle of cells: a 5 KB .xls with one cell at row 65,536, column 256 costs
it a gigabyte. ``used_area(data)`` reads the compound file's allocation table and directory, follows the
``Workbook`` stream (``Book`` in BIFF5) and walks its records: every cell record (number, RK, multiple RK,
blank, multiple blank, shared string, label, boolean or error, formula) names its row and column. It returns
the highest row and column number (1-based) over all sheets. A compound file that does not hold together
raises ``DamagedXls``.
"""

from __future__ import annotations

import struct

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_CELLS = {0x0203, 0x027E, 0x0201, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}  # single cells: row, column first
_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column in the last two bytes


class DamagedXls(ValueError):
    """The compound file or its workbook stream does not hold together."""


def _damaged(what: str) -> DamagedXls:
    return DamagedXls(f"het .xls-bestand is beschadigd: {what}")


class _Compound:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _damaged("te kort")
        self.data = data
        self.size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
        if self.size not in (512, 4096) or self.mini_size != 64:
            raise _damaged("onbekende sectorgrootte")
        self.sectors = max(0, (len(data) - self.size) // self.size)
        fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
        self.cutoff, first_mini, mini_count, first_difat, difat_count = struct.unpack_from("<IIIII", data, 0x38)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END)]
        per = self.size // 4
        sector, seen = first_difat, 0
        while sector not in (_END, _FREE) and seen < difat_count:
            entries = struct.unpack_from(f"<{per}I", self._sector(sector))
            fat_sectors.extend(s for s in entries[:-1] if s not in (_FREE, _END))
            sector, seen = entries[-1], seen + 1
        if len(fat_sectors) < fat_count or fat_count > self.sectors + 1:
            raise _damaged("toewijzingstabel")
        self.fat = [e for s in fat_sectors[:fat_count] for e in struct.unpack_from(f"<{per}I", self._sector(s))]
        self.directory = self._chain_bytes(first_dir)
        root_start, root_length = self._entry(0)[2:]
        self.mini_stream = self._chain_bytes(root_start)[:root_length] if root_length else b""
        mini = self._chain_bytes(first_mini) if mini_count else b""
        self.mini_fat = list(struct.unpack(f"<{len(mini) // 4}I", mini[:len(mini) // 4 * 4]))

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            raise _damaged("sector buiten het bestand")
        start = (number + 1) * self.size
        return self.data[start:start + self.size]

    def _chain(self, start: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        sector = start
        while sector != _END:
            if sector >= len(table) or len(chain) > len(table):
                raise _damaged("keten")
            chain.append(sector)
            sector = table[sector]
        return chain

    def _chain_bytes(self, start: int) -> bytes:
        if start in (_END, _FREE):
            return b""
        return b"".join(self._sector(s) for s in self._chain(start, self.fat))

    def _entry(self, index: int) -> tuple[str, int, int, int]:
        raw = self.directory[index * 128:(index + 1) * 128]
        if len(raw) < 128:
            raise _damaged("map")
        length = min(struct.unpack_from("<H", raw, 0x40)[0], 64)
        name = raw[:max(length - 2, 0)].decode("utf-16-le", "replace")
        kind = raw[0x42]
        start, size = struct.unpack_from("<II", raw, 0x74)
        return name, kind, start, size

    def stream(self, names: tuple[str, ...]) -> bytes:
        for index in range(len(self.directory) // 128):
            name, kind, start, size = self._entry(index)
            if kind == 2 and name in names:
                if size < self.cutoff:
                    chunks = [self.mini_stream[s * 64:(s + 1) * 64] for s in self._chain(start, self.mini_fat)]
                    return b"".join(chunks)[:size]
                return self._chain_bytes(start)[:size]
        raise _damaged("geen werkmap-stroom")


def used_area(data: bytes) -> tuple[int, int]:
    """(highest row, highest column), 1-based, of any cell record in the workbook; (0, 0) when there is none."""
    try:
        stream = _Compound(data).stream(("Workbook", "Book"))
    except struct.error:
        raise _damaged("kop") from None
    rows = columns = 0
    position, end = 0, len(stream)
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind in _CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in _MULTI and length >= 6 and body + length <= end:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, body + length - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        position = body + length
    return rows, columns
