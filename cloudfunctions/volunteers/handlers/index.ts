import type { Handlers } from '../../_shared/router'
import { activities, activity, cancelActivity, publishActivity, saveActivity } from './activities'
import { checkinCode, personalCode, scan, scanPersonal, setCheckInMode } from './checkin'
import { approveHours, certificate, correctHours, manualCheck, myHours, pendingHours } from './hours'
import { me, register, saveSettings, settings } from './registration'
import { exportRoster, roster } from './roster'
import { cancelSignup, signup } from './signups'
import { joinTeam, members, reviewMember, saveTeam, teamOverview, teams } from './teams'

export const handlers: Handlers<'volunteers'> = {
  me,
  register,
  teams,
  saveTeam,
  joinTeam,
  members,
  reviewMember,
  teamOverview,
  activities,
  activity,
  saveActivity,
  publishActivity,
  cancelActivity,
  signup,
  cancelSignup,
  checkinCode,
  scan,
  setCheckInMode,
  personalCode,
  scanPersonal,
  manualCheck,
  correctHours,
  pendingHours,
  approveHours,
  roster,
  exportRoster,
  myHours,
  certificate,
  settings,
  saveSettings
}
