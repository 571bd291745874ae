export default definePageConfig({
  navigationBarTitleText: '记走访'
})
