/** Persistence: restart, kill -9, torn last line, compaction, O(1) writes, the data-dir lock, the ID number key. */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ID_NUMBER_KEY_ENV, ID_NUMBER_KEY_FILE, localCloud } from '../../local-cloud'
import { idx, sdk } from './helpers'

let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-test-'))
})

afterEach(() => {
  localCloud.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const logFile = () => path.join(dir, 'db', 'log.jsonl')
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0)

test('everything acknowledged is there after close + open, indexes and types included', async () => {
  localCloud.open({ dataDir: dir })
  const db = sdk().database()
  const _ = db.command
  localCloud.engine.createCollection('notes', [idx('owner_at', ['owner', 1], ['at', -1])])
  await db.collection('notes').add({ data: { _id: 'n1', owner: 'a', at: new Date(1000), body: { list: [1, 2.5, 'x', null] } } as never })
  await db.collection('notes').add({ data: { _id: 'n2', owner: 'a', at: new Date(2000) } as never })
  await db.collection('notes').add({ data: { _id: 'n3', owner: 'b', at: new Date(3000) } as never })
  await db
    .collection('notes')
    .doc('n1')
    .update({ data: { body: { list: _.push(4) }, n: _.inc(1) } as never })
  await db.collection('notes').doc('n3').remove()
  await db.runTransaction(async (t: { collection(n: string): { doc(id: string): { set(o: { data: object }): Promise<unknown> } } }) => {
    await t
      .collection('notes')
      .doc('n4')
      .set({ data: { owner: 'c', at: new Date(4000) } })
  })
  await db.collection('users').add({ data: { openid: 'o1', createdAt: new Date(5) } }) // declared in collections.json
  const before = { notes: localCloud.engine.all('notes'), users: localCloud.engine.all('users') }
  localCloud.close()

  localCloud.open({ dataDir: dir })
  expect(localCloud.engine.all('notes')).toEqual(before.notes)
  expect(localCloud.engine.all('users')).toEqual(before.users)
  expect(localCloud.engine.get('notes', 'n1')).toEqual({ _id: 'n1', owner: 'a', at: new Date(1000), body: { list: [1, 2.5, 'x', null, 4] }, n: 1 })
  expect(localCloud.engine.get('notes', 'n3')).toBeNull()
  expect(localCloud.engine.indexesOf('notes').map((i) => i.name)).toEqual(['owner_at'])
  const rows = (await sdk().database().collection('notes').where({ owner: 'a' }).orderBy('at', 'desc').get()) as { data: Array<{ _id: string }> }
  expect(rows.data.map((r) => r._id)).toEqual(['n2', 'n1'])
  expect(localCloud.engine.lastPlan).toMatchObject({ plan: 'index:owner_at', served: true })
})

test('kill -9 in the middle of a stream of writes loses nothing acknowledged; transactions stay whole', async () => {
  const root = path.resolve(__dirname, '../..')
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'crash-writer.ts'), dir], {
    cwd: root,
    env: { ...process.env, JEST_WORKER_ID: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const acked: string[] = []
  let stderr = ''
  let buffer = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)))
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString()
    const lines = buffer.split('\n')
    buffer = lines.pop() ?? ''
    for (const line of lines) if (line.startsWith('ACK ')) acked.push(...line.slice(4).split(' '))
    if (acked.length >= 150 && !child.killed) child.kill('SIGKILL')
  })
  const how = await exited
  expect(stderr).toBe('')
  expect(how).toBe('SIGKILL')
  expect(acked.length).toBeGreaterThanOrEqual(150)

  localCloud.open({ dataDir: dir })
  const stored = new Set(localCloud.engine.all('crash').map((d) => d._id as string))
  const missing = acked.filter((id) => !stored.has(id))
  expect(missing).toEqual([])
  for (const id of stored) {
    if (!id.startsWith('p')) continue
    const other = id.endsWith('a') ? id.slice(0, -1) + 'b' : id.slice(0, -1) + 'a'
    expect(stored.has(other)).toBe(true)
  }
  // and the database keeps working after the crash
  await sdk()
    .database()
    .collection('crash')
    .add({ data: { after: true } })
}, 60_000)

test('a torn last line (crash mid-append) is dropped and the log repaired', async () => {
  localCloud.open({ dataDir: dir })
  localCloud.engine.createCollection('t', [])
  localCloud.engine.insert('t', [{ _id: 'a' }, { _id: 'b' }])
  localCloud.close()
  fs.appendFileSync(logFile(), '{"s":{"$numberInt":"99"},"o":[{"t":"put","c":"t","doc":{"_id":"torn"')
  const tornSize = size(logFile())

  localCloud.open({ dataDir: dir })
  expect(localCloud.engine.all('t').map((d) => d._id)).toEqual(['a', 'b'])
  expect(localCloud.engine.storageInfo()!.tornBytesDropped).toBeGreaterThan(0)
  expect(size(logFile())).toBeLessThan(tornSize)
  localCloud.engine.insert('t', { _id: 'c' })
  localCloud.close()

  // a complete last line that does not parse is treated the same way
  fs.appendFileSync(logFile(), 'garbage\n')
  localCloud.open({ dataDir: dir })
  expect(localCloud.engine.all('t').map((d) => d._id)).toEqual(['a', 'b', 'c'])
  localCloud.close()

  // but a corrupt record in the middle is refused rather than silently skipped
  const lines = fs.readFileSync(logFile(), 'utf8').split('\n')
  lines[1] = '{broken'
  fs.writeFileSync(logFile(), lines.join('\n'))
  expect(() => localCloud.open({ dataDir: dir })).toThrow(/corrupt record on line 2/)
})

