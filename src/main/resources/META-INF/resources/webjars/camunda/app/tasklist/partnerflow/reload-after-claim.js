// Tasklist plugin: after the operator claims "Hand over admin credentials", reload the task once, so
// that its form is loaded again for its assignee and shows the temporary password (the server adds it
// to the form variables for the assignee only, trust.HandOverPasswordFilter). Tasklist itself keeps the
// variables it loaded before the claim. At most one reload per task and browser tab.
const MARKER = 'shown once you have claimed this task';

function reloadIfClaimedButHidden() {
  const form = document.querySelector('.task-details .fjs-form');
  if (!form || document.querySelector('.task-details .disabled-form') || !form.textContent.includes(MARKER)) {
    return;
  }
  const taskId = new URLSearchParams(window.location.hash.split('?')[1] || '').get('task') || 'current';
  const key = 'partnerflow.reloadedAfterClaim.' + taskId;
  if (window.sessionStorage.getItem(key)) {
    return;
  }
  window.sessionStorage.setItem(key, '1');
  window.location.reload();
}

let installed = false;

export default {
  id: 'partnerflow.reloadAfterClaim',
  pluginPoint: 'tasklist.navbar.action',
  priority: 0,
  render: () => {
    if (installed) {
      return;
    }
    installed = true;
    let pending = null;
    new MutationObserver(() => {
      clearTimeout(pending);
      pending = setTimeout(reloadIfClaimedButHidden, 300);
    }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});
  }
};
