/*
 * The four virtues of 四德 (社会公德、职业道德、家庭美德、个人品德) and the finer categories of a good deed
 * under them: one vocabulary for 善行档案 (deeds: DEED_GROUPS, DEED_CATEGORIES) and 四德榜 (honour:
 * HONOUR_VIRTUES, HONOUR_CATEGORIES), which re-export it under their own names.
 */

export const VIRTUES = ['social', 'professional', 'family', 'personal'] as const
export type Virtue = (typeof VIRTUES)[number]
export const VIRTUE_LABELS: Record<Virtue, string> = { social: '社会公德', professional: '职业道德', family: '家庭美德', personal: '个人品德' }

export const DEED_KINDS = ['helping', 'bravery', 'honesty', 'dedication', 'filial'] as const
export type DeedKind = (typeof DEED_KINDS)[number]
export const DEED_KIND_LABELS: Record<DeedKind, string> = { helping: '助人为乐', bravery: '见义勇为', honesty: '诚实守信', dedication: '敬业奉献', filial: '孝老爱亲' }
/** The virtue each category stands under. */
export const DEED_KIND_VIRTUE: Record<DeedKind, Virtue> = { helping: 'social', bravery: 'social', honesty: 'personal', dedication: 'professional', filial: 'family' }
