// Cloud storage through the real wx-server-sdk (uploadFile, getTempFileURL, deleteFile) and the
// mini-program's local upload form.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { sdkClient, type Cloud } from '../support/sdk';

let emulator: TestEmulator;
let cloud: Cloud;
beforeAll(async () => {
  emulator = await startTestEmulator();
  cloud = sdkClient(emulator.url);
});
afterAll(() => emulator.stop());

test('a file uploaded by the function is served at its temporary URL, then deleted', async () => {
  const content = Buffer.from('议政通 年度报告');
  const { fileID } = await cloud.uploadFile({ cloudPath: 'exports/report.txt', fileContent: content });
  expect(fileID).toBe('cloud://emulator.emulator-bucket/exports/report.txt');
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID, 'cloud://emulator.emulator-bucket/missing.txt'] });
  expect(fileList[0]).toMatchObject({ fileID, status: 0 });
  expect(fileList[1]).toMatchObject({ status: expect.any(Number), tempFileURL: '' });
  expect(fileList[1].status).not.toBe(0);
  const download = await fetch(fileList[0].tempFileURL);
  expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
  await cloud.deleteFile({ fileList: [fileID] });
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(404);
});

test("the mini-program's local upload form stores a file by cloud path", async () => {
  const form = new FormData();
  form.append('cloudPath', 'photos/lamp.png');
  form.append('file', new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47])]), 'lamp.png');
  const response = await fetch(`${emulator.url}/_emulator/storage/upload`, { method: 'POST', body: form });
  expect(await response.json()).toMatchObject({ fileID: 'cloud://emulator.emulator-bucket/photos/lamp.png' });
  const served = await fetch(`${emulator.url}/_emulator/storage/photos/lamp.png`);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  expect((await fetch(`${emulator.url}/_emulator/storage/%2E%2E%2Fsecret`)).status).toBe(404);
});
