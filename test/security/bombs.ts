// Uploads that are small to send and huge to open: zip archives and images whose headers
// declare far more than they hold. Written byte by byte, because a bomb's point is a header no
// honest archiver or encoder would write.
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

interface ZipEntry {
  name: string;
  /** The bytes as stored (already deflated when `deflated`). */
  stored: Buffer;
  deflated: boolean;
  crc: number;
  /** What the headers declare the entry unpacks to. */
  declaredSize: number;
}

const u16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
};
const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value >>> 0);
  return buffer;
};

function localHeader(entry: ZipEntry): Buffer {
  const name = Buffer.from(entry.name);
  return Buffer.concat([
    u32(0x04034b50),
    u16(20),
    u16(0),
    u16(entry.deflated ? 8 : 0),
    u16(0),
    u16(0x21),
    u32(entry.crc),
    u32(entry.stored.length),
    u32(entry.declaredSize),
    u16(name.length),
    u16(0),
    name,
  ]);
}

function centralHeader(entry: ZipEntry, offset: number): Buffer {
  const name = Buffer.from(entry.name);
  return Buffer.concat([
    u32(0x02014b50),
    u16(20),
    u16(20),
    u16(0),
    u16(entry.deflated ? 8 : 0),
    u16(0),
    u16(0x21),
    u32(entry.crc),
    u32(entry.stored.length),
    u32(entry.declaredSize),
    u16(name.length),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    u32(0),
    u32(offset),
    name,
  ]);
}

function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  return Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries),
    u16(entries),
    u32(size),
    u32(offset),
    u16(0),
  ]);
}

/** A zip of the entries, each stored once; `central` may point entries at shared bytes. */
function zip(
  entries: ZipEntry[],
  central: (offsets: number[]) => [ZipEntry, number][] = (offsets) =>
    entries.map((entry, i) => [entry, offsets[i] ?? 0]),
): Buffer {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    offsets.push(at);
    const part = Buffer.concat([localHeader(entry), entry.stored]);
    parts.push(part);
    at += part.length;
  }
  const listed = central(offsets);
  const directory = Buffer.concat(listed.map(([entry, offset]) => centralHeader(entry, offset)));
  return Buffer.concat([
    ...parts,
    directory,
    endOfCentralDirectory(listed.length, directory.length, at),
  ]);
}

const deflatedEntry = (name: string, data: Buffer): ZipEntry => ({
  name,
  stored: deflateRawSync(data, { level: 9 }),
  deflated: true,
  crc: crc32(data),
  declaredSize: data.length,
});

const storedEntry = (name: string, data: Buffer): ZipEntry => ({
  name,
  stored: data,
  deflated: false,
  crc: crc32(data),
  declaredSize: data.length,
});

/** 20 MB of zeros in about 20 kB: an honest archive that expands a thousandfold. */
export function highRatioZip(): Buffer {
  return zip([deflatedEntry('zeros.bin', Buffer.alloc(20_000_000))]);
}

/** One small entry whose headers claim it unpacks to 3 GB. */
export function declaredHugeZip(): Buffer {
  const entry = deflatedEntry('huge.bin', randomBytes(1000));
  return zip([{ ...entry, declaredSize: 3_000_000_000 }]);
}

/**
 * Fifield's overlapping-file construction: every central entry points at the same local data,
 * so each declares little but the archive unpacks the same bytes again and again.
 */
export function overlappingZip(): Buffer {
  const shared = storedEntry('data.bin', randomBytes(100_000));
  return zip([shared], () =>
    Array.from({ length: 10 }, (_, i) => [{ ...shared, name: `copy-${i}.bin` }, 0]),
  );
}

/** More entries than any archive a customer attaches: 10 001 empty files. */
export function manyEntriesZip(): Buffer {
  return zip(Array.from({ length: 10_001 }, (_, i) => storedEntry(`f${i}`, Buffer.alloc(0))));
}

/** A PNG whose header declares `width` × `height` pixels, with one tiny pixel row of data. */
export function declaredPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateRawSync(Buffer.alloc(5))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A GIF whose screen and first frame declare 65 535 × 65 535 pixels. */
export function declaredGif(): Buffer {
  const screen = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]);
  const frame = Buffer.from([0x2c, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x00]);
  const data = Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00]);
  return Buffer.concat([Buffer.from('GIF89a'), screen, frame, data, Buffer.from([0x3b])]);
}

/** A JPEG whose frame header declares 65 500 × 65 500 pixels. */
export function declaredJpeg(): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const sof = Buffer.from([
    0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xdc, 0xff, 0xdc, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01,
    0x03, 0x11, 0x01,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** A WebP (extended format) whose canvas declares 16 384 × 16 384 pixels. */
export function declaredWebp(): Buffer {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1');
  vp8x.writeUInt32LE(10, 4);
  vp8x.writeUIntLE(16_383, 12, 3);
  vp8x.writeUIntLE(16_383, 15, 3);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}

/** A PNG signature and the start of a header, cut off before its dimensions. */
export function truncatedPng(): Buffer {
  return declaredPng(1, 1).subarray(0, 18);
}
