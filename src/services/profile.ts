import { PRIVACY_VERSION, type MyProfile, type Result } from '@/contract'
import { call } from './call'

/** The app store's three round trips (users.me and the two settings it keeps), so the store holds state only. */
export function fetchProfile(): Promise<Result<MyProfile>> {
  return call('users.me', {})
}

export function saveLargeFont(on: boolean): Promise<Result<MyProfile>> {
  return call('users.setPreferences', { largeFont: on })
}

/** Records agreement to the current version of the privacy notice. */
export function recordPrivacyConsent(): Promise<Result<MyProfile>> {
  return call('users.acceptPrivacy', { version: PRIVACY_VERSION })
}
