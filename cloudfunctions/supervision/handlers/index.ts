import type { Handlers } from '../../_shared/router'
import { submitPatrol } from '../submit'
import { counts, mine, patrol } from './patrols'
import { cancelPatrol, generateRoster, roster, schedule } from './roster'
import { saveTemplate, template, templates } from './templates'
import { recordVisit, visit, visitCoverage, visitHouseholds, visits } from './visits'

export const handlers: Handlers<'supervision'> = {
  templates,
  template,
  saveTemplate,
  schedule,
  generateRoster,
  cancelPatrol,
  roster,
  mine,
  patrol,
  submitPatrol,
  counts,
  recordVisit,
  visits,
  visit,
  visitCoverage,
  visitHouseholds
}
