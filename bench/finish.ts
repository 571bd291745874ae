import { localCloud } from '../local-cloud'

/**
 * Says how many queries went without an index (as `<prefix>.unindexedQueries`), writes the figures
 * for scripts/bench.mjs (the @@RESULTS line) and closes the cloud.
 */
export function finish(prefix: string, figures: Record<string, number>): void {
  const warnings = localCloud.warnings.filter((w) => !w.allowed)
  if (warnings.length) console.log(`  ⚠ 未走索引的查询 ${warnings.length} 次：${warnings[0].message}`)
  figures[`${prefix}.unindexedQueries`] = warnings.length
  process.stdout.write(`\n@@RESULTS ${JSON.stringify(figures)}\n`)
  localCloud.close()
}
