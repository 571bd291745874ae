/**
 * Durable storage of the local database: `<dir>/snapshot.jsonl` (state at a sequence number) and
 * `<dir>/log.jsonl` (one line per acknowledged write batch or transaction, appended with
 * `fs.writeSync` before the write is acknowledged, so a `kill -9` loses nothing acknowledged; data
 * reaches the OS page cache, not necessarily the platter — no fsync per write).
 *
 * Lines are canonical EJSON. A torn last line (crash mid-append) is dropped and the file truncated back
 * to the last complete line on open. Compaction (on open, when the log is much larger than the live
 * data) writes a new snapshot to a temp file, renames it over the old one and truncates the log;
 * records carry their sequence number, so a crash between rename and truncate replays nothing twice.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EJSON } from 'bson'
import type { IndexSpec } from './collection'
import type { Doc } from './values'

export type LogOp = { t: 'put'; c: string; doc: Doc } | { t: 'del'; c: string; id: unknown } | { t: 'create'; c: string; indexes: IndexSpec[] } | { t: 'drop'; c: string }

export interface LogRecord {
  s: number
  o: LogOp[]
}

interface SnapshotHeader {
  snapshot: 1
  seq: number
}

export interface LoadResult {
  snapshotSeq: number
  snapshotOps: LogOp[]
  records: LogRecord[]
  logBytes: number
  tornBytes: number
}

const stringify = (v: unknown) => EJSON.stringify(v as Doc, { relaxed: false })
const parse = (line: string) => EJSON.parse(line, { relaxed: true }) as unknown

export interface DiskStoreInfo {
  dir: string
  logBytes: number
  snapshotBytes: number
  compactions: number
  tornBytesDropped: number
}

export class DiskStore {
  readonly logPath: string
  readonly snapshotPath: string
  private readonly lockPath: string
  private fd: number | null = null
  private logBytes = 0
  compactions = 0
  tornBytesDropped = 0

  constructor(readonly dir: string) {
    this.logPath = path.join(dir, 'log.jsonl')
    this.snapshotPath = path.join(dir, 'snapshot.jsonl')
    this.lockPath = path.join(dir, 'LOCK')
  }

  private lock(): void {
    fs.mkdirSync(this.dir, { recursive: true })
    try {
      const pid = Number(fs.readFileSync(this.lockPath, 'utf8'))
      if (pid && pid !== process.pid && alive(pid)) {
        throw new Error(`local cloud data dir ${this.dir} is in use by process ${pid}`)
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
    fs.writeFileSync(this.lockPath, String(process.pid))
  }

  /** Reads snapshot and log, repairing a torn log tail. */
  load(): LoadResult {
    this.lock()
    try {
      fs.rmSync(this.snapshotPath + '.tmp', { force: true })
    } catch {
      /* ignore */
    }
    let snapshotSeq = 0
    const snapshotOps: LogOp[] = []
    if (fs.existsSync(this.snapshotPath)) {
      const text = fs.readFileSync(this.snapshotPath, 'utf8')
      const lines = text.split('\n').filter((l) => l.length > 0)
      const header = parse(lines[0] ?? '{}') as Partial<SnapshotHeader>
      if (header.snapshot !== 1) throw new Error(`${this.snapshotPath}: not a snapshot`)
      snapshotSeq = header.seq ?? 0
      for (let i = 1; i < lines.length; i++) snapshotOps.push(parse(lines[i]) as LogOp)
    }
    const records: LogRecord[] = []
    let tornBytes = 0
    let logBytes = 0
    if (fs.existsSync(this.logPath)) {
      const buf = fs.readFileSync(this.logPath)
      const lastNl = buf.lastIndexOf(0x0a)
      const goodEnd = lastNl + 1
      tornBytes = buf.length - goodEnd
      const text = buf.subarray(0, goodEnd).toString('utf8')
      const lines = text.split('\n')
      lines.pop() // empty string after the final newline
      let end = goodEnd
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]
        if (!line) continue
        let rec: LogRecord
        try {
          rec = parse(line) as LogRecord
        } catch (e) {
          if (i === lines.length - 1) {
            // a last line that does not parse is a torn write too
            const bytes = Buffer.byteLength(line, 'utf8') + 1
            end -= bytes
            tornBytes += bytes
            break
          }
          throw new Error(`${this.logPath}: corrupt record on line ${i + 1} (${(e as Error).message})`)
        }
        if (rec.s > snapshotSeq) records.push(rec)
      }
      if (tornBytes > 0) {
        fs.truncateSync(this.logPath, end)
        this.tornBytesDropped += tornBytes
      }
      logBytes = end
    }
    this.logBytes = logBytes
    this.fd = fs.openSync(this.logPath, 'a')
    return { snapshotSeq, snapshotOps, records, logBytes, tornBytes }
  }

  /** Appends one record; returns once the bytes are in the OS (writeSync). */
  append(rec: LogRecord): void {
    if (this.fd === null) throw new Error('local cloud store is closed')
    const buf = Buffer.from(stringify(rec) + '\n', 'utf8')
    let off = 0
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off)
    this.logBytes += buf.length
  }

  /** Writes a snapshot of the given state at seq and empties the log. */
  compact(seq: number, ops: Iterable<LogOp>): void {
    const tmp = this.snapshotPath + '.tmp'
    const fd = fs.openSync(tmp, 'w')
    try {
      const header: SnapshotHeader = { snapshot: 1, seq }
      const chunks: string[] = [stringify(header)]
      let size = 0
      const flush = () => {
        const data = chunks.join('\n') + '\n'
        fs.writeSync(fd, data)
        chunks.length = 0
        size = 0
      }
      for (const op of ops) {
        const line = stringify(op)
        chunks.push(line)
        size += line.length
        if (size > 1 << 20) flush()
      }
      if (chunks.length) flush()
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, this.snapshotPath)
    if (this.fd !== null) fs.closeSync(this.fd)
    fs.truncateSync(this.logPath, 0)
    this.fd = fs.openSync(this.logPath, 'a')
    this.logBytes = 0
    this.compactions++
  }

  /** Drops everything on disk (tests). */
  wipe(): void {
    if (this.fd !== null) fs.closeSync(this.fd)
    fs.rmSync(this.snapshotPath, { force: true })
    fs.truncateSync(this.logPath, 0)
    this.fd = fs.openSync(this.logPath, 'a')
    this.logBytes = 0
  }

  info(): DiskStoreInfo {
    let snapshotBytes = 0
    try {
      snapshotBytes = fs.statSync(this.snapshotPath).size
    } catch {
      /* none */
    }
    return { dir: this.dir, logBytes: this.logBytes, snapshotBytes, compactions: this.compactions, tornBytesDropped: this.tornBytesDropped }
  }

  get currentLogBytes(): number {
    return this.logBytes
  }

  close(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd)
      this.fd = null
    }
    try {
      if (Number(fs.readFileSync(this.lockPath, 'utf8')) === process.pid) fs.rmSync(this.lockPath, { force: true })
    } catch {
      /* ignore */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
