export default definePageConfig({
  // One page for 新建评选 and 修改 (?id=): a title that fits both.
  navigationBarTitleText: '评选设置'
})
