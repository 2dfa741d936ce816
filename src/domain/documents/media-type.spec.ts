import { deflateRawSync } from 'node:zlib';
import {
  detectFileType,
  mediaTypeRefusal,
  sniffHead,
  zipEntryNames,
  type FileType,
} from './media-type';

/** A minimal stored ZIP with the given entries (enough for the central directory to be real). */
const zip = (entries: string[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of entries) {
    const nameBytes = Buffer.from(name);
    const body = deflateRawSync(Buffer.from('<x/>'));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt32LE(body.length, 18);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
};

const detect = (bytes: Buffer) => detectFileType(bytes.subarray(0, 16), bytes, bytes.length);

describe('media type by content', () => {
  it.each<[string, Buffer, FileType | null]>([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'jpeg'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
    ['an OFD package', zip(['OFD.xml', 'Doc_0/Document.xml']), 'ofd'],
    ['an OFD package with OFD.xml last', zip(['Doc_0/Document.xml', 'OFD.xml']), 'ofd'],
    ['a ZIP that is not an OFD', zip(['word/document.xml']), null],
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00\x00\x00PE'), null],
    ['an ELF executable', Buffer.from('\x7fELF\x02\x01\x01'), null],
    ['text', Buffer.from('hello, world'), null],
    ['nothing', Buffer.alloc(0), null],
    ['a truncated PDF magic', Buffer.from('%PD'), null],
    ['a ZIP whose central directory is cut off', zip(['OFD.xml']).subarray(0, 40), null],
  ])('%s', (_name, bytes, expected) => {
    expect(detect(bytes)).toBe(expected);
  });

  it('reads central directory names from a tail of a larger file', () => {
    const file = Buffer.concat([Buffer.alloc(1000, 0x20), zip(['OFD.xml'])]);
    // the offsets in this ZIP are relative to its own start: shift them as a real file would be
    const shifted = zip(['OFD.xml']);
    shifted.writeUInt32LE(shifted.readUInt32LE(shifted.length - 6) + 1000, shifted.length - 6);
    const whole = Buffer.concat([Buffer.alloc(1000, 0x20), shifted]);
    expect(zipEntryNames(whole.subarray(900), whole.length)).toEqual(['OFD.xml']);
    expect(sniffHead(file)).toBeNull();
  });
});

describe('mediaTypeRefusal', () => {
  const all: FileType[] = ['pdf', 'jpeg', 'png', 'ofd'];
  it.each<[FileType | null, string, readonly FileType[], boolean]>([
    ['pdf', 'statement.pdf', all, true],
    ['pdf', 'STATEMENT.PDF', all, true],
    ['jpeg', 'photo.jpg', all, true],
    ['jpeg', 'photo.jpeg', all, true],
    ['ofd', 'invoice.ofd', all, true],
    [null, 'setup.pdf', all, false],
    ['png', 'scan.pdf', all, false],
    ['pdf', 'statement', all, false],
    ['pdf', 'statement.exe', all, false],
    ['ofd', 'invoice.ofd', ['pdf'], false],
  ])('%s named %s', (detected, name, allowed, accepted) => {
    expect(mediaTypeRefusal(detected, name, allowed) === null).toBe(accepted);
  });
});
