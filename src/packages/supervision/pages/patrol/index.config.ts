export default definePageConfig({
  navigationBarTitleText: '督导巡查'
})