test('compaction on open rewrites the snapshot and empties the log; nothing is lost', () => {
  localCloud.open({ dataDir: dir, compactMinBytes: 4096 })
  localCloud.engine.createCollection('counter', [])
  localCloud.engine.insert('counter', [{ _id: 'c', n: 0 }, { _id: 'keep', v: 'x' }, { _id: 'gone' }])
  for (let i = 0; i < 500; i++) localCloud.engine.update('counter', { _id: 'c' }, { $inc: { n: 1 } })
  localCloud.engine.remove('counter', { _id: 'gone' })
  const grown = size(logFile())
  expect(grown).toBeGreaterThan(20_000)
  localCloud.close()

  localCloud.open({ dataDir: dir, compactMinBytes: 4096 })
  const info = localCloud.engine.storageInfo()!
  expect(info.compactions).toBe(1)
  expect(info.logBytes).toBe(0)
  expect(size(logFile())).toBe(0)
  expect(info.snapshotBytes).toBeLessThan(1000)
  expect(localCloud.engine.all('counter')).toEqual([
    { _id: 'c', n: 500 },
    { _id: 'keep', v: 'x' }
  ])
  localCloud.engine.update('counter', { _id: 'c' }, { $inc: { n: 1 } })
  localCloud.close()

  localCloud.open({ dataDir: dir, compactMinBytes: 4096 })
  expect(localCloud.engine.storageInfo()!.compactions).toBe(0) // small log: no compaction
  expect(localCloud.engine.get('counter', 'c')).toEqual({ _id: 'c', n: 501 })
  expect(localCloud.engine.collectionNames()).toContain('counter')
})

test('a write appends one record of the document’s size, whatever the size of the collection', () => {
  localCloud.open({ dataDir: dir })
  localCloud.engine.createCollection('big', [idx('k', ['k', 1])])
  const doc = (i: number) => ({ _id: `id${String(i).padStart(8, '0')}`, k: i % 100, body: 'y'.repeat(100) })
  localCloud.engine.insert('big', [doc(0), doc(1)])
  let s0 = size(logFile())
  localCloud.engine.insert('big', doc(2))
  const small = size(logFile()) - s0
  localCloud.engine.insert(
    'big',
    Array.from({ length: 20_000 }, (_, i) => doc(10 + i))
  )
  s0 = size(logFile())
  localCloud.engine.insert('big', doc(3))
  const large = size(logFile()) - s0
  expect(small).toBeGreaterThan(100)
  expect(large).toBe(small)
  // an update is also one record of one document
  s0 = size(logFile())
  localCloud.engine.update('big', { _id: doc(3)._id }, { $set: { k: 7 } })
  expect(size(logFile()) - s0).toBeLessThan(small + 50)
})

test('one transaction is one log record', async () => {
  localCloud.open({ dataDir: dir })
  localCloud.engine.createCollection('acc', [])
  localCloud.engine.insert('acc', [
    { _id: 'a', v: 1 },
    { _id: 'b', v: 1 }
  ])
  const lines = () => fs.readFileSync(logFile(), 'utf8').split('\n').filter(Boolean).length
  const before = lines()
  await sdk()
    .database()
    .runTransaction(async (t: { collection(n: string): { doc(id: string): { update(o: { data: object }): Promise<unknown> } } }) => {
      await t
        .collection('acc')
        .doc('a')
        .update({ data: { v: 0 } })
      await t
        .collection('acc')
        .doc('b')
        .update({ data: { v: 2 } })
    })
  expect(lines()).toBe(before + 1)
})

test('a data dir in use by another live process is refused; reset() empties it', () => {
  fs.mkdirSync(path.join(dir, 'db'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'db', 'LOCK'), String(process.ppid))
  expect(() => localCloud.open({ dataDir: dir })).toThrow(/in use by process/)
  fs.writeFileSync(path.join(dir, 'db', 'LOCK'), '999999999') // a dead process: taken over
  localCloud.open({ dataDir: dir })
  localCloud.engine.createCollection('r', [])
  localCloud.engine.insert('r', { a: 1 })
  localCloud.reset()
  localCloud.close()
  localCloud.open({ dataDir: dir })
  expect(localCloud.engine.hasCollection('r')).toBe(false)
  expect(localCloud.engine.count('users', {})).toBe(0)
})

test('the ID number key: made beside the data on first open (mode 0600), the same after a restart, given to the functions; memory mode has one per process', async () => {
  const keyFile = path.join(dir, ID_NUMBER_KEY_FILE)
  const saved = process.env[ID_NUMBER_KEY_ENV]
  try {
    localCloud.open({ dataDir: null })
    const memoryKey = process.env[ID_NUMBER_KEY_ENV]
    expect(Buffer.from(String(memoryKey), 'base64')).toHaveLength(32)

    localCloud.open({ dataDir: dir })
    const key = fs.readFileSync(keyFile, 'utf8').trim()
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(process.env[ID_NUMBER_KEY_ENV]).toBe(key)
    // what a function sees when it runs, whoever calls it
    const { value } = await localCloud.runAs({ openid: 'o1' }, () => process.env[ID_NUMBER_KEY_ENV])
    expect(value).toBe(key)

    localCloud.close()
    localCloud.open({ dataDir: null })
    expect(process.env[ID_NUMBER_KEY_ENV]).toBe(memoryKey)
    localCloud.close()
    localCloud.open({ dataDir: dir })
    expect(process.env[ID_NUMBER_KEY_ENV]).toBe(key)
    expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(key)
  } finally {
    if (saved === undefined) delete process.env[ID_NUMBER_KEY_ENV]
    else process.env[ID_NUMBER_KEY_ENV] = saved
  }
})
