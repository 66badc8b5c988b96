import { decodeScene } from '../../miniprogram/services/scene';
import { startTestEmulator } from '../support/emulator';
import { newDelegate, newGroup, newStation, ok, STAFF, type TestEmulator } from './directory-fixtures';

// A printed 代表码 must lead to the right delegate: the PNG staff download is read back as a phone's
// scanner would, and its scene goes through the same decoder the compose page uses in onLoad.

// Readers that ship with miniprogram-ci (a dev dependency); used here only to scan the image.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const QrCode = require('qrcode-reader');

interface Bitmap {
  width: number;
  height: number;
  data: Buffer;
}

function decode(image: Bitmap): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new QrCode();
    reader.callback = (error: unknown, value: { result: string } | undefined) =>
      error || !value ? reject(error ?? new Error('no code found')) : resolve(value.result);
    reader.decode(image);
  });
}

/** The image turned a quarter to the right (RGBA pixels). */
function turned(image: Bitmap): Bitmap {
  const { width, height, data } = image;
  const out = Buffer.alloc(data.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.copy(out, (x * height + (height - 1 - y)) * 4, (y * width + x) * 4, (y * width + x + 1) * 4);
  return { width: height, height: width, data: out };
}

// A phone reads a code held at any angle. The pure-JS reader misjudges about one code in twenty at a
// given angle, so it tries the four quarter turns, as a person tilting the phone would.
async function scan(png: Buffer): Promise<string> {
  const read = PNG.sync.read(png);
  let image: Bitmap = { width: read.width, height: read.height, data: read.data };
  let lastError: unknown;
  for (let turn = 0; turn < 4; turn++, image = turned(image)) {
    try {
      return await decode(image);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
}, 120_000);
afterAll(() => emulator?.stop());

describe('代表码 and 站点码 read back', () => {
  it('a scanned 代表码 names its delegate and a scanned 站点码 its station', async () => {
    const groupId = await newGroup(emulator);
    const stationId = await newStation(emulator);
    const { id } = await newDelegate(emulator, { name: '王芳', groupId, stationId });

    const delegateCode = await ok(emulator.call(STAFF, 'admin.codes.get', { kind: 'delegate', id }));
    const scanned = await scan(Buffer.from(delegateCode.imageBase64, 'base64'));
    expect(scanned).toBe(delegateCode.scene);
    // WeChat hands the scene to the page URL-encoded.
    expect(decodeScene(encodeURIComponent(scanned))).toEqual({ kind: 'delegate', id });

    const stationCode = await ok(emulator.call(STAFF, 'admin.codes.get', { kind: 'station', id: stationId }));
    expect(decodeScene(encodeURIComponent(await scan(Buffer.from(stationCode.imageBase64, 'base64'))))).toEqual({
      kind: 'station',
      id: stationId,
    });
  });
});
