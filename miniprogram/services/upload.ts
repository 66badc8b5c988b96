import { config } from './config';
import { showError, showHint } from './feedback';

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

// ---- t-upload on a page: the photos a form attaches, as compose, news, 进展 and 履职 pages share them
//
//   data: { ...photoUpload(PHOTOS_MAX) },                       // photos, the tiles t-upload shows, its settings
//   <t-upload files="{{files}}" max="{{photosMax}}" media-type="{{photoMediaType}}" config="{{photoPicker}}"
//             grid-config="{{photoGrid}}" bind:add="onAddPhotos" bind:remove="onRemovePhoto" />
//   onAddPhotos(event) { return addPickedPhotos(this, event, () => `news/${this.data.requestId}`); }
//   onRemovePhoto(event) { removePickedPhoto(this, event); }
//   ... call(..., { photos: this.data.photos.map((p) => p.fileID) }); this.setData(showPhotos([]));

/** A tile of t-upload: a photo that went up, or one still going up. */
export interface UploadTile {
  url: string;
  status: 'loading' | 'done';
}

/** What a page with t-upload keeps in its data. */
export interface PhotoUploadData {
  /** Uploaded photos: their file IDs and what the page shows for each. */
  photos: UploadedPhoto[];
  /** What t-upload shows: the uploaded photos, then those still going up. */
  files: UploadTile[];
  uploading: boolean;
  photosMax: number;
  photoMediaType: string[];
  photoPicker: { sizeType: string[] };
  photoGrid: { column: number; width: number; height: number };
}

const tilesOf = (photos: UploadedPhoto[], loading: string[] = []): UploadTile[] => [
  ...photos.map((photo) => ({ url: photo.preview, status: 'done' as const })),
  ...loading.map((url) => ({ url, status: 'loading' as const })),
];

/** The photos a form shows (none, a restored draft, an entry opened to change), with their tiles. */
export function showPhotos(photos: UploadedPhoto[]): Pick<PhotoUploadData, 'photos' | 'files'> {
  return { photos, files: tilesOf(photos) };
}

/** A form's starting data for t-upload: no photos, at most `max`, compressed images, three to a row. */
export function photoUpload(max: number): PhotoUploadData {
  return {
    ...showPhotos([]),
    uploading: false,
    photosMax: max,
    photoMediaType: ['image'],
    photoPicker: { sizeType: ['compressed'] },
    photoGrid: { column: 3, width: 200, height: 200 },
  };
}

interface PhotoForm {
  data: PhotoUploadData;
  setData(data: Partial<PhotoUploadData>): void;
}

/**
 * t-upload's add: uploads what was picked (its picker already stops at what is left of the limit),
 * their tiles spinning meanwhile, into `folder()`; keeps those that went up beside the earlier ones
 * and tells how many failed. Answers whether photos were added.
 */
export async function addPickedPhotos(
  page: PhotoForm,
  event: WechatMiniprogram.CustomEvent<{ files: { url: string }[] }>,
  folder: () => string | Promise<string>,
): Promise<boolean> {
  const { photos, uploading, photosMax } = page.data;
  const chosen = event.detail.files.map((file) => file.url).slice(0, photosMax - photos.length);
  if (uploading || !chosen.length) return false;
  page.setData({ uploading: true, files: tilesOf(photos, chosen) });
  try {
    // The time in the name: a photo added after one was removed (or to a restored draft) never reuses a path.
    const batch = Date.now().toString(36);
    const base = await folder();
    const outcome = await uploadPhotos(chosen, (index) => `${base}-${batch}-${index}.jpg`);
    const hint = uploadFailureHint(outcome);
    if (hint) showHint(hint);
    page.setData(showPhotos(page.data.photos.concat(outcome.uploaded)));
    return outcome.uploaded.length > 0;
  } catch (error) {
    page.setData({ files: tilesOf(page.data.photos) });
    showError(error);
    return false;
  } finally {
    page.setData({ uploading: false });
  }
}

/** t-upload's remove (the tile's index); photos still going up cannot be removed yet. Answers whether one was. */
export function removePickedPhoto(page: PhotoForm, event: WechatMiniprogram.CustomEvent<{ index: number }>): boolean {
  const { photos, uploading } = page.data;
  if (uploading || event.detail.index >= photos.length) return false;
  page.setData(showPhotos(photos.filter((_, index) => index !== event.detail.index)));
  return true;
}
