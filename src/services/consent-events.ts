const listeners = new Set<() => void>()

/** `call` reports here each time the server answers that the privacy notice must be accepted first. */
export function consentRequired(): void {
  listeners.forEach((listener) => listener())
}

/**
 * Whichever page's action was refused for want of consent, the app store opens the notice again.
 * Returns the unsubscribe.
 */
export function onConsentRequired(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
