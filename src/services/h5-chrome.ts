/**
 * The parts of the H5 screen outside the pages: Taro's navigation bar and tab bar (see
 * h5-chrome.h5.ts). The weapp has its own (native bar, src/custom-tab-bar): nothing to do here.
 */
export function decorateChrome(_largeFont: boolean): void {}
