import { sdk } from './cloud'

/** getTempFileURL takes at most 50 files per call in the cloud. */
const TEMP_URL_BATCH = 50
const TEMP_URL_PARALLEL = 4

/** Temporary URLs of stored files (fileID → URL; a missing or unreadable file is absent from the map). */
export async function tempUrls(fileIDs: Iterable<string>, maxAge?: number): Promise<Map<string, string>> {
  const unique = [...new Set(fileIDs)].filter((f) => f.length > 0)
  const out = new Map<string, string>()
  const batches: string[][] = []
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) batches.push(unique.slice(i, i + TEMP_URL_BATCH))
  for (let i = 0; i < batches.length; i += TEMP_URL_PARALLEL) {
    await Promise.all(
      batches.slice(i, i + TEMP_URL_PARALLEL).map(async (batch) => {
        const res = await sdk().getTempFileURL({ fileList: batch.map((fileID) => (maxAge ? { fileID, maxAge } : fileID)) })
        for (const item of res?.fileList ?? []) if (item.status === 0 && item.tempFileURL) out.set(item.fileID, item.tempFileURL)
      })
    )
  }
  return out
}

/** A file's bytes, or null when it does not exist or cannot be read. */
export async function downloadBytes(fileID: string): Promise<Buffer | null> {
  try {
    const res = await sdk().downloadFile({ fileID })
    return Buffer.isBuffer(res.fileContent) ? res.fileContent : null
  } catch {
    return null
  }
}

export async function uploadBytes(cloudPath: string, content: Buffer): Promise<string> {
  const res = await sdk().uploadFile({ cloudPath, fileContent: content })
  return res.fileID
}
