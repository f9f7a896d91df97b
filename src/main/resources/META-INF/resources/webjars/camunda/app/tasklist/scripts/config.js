// Tasklist configuration of partnerflow (replaces the webapp's default config.js; the shortcuts
// below are Camunda's defaults, kept as they were).
export default {
  // A "Dashboard" link in the navigation bar, to the manager dashboard (operators may read it too), and
  // a reload of "Hand over admin credentials" after its claim, so its form shows the password
  customScripts: ['partnerflow/dashboard-link', 'partnerflow/reload-after-claim'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
