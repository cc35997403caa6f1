const KILOBYTE = 1000;
const MEGABYTE = 1000 * KILOBYTE;

const formats = {
  byte: new Intl.NumberFormat(undefined, { style: 'unit', unit: 'byte', unitDisplay: 'narrow' }),
  kilobyte: new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: 'kilobyte',
    maximumFractionDigits: 1,
  }),
  megabyte: new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  }),
};

/** A file size in the viewer's locale with SI units, as the unit names say: "512B", "12.3 kB", "4.5 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= MEGABYTE) return formats.megabyte.format(bytes / MEGABYTE);
  if (bytes >= KILOBYTE) return formats.kilobyte.format(bytes / KILOBYTE);
  return formats.byte.format(bytes);
}
