import type { Handlers } from '../../_shared/router'
import { submitPatrol } from '../submit'
import { counts, mine, patrol } from './patrols'
import { dashboard } from './dashboard'
import { cancelPatrol, generateRoster, roster, schedule } from './roster'
import { saveTemplate, template, templates } from './templates'
import { recordVisit, visit, visitCoverage, visitHouseholds, visits } from './visits'
import * as cleaning from './cleaning'
import { decideInfo, editInfo, info, infoHalf, infos, submitInfo, withdrawInfo } from './info'
import * as bulletins from './bulletins'

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
  dashboard,
  recordVisit,
  visits,
  visit,
  visitCoverage,
  visitHouseholds,
  cleaningRules: cleaning.cleaningRules,
  saveCleaningRules: cleaning.saveCleaningRules,
  cleaners: cleaning.cleaners,
  saveCleaner: cleaning.saveCleaner,
  zones: cleaning.zones,
  zone: cleaning.zone,
  saveZone: cleaning.saveZone,
  inspectZone: cleaning.inspectZone,
  findings: cleaning.findings,
  finding: cleaning.finding,
  cleanerSheet: cleaning.cleanerSheet,
  exportCleanerSheets: cleaning.exportCleanerSheets,
  appealFinding: cleaning.appealFinding,
  decideAppeal: cleaning.decideAppeal,
  rectifyNotices: cleaning.rectifyNotices,
  submitInfo,
  editInfo,
  withdrawInfo,
  decideInfo,
  infos,
  info,
  infoHalf,
  scoringScheme: bulletins.scoringScheme,
  saveScoringScheme: bulletins.saveScoringScheme,
  generateBulletin: bulletins.generateBulletin,
  bulletins: bulletins.bulletins,
  bulletin: bulletins.bulletin,
  editBulletin: bulletins.editBulletin,
  openBulletinReview: bulletins.openBulletinReview,
  bulletinFigures: bulletins.bulletinFigures,
  contestBulletin: bulletins.contestBulletin,
  answerContest: bulletins.answerContest,
  publishBulletin: bulletins.publishBulletin,
  exportBulletin: bulletins.exportBulletin,
  publicBulletins: bulletins.publicBulletins,
  publicBulletin: bulletins.publicBulletin,
  bulletinLetters: bulletins.bulletinLetters,
  answerBulletinLetter: bulletins.answerBulletinLetter
}
