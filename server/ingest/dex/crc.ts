/* eslint-disable architecture/server-only -- pure code with no secrets: the DEX parser runs in plain Node too */
// CRC-16/ARC, the check value of a DEX audit's G85 record: poly 0x8005 reflected (0xA001),
// init 0x0000, no final xor. The check value over the ASCII bytes "123456789" is 0xBB3D.

const REFLECTED_POLY = 0xa001;

/** The CRC of every byte value, so the loop takes one table look-up per byte. */
function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
    }
    table[byte] = crc;
  }
  return table;
}

const TABLE = buildTable();

/**
 * CRC-16/ARC of `bytes`. Pass the CRC of earlier bytes as `crc` to go on from there:
 * `crc16arc(b, crc16arc(a))` equals the CRC of `a` followed by `b`.
 */
export function crc16arc(bytes: Uint8Array, crc = 0): number {
  let value = crc & 0xffff;
  for (const byte of bytes) {
    value = (value >>> 8) ^ TABLE[(value ^ byte) & 0xff]!;
  }
  return value;
}
