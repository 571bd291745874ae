export default definePageConfig({
  navigationBarTitleText: '防刷与审批规则'
})
