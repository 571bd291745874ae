export default definePageConfig({
  navigationBarTitleText: '周通报 · 月通报'
})
