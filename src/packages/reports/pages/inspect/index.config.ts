export default definePageConfig({
  navigationBarTitleText: '督导上报'
})
