export default definePageConfig({
  navigationBarTitleText: '巡查排班'
})
