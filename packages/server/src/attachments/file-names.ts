/** Longest file name kept, in characters; longer ones are shortened, keeping the extension. */
export const MAX_NAME_LENGTH = 200;

const MAX_EXTENSION_LENGTH = 20;

/**
 * The customer's file name made safe to keep and to offer again: no folders (either slash), no
 * control or direction-changing characters (which can disguise `exe.pdf` as `fdp.exe`), at most
 * `MAX_NAME_LENGTH` characters. It is only ever metadata; files are stored under random ids.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean || /^\.+$/.test(clean)) return 'attachment';
  const chars = [...clean];
  if (chars.length <= MAX_NAME_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? [...clean.slice(dot)] : [];
  const keep = extension.length <= MAX_EXTENSION_LENGTH ? extension : [];
  return chars.slice(0, MAX_NAME_LENGTH - keep.length).join('') + keep.join('');
}

/**
 * `Content-Disposition` for a download: always `attachment`, never shown inline; the name as
 * RFC 5987 `filename*`, with a plain ASCII `filename` for clients that know no other.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
