/** Checklist templates (巡查表): kept by the town office, versioned; read by whoever schedules patrols. */
import type { ActionName, ParsedInputOf, PatrolTemplate } from '@/contract'
import type { Ctx } from '../../_shared/router'
import { C } from '../../_shared/collections'
import { auditEntry } from '../../_shared/audit'
import { fail } from '../../_shared/errors'
import { newId } from '../../_shared/ids'
import type { TemplateDoc, TemplateVersionDoc } from '../docs'
import { enabledCategories, requireTemplate } from '../repo'
import { nextItems } from '../rules'
import { toTemplate } from '../view'

type In<A extends ActionName> = ParsedInputOf<A>

/** Templates are few (a town keeps a handful): one unfiltered read, sorted here. */
const MAX_TEMPLATES = 100

export const versionIdOf = (templateId: string, version: number) => `${templateId}@${version}`

export async function templates(input: In<'supervision.templates'>, ctx: Ctx): Promise<PatrolTemplate[]> {
  const rows = await ctx.store.find<TemplateDoc>(C.patrol_templates, {}, { limit: MAX_TEMPLATES })
  return rows
    .filter((t) => t.enabled || input.includeDisabled === true)
    .sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.name.localeCompare(b.name, 'zh'))
    .map(toTemplate)
}

export async function template(input: In<'supervision.template'>, ctx: Ctx): Promise<PatrolTemplate> {
  const t = await requireTemplate(ctx.store, input.templateId)
  if (input.version === undefined || input.version === t.version) return toTemplate(t)
  const old = await ctx.store.findOne<TemplateVersionDoc>(C.patrol_template_versions, { _id: versionIdOf(t._id, input.version) })
  if (!old) return fail('NOT_FOUND', `这张巡查表没有第 ${input.version} 版`)
  return toTemplate({ ...t, name: old.name, version: old.version, items: old.items, updatedAt: old.createdAt })
}

/**
 * Creates or changes a template, conditional on the revision the form was loaded at. A change of the
 * items is a new version, kept on its own; patrols already scheduled or done keep the version they have.
 */
export async function saveTemplate(input: In<'supervision.saveTemplate'>, ctx: Ctx): Promise<PatrolTemplate> {
  const now = ctx.now()
  const [categories, existing] = await Promise.all([enabledCategories(ctx.store), input.id ? requireTemplate(ctx.store, input.id) : Promise.resolve(null)])
  input.items.forEach((item, i) => {
    if (!categories.has(item.category)) fail('INVALID_INPUT', `第 ${i + 1} 项的问题类别不存在或已停用`, { [`items.${i}.category`]: '问题类别不存在或已停用' })
  })
  if (existing && input.rev !== existing.rev) fail('CONFLICT', '巡查表刚被他人修改，请刷新后再改')
  const next = nextItems(existing, input.items, (code) => categories.get(code)?.name ?? code)
  if (next.unknownKeys.length > 0) fail('INVALID_INPUT', '检查项编号不属于这张巡查表', { items: '检查项编号不属于这张巡查表' })
  const id = existing?._id ?? newId('tpl')
  const version = existing ? (next.changed ? existing.version + 1 : existing.version) : 1
  const doc: TemplateDoc = {
    _id: id,
    name: input.name,
    description: input.description ?? null,
    version,
    items: next.items,
    enabled: input.enabled,
    nextKey: next.nextKey,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? ctx.userId,
    updatedAt: now,
    updatedBy: ctx.userId,
    rev: (existing?.rev ?? 0) + 1
  }
  const newVersion = !existing || next.changed
  await ctx.store.transaction(async (tx) => {
    const cur = await tx.get<TemplateDoc>(C.patrol_templates, id)
    if ((cur?.rev ?? 0) !== (existing?.rev ?? 0)) fail('CONFLICT', '巡查表刚被他人修改，请刷新后再改')
    const { _id, ...body } = doc
    void _id
    await tx.set(C.patrol_templates, id, body)
    if (newVersion) {
      const v: TemplateVersionDoc = { _id: versionIdOf(id, version), templateId: id, version, name: doc.name, items: doc.items, createdAt: now, createdBy: ctx.userId }
      await tx.insert(C.patrol_template_versions, v)
    }
    await tx.insert(C.audit_log, auditEntry(ctx, 'patrol_template', id, existing ? 'update' : 'create', { name: doc.name, version, items: doc.items.length, enabled: doc.enabled }))
  })
  return toTemplate(doc)
}
