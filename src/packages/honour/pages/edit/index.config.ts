export default definePageConfig({
  navigationBarTitleText: '编辑光荣榜'
})
