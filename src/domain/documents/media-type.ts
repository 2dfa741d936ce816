// The media type of a file judged by its content (magic bytes), never by its name: a renamed
// executable is not a PDF. Pure: the caller passes the first bytes of the file and, for a ZIP
// container, its last bytes (where the central directory is).

export const MEDIA_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  // GB/T 33190-2016, China's fixed-layout e-document format: a ZIP package with OFD.xml at its root.
  ofd: { mediaType: 'application/ofd', extensions: ['ofd'] },
} as const;
export type FileType = keyof typeof MEDIA_TYPES;
export const FILE_TYPES = Object.keys(MEDIA_TYPES) as FileType[];

/** How many leading bytes the sniffer needs. */
export const SNIFF_BYTES = 16;

const startsWith = (head: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** What the first bytes say: a type, `zip` (an OFD candidate, to confirm by its entries) or null. */
export const sniffHead = (head: Uint8Array): Exclude<FileType, 'ofd'> | 'zip' | null => {
  if (startsWith(head, PDF)) return 'pdf';
  if (startsWith(head, PNG)) return 'png';
  if (startsWith(head, JPEG)) return 'jpeg';
  if (startsWith(head, ZIP_LOCAL)) return 'zip';
  return null;
};

/** How many trailing bytes zipEntryNames needs to see a whole central directory of a small package. */
export const ZIP_TAIL_BYTES = 256 * 1024;

/**
 * The entry names of the ZIP central directory found in `tail` (the file's last bytes): from the
 * end-of-central-directory record back to each central file header. An unreadable tail gives [].
 */
export const zipEntryNames = (tail: Uint8Array, fileSize: number): string[] => {
  const view = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const minimum = Math.max(0, view.length - 22 - 0xffff);
  for (let at = view.length - 22; at >= minimum; at--) {
    if (view.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = view.readUInt16LE(at + 10);
    const cdSize = view.readUInt32LE(at + 12);
    const cdOffset = view.readUInt32LE(at + 16);
    // Where the central directory starts within `tail`.
    const start = cdOffset - (fileSize - view.length);
    if (start < 0 || start + cdSize > at) return [];
    const names: string[] = [];
    let p = start;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > at || view.readUInt32LE(p) !== 0x02014b50) return [];
      const nameLength = view.readUInt16LE(p + 28);
      const extraLength = view.readUInt16LE(p + 30);
      const commentLength = view.readUInt16LE(p + 32);
      names.push(view.toString('utf8', p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return [];
};

/** The file's type from its first and last bytes, or null when it is none of the known ones. */
export const detectFileType = (
  head: Uint8Array,
  tail: Uint8Array,
  fileSize: number,
): FileType | null => {
  const sniffed = sniffHead(head);
  if (sniffed !== 'zip') return sniffed;
  return zipEntryNames(tail, fileSize).some((name) => name.toLowerCase() === 'ofd.xml')
    ? 'ofd'
    : null;
};

export const extensionOf = (fileName: string): string | null => {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? match[1]!.toLowerCase() : null;
};

/**
 * Why a file is refused (415), or null: its content is none of the allowed types, or its name's
 * extension is not one of its type's (an executable named `.pdf`, a PNG named `.pdf`).
 */
export const mediaTypeRefusal = (
  detected: FileType | null,
  fileName: string,
  allowed: readonly FileType[],
): string | null => {
  const allowedList = allowed.join(', ');
  if (detected === null) return `The content of ${fileName} is none of ${allowedList}`;
  if (!allowed.includes(detected)) {
    return `${detected} files are not accepted (accepted: ${allowedList})`;
  }
  const extension = extensionOf(fileName);
  const expected: readonly string[] = MEDIA_TYPES[detected].extensions;
  if (extension === null || !expected.includes(extension)) {
    return `${fileName} holds a ${detected} file: its name must end in .${expected.join(' or .')}`;
  }
  return null;
};
