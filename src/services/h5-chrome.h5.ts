import '@/styles/h5-chrome.scss'

/**
 * H5: Taro draws the navigation bar (turned on by `window.navigationStyle: 'default'`) and the tab
 * bar outside every page, so 长辈模式 reaches them through a class on <html> (`wm-elder`), and the
 * bar's icon-only buttons get their words (返回, 首页) and a role for screen readers and tests.
 * Called by every page's PageShell; idempotent.
 */
export function decorateChrome(largeFont: boolean): void {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle('wm-elder', largeFont)
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar || bar.dataset.wmLabelled) return
  bar.dataset.wmLabelled = '1'
  label(bar, 'taro-navigation-bar-back', '返回')
  label(bar, 'taro-navigation-bar-home', '首页')
}

function label(bar: HTMLElement, className: string, text: string): void {
  const button = bar.getElementsByClassName(className)[0]
  if (!button) return
  button.setAttribute('role', 'button')
  button.setAttribute('aria-label', text)
  const words = document.createElement('span')
  words.className = 'wm-nav-label'
  words.textContent = text
  button.appendChild(words)
}
