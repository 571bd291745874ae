/**
 * `npm run deploy -- --env <环境ID> [--dry-run]`: brings a CloudBase environment to what the
 * repository declares (desired.ts), with Tencent's management SDK. Reads what exists, prints the
 * plan (plan.ts), stops there with --dry-run, otherwise applies only the difference and reads again
 * to confirm. Credentials come from the environment only: TENCENTCLOUD_SECRETID,
 * TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for a temporary key).
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { actualFromRaw } from './actual'
import { applyStep, connect, readRaw, type Credentials } from './adapter'
import { desiredState, type Env } from './desired'
import { buildPlan, describePlan, describeStep } from './plan'

const root = join(__dirname, '..', '..')

function stop(message: string): never {
  console.error(`\n✖ ${message}`)
  process.exit(1)
}

/** The key pair from the environment; a Chinese refusal naming what is missing otherwise. */
export function credentialsFrom(env: Env): Credentials | string {
  const secretId = env.TENCENTCLOUD_SECRETID?.trim()
  const secretKey = env.TENCENTCLOUD_SECRETKEY?.trim()
  const missing = [!secretId && 'TENCENTCLOUD_SECRETID', !secretKey && 'TENCENTCLOUD_SECRETKEY'].filter(Boolean)
  if (missing.length) {
    return `缺少腾讯云 API 密钥：请在本机设置环境变量 ${missing.join('、')}（在腾讯云控制台「访问管理 → API 密钥管理」创建；不要写进仓库里的任何文件）`
  }
  return { secretId: secretId as string, secretKey: secretKey as string, token: env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { env: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } })
  const envId = values.env?.trim()
  if (!envId) stop('请用 --env 指定云开发环境 ID，例如：npm run deploy -- --env wenming-1a2b3c [--dry-run]')
  const creds = credentialsFrom(process.env)
  if (typeof creds === 'string') stop(creds)
  const desired = desiredState(root, process.env)
  const app = connect(envId, creds)
  console.log(`读取环境 ${envId} 的现状…`)
  const plan = buildPlan(desired, actualFromRaw(await readRaw(app, envId, desired)))
  console.log(describePlan(plan).join('\n'))
  if (plan.problems.length) stop('计划有需要先解决的问题（见上），没有做任何修改')
  if (values['dry-run']) {
    console.log('\n--dry-run：只打印计划，没有做任何修改')
    return
  }
  const buildDir = join(root, 'build', 'cloudfunctions')
  for (const [i, step] of plan.steps.entries()) {
    console.log(`▶ ${i + 1}/${plan.steps.length} ${describeStep(step)}`)
    try {
      await applyStep(app, envId, step, buildDir)
    } catch (e) {
      stop(`第 ${i + 1} 步失败：${e instanceof Error ? e.message : String(e)}\n  修好原因后再运行一次即可：已完成的步骤会被识别出来，不会重做`)
    }
  }
  if (plan.steps.length === 0) return
  const again = buildPlan(desired, actualFromRaw(await readRaw(app, envId, desired)))
  if (again.steps.length) stop(`复查时仍有 ${again.steps.length} 项与仓库不一致（云端可能还在处理，稍后再运行一次）：\n${describePlan(again).join('\n')}`)
  console.log('\n✔ 复查：环境已与仓库一致')
}

if (require.main === module) {
  main().catch((e: unknown) => stop(`部署失败：${e instanceof Error ? e.message : String(e)}`))
}
