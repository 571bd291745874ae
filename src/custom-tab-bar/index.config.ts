// The weapp's custom tab bar is a custom component, not a page.
export default {
  component: true
}
