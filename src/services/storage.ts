import { UPLOAD_FAILURE_MESSAGE, type Uploader } from './storage-types'

/**
 * Fallback seen by tsc and jest only: the builds pick storage.weapp.ts (WeChat cloud storage)
 * or storage.h5.ts (the local cloud's POST /api/files). Page tests mock this module.
 */
export const uploadPhoto: Uploader = async () => ({ ok: false, code: 'INTERNAL', message: UPLOAD_FAILURE_MESSAGE })

/** Compresses a picked photo and keeps it where a draft can find it after a restart; returns its path. */
export async function preparePhoto(tempPath: string): Promise<string> {
  return tempPath
}

/** Forgets a kept photo once its report is submitted (or the photo removed). */
export function releasePhoto(_path: string): void {
  // nothing kept outside the platforms
}
