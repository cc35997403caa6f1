import { imageSize } from 'image-size';
import yauzl from 'yauzl';

/**
 * Decompression-bomb limits. The server never unpacks an upload, but whoever opens it does:
 * an agent's image viewer allocates width × height pixels, an unzip tool writes what the
 * archive declares. So an upload is refused when what it declares it expands to is excessive.
 */
export const EXPANSION_LIMITS = {
  /** Pixels an image may declare: 100 megapixels, beyond any photo that fits the file limits. */
  maxImagePixels: 100_000_000,
  /** Bytes all entries of an archive may declare together. */
  maxArchiveBytes: 200_000_000,
  /** Declared size over stored size, checked once an archive declares more than 1 MB. */
  maxArchiveRatio: 100,
  maxArchiveEntries: 10_000,
} as const;

const MB = 1_000_000;

// Every zip container (zip, docx, xlsx, odt, epub, jar) starts with a local file header or,
// when empty, with the end-of-central-directory record.
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

/**
 * Why the file would expand to something excessive when opened (a sentence for the error's
 * `files` field, after the file's name), or `null` when it is fine. Images are judged by the
 * dimensions in their header, zip containers by their central directory.
 */
export async function expansionProblem(
  bytes: Uint8Array,
  contentType: string,
): Promise<string | null> {
  if (ZIP_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) {
    return archiveProblem(bytes);
  }
  if (contentType.startsWith('image/')) return imageProblem(bytes);
  return null;
}

function imageProblem(bytes: Uint8Array): string | null {
  let frames: { width: number; height: number }[];
  try {
    const size = imageSize(bytes);
    frames = size.images?.length ? size.images : [size];
  } catch {
    return 'cannot be read as an image.';
  }
  const pixels = Math.max(...frames.map(({ width, height }) => width * height));
  if (!Number.isFinite(pixels) || pixels > EXPANSION_LIMITS.maxImagePixels) {
    return `declares ${pixels.toExponential(1)} pixels, more than an image may have (${EXPANSION_LIMITS.maxImagePixels / 1e6} megapixels).`;
  }
  return null;
}

interface ArchiveEntry {
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
}

/** The entries of the archive's central directory, or an error when it cannot be read. */
function archiveEntries(bytes: Uint8Array): Promise<ArchiveEntry[]> {
  return new Promise((resolve, reject) => {
    // yauzl also refuses absolute and `..` entry names (zip slip) as unreadable.
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no archive'));
      const entries: ArchiveEntry[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({
          offset: entry.relativeOffsetOfLocalHeader,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        });
        if (entries.length > EXPANSION_LIMITS.maxArchiveEntries) {
          zip.close();
          resolve(entries);
        } else zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

async function archiveProblem(bytes: Uint8Array): Promise<string | null> {
  let entries: ArchiveEntry[];
  try {
    entries = await archiveEntries(bytes);
  } catch {
    return 'cannot be read as an archive.';
  }
  const limits = EXPANSION_LIMITS;
  if (entries.length > limits.maxArchiveEntries) {
    return `holds more than ${limits.maxArchiveEntries} files.`;
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxArchiveBytes) {
    return `unpacks to ${Math.round(declared / MB)} MB, more than ${limits.maxArchiveBytes / MB} MB.`;
  }
  const stored = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (declared > MB && declared > stored * limits.maxArchiveRatio) {
    return `unpacks to more than ${limits.maxArchiveRatio} times its size.`;
  }
  // Entries sharing their compressed bytes are how an archive declares little per entry yet
  // unpacks the same data many times over.
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (previous && current && current.offset < previous.offset + previous.compressedSize) {
      return 'has files that overlap each other.';
    }
  }
  return null;
}
