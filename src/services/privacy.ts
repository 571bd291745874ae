/**
 * Platform privacy hooks. H5 has no platform consent of its own; the app's notice and
 * users.acceptPrivacy are the whole story there. The weapp build uses privacy.weapp.ts.
 */
export type PlatformPrivacyResolve = (agreed: boolean) => void

/** Registers a listener for the platform asking for consent (weapp: onNeedPrivacyAuthorization). */
export function listenForPlatformPrivacy(_onNeed: (resolve: PlatformPrivacyResolve) => void): void {
  // nothing to listen to outside WeChat
}

/** Before a privacy-relevant API: resolves true if the platform allows it now. */
export function requirePlatformPrivacy(): Promise<boolean> {
  return Promise.resolve(true)
}

/** Id of the agree button; WeChat checks that this exact button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'
/** In weapp the agree button must carry open-type="agreePrivacyAuthorization". */
export const AGREE_OPEN_TYPE: 'agreePrivacyAuthorization' | undefined = undefined
