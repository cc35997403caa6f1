// Helpers for the attachment and event suites: multipart uploads as a browser sends them, and
// sample files whose bytes are what they claim (or deliberately not).
import { assertDocumented, type App, type Answer } from '../test-support.js';

/** One file part: its name and declared type as the browser would send them. */
export interface UploadFile {
  name: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer> | string;
}

export interface FormCallOptions {
  cookie?: string;
  /** The `data` part, sent as JSON; `undefined` leaves it out. */
  data?: unknown;
  files?: UploadFile[];
  /** More parts, as is. */
  extra?: Record<string, string>;
}

/** POSTs multipart form data like HttpAdapter does: `data` JSON part and `files` parts. */
export async function postForm<T = unknown>(
  app: App,
  path: string,
  { cookie, data, files = [], extra = {} }: FormCallOptions,
): Promise<Answer<T>> {
  const form = new FormData();
  if (data !== undefined) form.append('data', JSON.stringify(data));
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  for (const file of files) {
    form.append('files', new File([file.bytes], file.name, { type: file.type }));
  }
  const headers: Record<string, string> = { 'x-kundportal': '1' };
  if (cookie) headers.cookie = cookie;
  const response = await app.request(path, { method: 'POST', headers, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the text is the body.
  }
  assertDocumented('POST', path, response, body);
  return { status: response.status, body: body as T, text, headers: response.headers };
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d4944415478da63f8cfc0f01f0005000201fd2c8a0d0000000049454e44ae426082',
  'hex',
);

/** A minimal PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The start of a Windows executable. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 1)]);

/** A PNG header with a web page behind it: a PNG to a sniffer, a page to a careless browser. */
export const PNG_HTML_POLYGLOT = Buffer.concat([
  PNG.subarray(0, 33),
  Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'),
]);

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
export const HTML = '<!doctype html><html><script>alert(1)</script></html>';
