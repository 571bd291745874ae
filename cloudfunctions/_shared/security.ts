/**
 * Content security (内容安全) of user text and images, before anyone else may see them:
 * security.msgSecCheck (version 2) for text and security.imgSecCheck for each image.
 * 'risky' refuses the input; a check that cannot decide ('review', an image too large for the
 * synchronous check, the service failing) lets the input in but marks it 'review' so it is never
 * shown publicly.
 */
import { sdk } from './cloud'
import { fail } from './errors'
import { downloadBytes, tempUrls } from './files'

export type SecVerdict = 'pass' | 'review'

export const RISKY_TEXT_MESSAGE = '内容含有不当信息，请修改后再提交'
export const RISKY_IMAGE_MESSAGE = '图片含有不当内容，请更换后再提交'
export const MISSING_IMAGE_MESSAGE = '图片不存在或已失效，请重新上传'

/** imgSecCheck accepts images up to 1 MB. */
const IMG_CHECK_MAX_BYTES = 1024 * 1024
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

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' }

function contentTypeOf(fileID: string): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(fileID)?.[1]?.toLowerCase() ?? ''
  return CONTENT_TYPES[ext] ?? 'image/jpeg'
}

async function checkImage(fileID: string): Promise<SecVerdict> {
  const bytes = await downloadBytes(fileID)
  if (!bytes) return fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
  if (bytes.length > IMG_CHECK_MAX_BYTES) return 'review'
  try {
    await openapi().security.imgSecCheck({ media: { contentType: contentTypeOf(fileID), value: bytes } })
    return 'pass'
  } catch (e) {
    if (errCodeOf(e) === RISKY_ERRCODE) return fail('INVALID_INPUT', RISKY_IMAGE_MESSAGE)
    console.error('[security] imgSecCheck failed', e)
    return 'review'
  }
}

/**
 * Photos are fileIDs the client uploaded. Each must exist, must not point at a generated export,
 * and must not carry the uploader's identity in its path (staff see photo URLs of reports whose
 * reporter they must not learn).
 */
export async function checkPhotos(fileIDs: string[], identity: string[]): Promise<SecVerdict> {
  for (const f of fileIDs) {
    if (/(^|\/)exports\//.test(f)) fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
    if (identity.some((id) => id && f.includes(id))) fail('INVALID_INPUT', '图片的存储路径不能包含个人标识，请重新上传')
  }
  if (fileIDs.length === 0) return 'pass'
  const urls = await tempUrls(fileIDs)
  if (fileIDs.some((f) => !urls.has(f))) fail('INVALID_INPUT', MISSING_IMAGE_MESSAGE)
  const verdicts = await Promise.all(fileIDs.map(checkImage))
  return verdicts.every((v) => v === 'pass') ? 'pass' : 'review'
}
