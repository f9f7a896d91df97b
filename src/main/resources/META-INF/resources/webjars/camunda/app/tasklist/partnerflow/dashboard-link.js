// Tasklist plugin: a "Dashboard" link in the navigation bar, to partnerflow's dashboard (/dashboard).
export default {
  id: 'partnerflow.dashboardLink',
  pluginPoint: 'tasklist.navbar.action',
  priority: 10,
  render: (node) => {
    const link = document.createElement('a');
    link.href = '/dashboard';
    link.id = 'partnerflow-dashboard-link';
    link.textContent = 'Dashboard';
    link.title = 'Onboarding dashboard: funnel, cycle times, SLA breaches';
    link.style.padding = '0 12px';
    link.style.lineHeight = '50px';
    node.appendChild(link);
  }
};
