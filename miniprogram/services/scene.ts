// The `scene` a 代表码 or 站点码 carries: `d=<delegateId>` or `s=<stationId>`. WeChat passes it to the
// page as `options.scene`, URL-encoded, and allows at most 32 visible characters.

export type SceneTarget = { kind: 'delegate'; id: string } | { kind: 'station'; id: string };

export const SCENE_MAX_LENGTH = 32;
const ID_PATTERN = /^[A-Za-z0-9_\-]+$/;

export function encodeScene(target: SceneTarget): string {
  const scene = `${target.kind === 'delegate' ? 'd' : 's'}=${target.id}`;
  if (!ID_PATTERN.test(target.id) || scene.length > SCENE_MAX_LENGTH) throw new Error(`scene too long or invalid: ${scene}`);
  return scene;
}

/** Reads the scene from a page's onLoad options; anything else (a shared link, junk) gives null. */
export function decodeScene(scene: string | undefined | null): SceneTarget | null {
  if (!scene) return null;
  let text = scene;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return null;
  }
  const match = /^([ds])=([A-Za-z0-9_\-]{1,30})$/.exec(text.trim());
  if (!match) return null;
  return { kind: match[1] === 'd' ? 'delegate' : 'station', id: match[2] };
}
