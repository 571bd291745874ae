/**
 * Content security (内容安全) of user text and images, before anyone else may see them:
 * security.msgSecCheck (version 2) for text and security.imgSecCheck for each image.
 * 'risky' refuses the input, and so does an image over the 1 MB the synchronous check takes; a check
 * that cannot decide ('review', the service failing) lets the input in but marks it 'review' so it is
 * never shown publicly until a person has looked at it.
 */
import { createHash } from 'node:crypto'
import { sdk } from './cloud'
import { fail } from './errors'
import { cloudPathOf, downloadAt, sizeAt, tempUrls, uploadBytes } from './files'

export type SecVerdict = 'pass' | 'review'

export const RISKY_TEXT_MESSAGE = '内容含有不当信息，请修改后再提交'
export const RISKY_IMAGE_MESSAGE = '图片含有不当内容，请更换后再提交'
export const MISSING_IMAGE_MESSAGE = '图片不存在或已失效，请重新上传'
export const PHOTO_TOO_LARGE_MESSAGE = '图片太大（超过 1 MB），请重新拍摄或选择较小的图片'

/** imgSecCheck accepts images up to 1 MB (the app compresses photos well below it); larger ones are refused. */
export const MAX_PHOTO_BYTES = 1024 * 1024
/** Where checked photos are kept: written only by the functions (README, 部署 → 云存储权限). */
export const CHECKED_FOLDER = 'checked/'
/** The temporary URLs a check reads photos through live this long (seconds). */
const TEMP_URL_MAX_AGE_S = 600
const RISKY_ERRCODE = 87014

interface SecOpenApi {
  security: {
    msgSecCheck(p: { openid: string; scene: number; version: number; content: string }): Promise<{ result?: { suggest?: string } }>
    imgSecCheck(p: { media: { contentType: string; value: Buffer } }): Promise<unknown>
  }
}

const openapi = () => sdk().openapi as unknown as SecOpenApi

function errCodeOf(e: unknown): number | null {
  const code = (e as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : null
}

/** scene 1 = 资料 (a profile-like record the person files). */
export async function checkText(openid: string, texts: Array<string | null | undefined>): Promise<SecVerdict> {
  const content = texts.filter((t): t is string => typeof t === 'string' && t.length > 0).join('\n')
  if (!content) return 'pass'
  let suggest: string | undefined
  try {
    suggest = (await openapi().security.msgSecCheck({ openid, scene: 1, version: 2, content })).result?.suggest
  } catch (e) {
    if (errCodeOf(e) === RISKY_ERRCODE) return fail('INVALID_INPUT', RISKY_TEXT_MESSAGE)
    console.error('[security] msgSecCheck failed', e)
    return 'review'
  }
  if (suggest === 'risky') return fail('INVALID_INPUT', RISKY_TEXT_MESSAGE)
  return suggest === 'pass' ? 'pass' : 'review'
}

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' }

/** The image's extension from its first bytes, else from its name, else jpg (what the app uploads). */
function extensionOf(fileID: string, bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'jpg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'gif'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileID)?.[1]?.toLowerCase() ?? ''
  return ext === 'jpeg' ? 'jpg' : ext in IMAGE_TYPES ? ext : 'jpg'
}

/** The content check's verdict on one photo's bytes; a risky photo is refused. */
async function checkImage(bytes: Buffer, ext: string): Promise<SecVerdict> {
  try {
    await openapi().security.imgSecCheck({ media: { contentType: IMAGE_TYPES[ext], value: bytes } })
    return 'pass'
  } catch (e) {
    if (errCodeOf(e) === RISKY_ERRCODE) return fail('INVALID_INPUT', RISKY_IMAGE_MESSAGE)
    console.error('[security] imgSecCheck failed', e)
    return 'review'
  }
}

/** Photos the functions have checked, named by their content: `checked/<sha256>.<ext>`. */
export function isCheckedPhoto(fileID: string): boolean {
  return /^checked\/[0-9a-f]{64}\.[a-z]{3,4}$/.test(cloudPathOf(fileID) ?? '')
}

export interface CheckedPhotos {
  /** 'review' when the check of any photo could not decide. */
  verdict: SecVerdict
  /** Each photo's verdict, in the order given. */
  verdicts: SecVerdict[]
  /**
   * Copies the checked bytes to `checked/<sha256>.<ext>` (the same bytes always land on the same file)
   * and returns those fileIDs in the order given: callers store these, never the client's own. Call it
   * once every other check has passed, so a refused request writes nothing.
   */
  keep(): Promise<string[]>
}

interface Fetched {
  fileID: string
  bytes: Buffer
  ext: string
}

async function keepChecked(photos: Fetched[]): Promise<string[]> {
  const uploads = new Map<string, Promise<string>>()
  return Promise.all(
    photos.map(({ fileID, bytes, ext }) => {
      const cloudPath = `${CHECKED_FOLDER}${createHash('sha256').update(bytes).digest('hex')}.${ext}`
      if (cloudPathOf(fileID) === cloudPath) return fileID
      let upload = uploads.get(cloudPath)
      if (!upload) uploads.set(cloudPath, (upload = uploadBytes(cloudPath, bytes)))
      return upload
    })
  )
}

/**
 * Photos are fileIDs the client uploaded. Each must exist, must not point at a generated export, must
 * not carry the uploader's identity in its path (staff see photo URLs of reports whose reporter they
 * must not learn) and must be at most 1 MB, which is learnt before anything is downloaded. Each is then
 * downloaded once (reading at most 1 MB), checked, and kept as a copy the client cannot write to: the
 * client owns its upload's path and could upload other bytes there after the check.
 */
export async function checkPhotos(fileIDs: string[], identity: string[]): Promise<CheckedPhotos> {
  for (const f of fileIDs) {
    if (/(^|\/)exports\//.test(f)) fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
    if (identity.some((id) => id && f.includes(id))) fail('INVALID_INPUT', '图片的存储路径不能包含个人标识，请重新上传')
  }
  if (fileIDs.length === 0) return { verdict: 'pass', verdicts: [], keep: async () => [] }
  const urls = await tempUrls(fileIDs, TEMP_URL_MAX_AGE_S)
  if (fileIDs.some((f) => !urls.has(f))) fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
  const urlOf = (f: string) => urls.get(f) as string
  const sizes = await Promise.all(fileIDs.map((f) => sizeAt(urlOf(f))))
  if (sizes.some((size) => size !== null && size > MAX_PHOTO_BYTES)) fail('INVALID_INPUT', PHOTO_TOO_LARGE_MESSAGE)
  const fetched = await Promise.all(
    fileIDs.map(async (fileID): Promise<Fetched> => {
      const bytes = await downloadAt(urlOf(fileID), MAX_PHOTO_BYTES)
      if (bytes === 'too-large') return fail('INVALID_INPUT', PHOTO_TOO_LARGE_MESSAGE)
      if (bytes === 'missing') return fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
      return { fileID, bytes, ext: extensionOf(fileID, bytes) }
    })
  )
  const verdicts = await Promise.all(fetched.map((p) => checkImage(p.bytes, p.ext)))
  return { verdict: verdicts.every((v) => v === 'pass') ? 'pass' : 'review', verdicts, keep: () => keepChecked(fetched) }
}
