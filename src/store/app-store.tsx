import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type PropsWithChildren } from 'react'
import { PRIVACY_VERSION, type Fail, type MyProfile, type Result } from '@/contract'
import { onConsentRequired } from '@/services/consent-events'
import { cacheLargeFont, readCachedLargeFont } from '@/services/prefs'
import { fetchProfile, recordPrivacyConsent, saveLargeFont } from '@/services/profile'
import { listenForPlatformPrivacy, requirePlatformPrivacy, type PlatformPrivacyResolve } from '@/services/privacy'

export type ProfileStatus = 'loading' | 'ready' | 'error'

export interface PrivacyState {
  /** The notice is on screen. */
  open: boolean
  /** The person said no in this session; we do not ask again until they open the notice. */
  refused: boolean
  /** users.acceptPrivacy is in flight. */
  saving: boolean
  /** The last failure recording consent, shown inside the notice. */
  error: string | null
}

export interface AppStore {
  profile: MyProfile | null
  status: ProfileStatus
  error: Fail | null
  reload: () => Promise<void>
  setProfile: (profile: MyProfile) => void
  largeFont: boolean
  /** Applies at once, then saves; reverts and returns the failure if saving fails. */
  setLargeFont: (on: boolean) => Promise<Result<MyProfile>>
  /** True when the profile has not accepted the current privacy version. */
  needsConsent: boolean
  privacy: PrivacyState
  openPrivacy: () => void
  acceptPrivacy: () => Promise<Result<MyProfile>>
  refusePrivacy: () => void
  /**
   * Call before any privacy-relevant API (location, photos, phone): shows the notice if
   * consent is missing, waits for the answer, then asks the platform. false = refused.
   */
  ensurePrivacy: () => Promise<boolean>
}

const AppStoreContext = createContext<AppStore | null>(null)

export function AppStoreProvider({ children }: PropsWithChildren) {
  const [profile, setProfileState] = useState<MyProfile | null>(null)
  const [status, setStatus] = useState<ProfileStatus>('loading')
  const [error, setError] = useState<Fail | null>(null)
  const [largeFont, setLargeFontState] = useState<boolean>(() => readCachedLargeFont())
  const [privacy, setPrivacy] = useState<PrivacyState>({ open: false, refused: false, saving: false, error: null })
  const platformResolve = useRef<PlatformPrivacyResolve | null>(null)
  const consentWaiters = useRef<Array<(agreed: boolean) => void>>([])
  const mounted = useRef(true)

  const setProfile = useCallback((next: MyProfile) => {
    setProfileState(next)
    setLargeFontState(next.largeFont)
    cacheLargeFont(next.largeFont)
  }, [])

  const reload = useCallback(async () => {
    setStatus('loading')
    setError(null)
    const res = await fetchProfile()
    if (!mounted.current) return
    if (res.ok) {
      setProfile(res.data)
      setStatus('ready')
    } else {
      setError(res)
      setStatus('error')
    }
  }, [setProfile])

  useEffect(() => {
    mounted.current = true
    void reload()
    listenForPlatformPrivacy((resolve) => {
      platformResolve.current = resolve
      setPrivacy((state) => ({ ...state, open: true, error: null }))
    })
    return () => {
      mounted.current = false
    }
  }, [reload])

  // Any page whose action the server refused for want of consent: show the notice again.
  useEffect(() => onConsentRequired(() => setPrivacy((state) => ({ ...state, open: true, refused: false, error: null }))), [])

  const needsConsent = status === 'ready' && profile !== null && profile.privacyVersion !== PRIVACY_VERSION

  // First launch (or a new version of the notice): show it before anything privacy-relevant.
  useEffect(() => {
    if (needsConsent && !privacy.refused) setPrivacy((state) => (state.open ? state : { ...state, open: true }))
  }, [needsConsent, privacy.refused])

  const setLargeFont = useCallback(
    async (on: boolean): Promise<Result<MyProfile>> => {
      const before = largeFont
      setLargeFontState(on)
      cacheLargeFont(on)
      const res = await saveLargeFont(on)
      if (res.ok) {
        setProfile(res.data)
      } else {
        setLargeFontState(before)
        cacheLargeFont(before)
      }
      return res
    },
    [largeFont, setProfile]
  )

  const settlePlatform = (agreed: boolean) => {
    const resolve = platformResolve.current
    platformResolve.current = null
    resolve?.(agreed)
  }

  const settleWaiters = (agreed: boolean) => {
    const waiters = consentWaiters.current
    consentWaiters.current = []
    waiters.forEach((resolve) => resolve(agreed))
  }

  const openPrivacy = useCallback(() => setPrivacy((state) => ({ ...state, open: true, error: null })), [])

  const acceptPrivacy = useCallback(async (): Promise<Result<MyProfile>> => {
    // The tap itself is the agreement WeChat asks for; let the waiting API go on.
    settlePlatform(true)
    setPrivacy((state) => ({ ...state, saving: true, error: null }))
    const res = await recordPrivacyConsent()
    if (res.ok) {
      setProfile(res.data)
      setPrivacy({ open: false, refused: false, saving: false, error: null })
      settleWaiters(true)
    } else {
      setPrivacy((state) => ({ ...state, saving: false, error: res.message }))
    }
    return res
  }, [setProfile])

  const refusePrivacy = useCallback(() => {
    settlePlatform(false)
    settleWaiters(false)
    setPrivacy({ open: false, refused: true, saving: false, error: null })
  }, [])

  const ensurePrivacy = useCallback(async (): Promise<boolean> => {
    if (needsConsent) {
      const agreed = await new Promise<boolean>((resolve) => {
        consentWaiters.current.push(resolve)
        setPrivacy((state) => ({ ...state, open: true, refused: false, error: null }))
      })
      if (!agreed) return false
    }
    return requirePlatformPrivacy()
  }, [needsConsent])

  const value = useMemo<AppStore>(
    () => ({
      profile,
      status,
      error,
      reload,
      setProfile,
      largeFont,
      setLargeFont,
      needsConsent,
      privacy,
      openPrivacy,
      acceptPrivacy,
      refusePrivacy,
      ensurePrivacy
    }),
    [profile, status, error, reload, setProfile, largeFont, setLargeFont, needsConsent, privacy, openPrivacy, acceptPrivacy, refusePrivacy, ensurePrivacy]
  )

  return <AppStoreContext.Provider value={value}>{children}</AppStoreContext.Provider>
}

export function useAppStore(): AppStore {
  const store = useContext(AppStoreContext)
  if (!store) throw new Error('useAppStore must be used inside <AppStoreProvider>')
  return store
}
