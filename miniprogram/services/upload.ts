import { config } from './config';
import { showHint } from './feedback';

// Photos a resident attaches: uploaded to cloud storage (the emulator's storage in local mode), kept
// by their file ID; shown from `cloud://` directly in CloudBase, through the emulator's URL locally.

/** Uploads one chosen file; resolves with its file ID. */
export function uploadPhoto(filePath: string, cloudPath: string): Promise<string> {
  if (config.mode === 'cloud') {
    return wx.cloud.uploadFile({ cloudPath, filePath }).then((res) => res.fileID);
  }
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.localGateway}/_emulator/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath },
      success: (res) => {
        try {
          resolve((JSON.parse(res.data) as { fileID: string }).fileID);
        } catch {
          reject(new Error('upload answered without a file ID'));
        }
      },
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

/** Where an image of a stored photo is loaded from. */
export function photoSource(fileID: string): string {
  // https pictures (and every file in a real environment) load as they are.
  if (config.mode === 'cloud' || !fileID.startsWith('cloud://')) return fileID;
  const cloudPath = fileID.replace(/^cloud:\/\/[^/]+\//, '');
  return `${config.localGateway}/_emulator/storage/${cloudPath}`;
}

export interface UploadedPhoto {
  fileID: string;
  /** The picture on this phone, shown at once instead of downloading what was just uploaded. */
  preview: string;
}

export interface UploadOutcome {
  uploaded: UploadedPhoto[];
  /** How many of the files could not be uploaded. */
  failed: number;
}

/**
 * Uploads files the person chose, one at a time, file `index` under `cloudPathOf(index)`. A failed
 * upload does not undo the others: those that went up are answered, the failures only counted.
 */
export async function uploadPhotos(filePaths: string[], cloudPathOf: (index: number) => string): Promise<UploadOutcome> {
  const outcome: UploadOutcome = { uploaded: [], failed: 0 };
  for (const [index, filePath] of filePaths.entries()) {
    try {
      outcome.uploaded.push({ fileID: await uploadPhoto(filePath, cloudPathOf(index)), preview: filePath });
    } catch {
      outcome.failed += 1;
    }
  }
  return outcome;
}

/** What the person is told when some of their photos did not go up (nothing when all did). */
export function uploadFailureHint({ uploaded, failed }: UploadOutcome): string {
  if (!failed) return '';
  // Short enough for a toast's two lines; the photos that went up are in sight.
  return uploaded.length ? `${failed} 张照片上传失败，请重新添加` : '照片上传失败，请重试';
}

/**
 * The one way a page without t-upload adds photos: the picker (compressed images, at most `count`),
 * then one upload each under the path `cloudPathOf(index)` gives (`onUploading` once chosen, for a
 * busy state). Answers what was uploaded; nothing when the person closed the picker; failed uploads
 * are told as a hint, and the photos uploaded beside them are kept.
 */
export async function pickAndUploadPhotos(
  count: number,
  cloudPathOf: (index: number) => string,
  onUploading?: () => void,
): Promise<UploadedPhoto[]> {
  let chosen: WechatMiniprogram.ChooseMediaSuccessCallbackResult;
  try {
    chosen = await wx.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'] });
  } catch {
    return []; // the picker was closed
  }
  onUploading?.();
  const outcome = await uploadPhotos(
    chosen.tempFiles.map((file) => file.tempFilePath),
    cloudPathOf,
  );
  const hint = uploadFailureHint(outcome);
  if (hint) showHint(hint);
  return outcome.uploaded;
}
